// Package logistic provides the logistic function σ(z) = 1/(1+e^{−z}) and
// the log-loss built on it. The exponential is portable.Exp, so the
// command-line experiment and the browser get the same bits for the same
// scene.
package logistic
