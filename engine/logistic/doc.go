// Package logistic provides the logistic function σ(z) = 1/(1+e^{−z}), the
// log-loss built on it, and Exp, a portable exponential that every other
// engine package uses in place of math.Exp.
//
// Exp is written in plain float64 arithmetic, so it returns bit-identical
// results on amd64 and js/wasm, where the Go compiler never fuses a multiply
// and an add. math.Exp does not: on amd64 it is assembly with a different
// algorithm from the pure Go code that js/wasm runs, and the two can differ
// in the last bit. Using Exp everywhere is what lets the command-line
// experiment and the browser produce the same weights for the same scene.
package logistic
