package portable

import "math"

// Hypot returns √(p²+q²) without overflow or underflow in the squares:
// with |p| ≥ |q|, |p|·√(1+(q/p)²). It is Go's pure Go math.hypot, which
// the amd64 assembly of math.Hypot follows operation for operation, so it
// returns math.Hypot's bits on amd64 too; the error is at most about
// 1.5 ulp.
//
// Special cases are as for math.Hypot: Hypot(±Inf, q) = Hypot(p, ±Inf) =
// +Inf, otherwise Hypot(NaN, q) = Hypot(p, NaN) = NaN.
func Hypot(p, q float64) float64 {
	p, q = math.Abs(p), math.Abs(q)
	switch {
	case math.IsInf(p, 1) || math.IsInf(q, 1):
		return math.Inf(1)
	case math.IsNaN(p) || math.IsNaN(q):
		return math.NaN()
	}
	if p < q {
		p, q = q, p
	}
	if p == 0 {
		return 0
	}
	q = q / p
	return p * math.Sqrt(1+q*q)
}
