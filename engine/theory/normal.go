package theory

import "math"

// normalCDF returns Φ(x), the standard normal distribution function,
// ½·erfc(−x/√2): what gonum's distuv.UnitNormal.CDF computes, bit for bit
// (the tests compare them). gonum's stat/distuv imports gonum/mat, which
// would put LAPACK in the browser module (see package lbfgs).
//
// math.Erfc calls math.Exp, whose last bit differs between amd64 and
// WebAssembly: the closed forms are drawn beside measured curves and
// compared with a tolerance, and nothing is trained on them.
func normalCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
