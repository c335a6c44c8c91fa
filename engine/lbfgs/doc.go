// Package lbfgs minimizes a smooth function of many parameters by L-BFGS,
// the limited-memory quasi-Newton method (J. Nocedal, S. Wright, "Numerical
// Optimization", 2nd ed., Springer 2006, §7.2), with a line search that
// finds a step satisfying the strong Wolfe conditions (ibid., §3.5,
// Algorithms 3.5 and 3.6).
//
// It talks to its caller by reverse communication, as gonum/optimize's
// LinesearchMethod does: the caller evaluates the function and its
// gradient wherever Method asks, so that it can spread one evaluation, a
// pass over thousands of points, over several slices of work, stop after
// any iteration, and go on later with the curvature memory intact:
//
//	op, err := m.Init(&loc) // loc holds X, F and Gradient at the start
//	for err == nil {
//		if op == Evaluate {
//			loc.F = f(loc.X, loc.Gradient)
//		}
//		// op == MajorIteration: loc is a new iterate; stop or go on.
//		op, err = m.Iterate(&loc)
//	}
//
// # Why not gonum
//
// gonum/optimize does the same, but it imports gonum/mat, whose package
// initialization keeps every method of mat.Dense in a binary that also
// links reflection's method lookup (text/template does, in the browser
// module through Ebiten's shader compiler): LAPACK and BLAS, 2.6 MB of
// the page's WebAssembly, which every reader downloads. And its vector
// kernels are assembly on amd64 and Go in WebAssembly, which round
// differently, so a training's last bits differed between the command line
// and the page. Here every sum is a plain loop in a fixed order: the same
// bits on every platform.
package lbfgs
