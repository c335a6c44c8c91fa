// Package data holds labelled points: in the plane, the article's two
// Gaussian clouds and the other generated datasets, user point sets, and
// their CSV form; in d dimensions, Samples, the clouds carried to d
// dimensions (CloudsIn) and any two isotropic Gaussian classes
// (GaussianStream, GaussianSamples), and their CSV form.
//
// Generation is deterministic for a seed and uses only portable arithmetic,
// so the same seed gives bit-identical points natively and under js/wasm.
// Every Gaussian generator runs one loop, GaussianStream's, so the clouds in
// two dimensions are the article's clouds bit for bit.
package data
