// Package data holds labelled points in the plane: the article's two
// Gaussian clouds and the other generated datasets, user point sets, and
// their CSV form.
//
// Generation is deterministic for a seed and uses only portable arithmetic,
// so the same seed gives bit-identical points natively and under js/wasm.
package data
