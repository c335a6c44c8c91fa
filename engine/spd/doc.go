// Package spd solves the small symmetric positive-definite systems of
// Newton's method on two or three parameters, such as logistic
// regression's (w₁, w₂, b): (H + μI)·d = −g by the Cholesky factorization
// H + μI = L·Lᵀ, and the damped (Levenberg–Marquardt) step that keeps d
// within a trust radius when H is nearly singular.
//
// The arithmetic is plain float64 in a fixed order, so a solve gives the
// same bits natively and in WebAssembly. gonum's mat.Cholesky does the
// same job through LAPACK and BLAS, which for systems this small cost 2.6 MB
// of the browser module's code (every reader downloads it); the tests
// check these solves against it.
package spd
