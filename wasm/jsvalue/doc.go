//go:build js && wasm

// Package jsvalue converts values between JavaScript and plain Go data for
// advplay's JavaScript API: whatever a caller hands in becomes maps,
// slices, float64s, strings and booleans, with limits that a hostile
// message cannot get past; whatever the API returns becomes plain
// JavaScript objects that follow the json struct tags exactly as
// encoding/json would, but keep NaN and ±Infinity as numbers.
//
// It imports syscall/js but not ebiten, so its tests run under Node
// (GOOS=js GOARCH=wasm go test -exec=$(go env GOROOT)/lib/wasm/go_js_wasm_exec),
// on the values the page actually receives.
package jsvalue
