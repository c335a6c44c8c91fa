package spd

import "math"

// N is the largest system size: the three parameters of a line in the
// plane and its offset.
const N = 3

// Solve returns d with (H + μI)·d = −g on the parameters where free is
// true, and d = 0 elsewhere: the rows and columns of the other parameters
// are left out of the system. Only the lower triangle of h is read. It
// reports false, with d = 0, if that system is not positive definite
// (a pivot that is not a positive finite number).
func Solve(h [N][N]float64, g [N]float64, free [N]bool, mu float64) (d [N]float64, ok bool) {
	var idx [N]int
	k := 0
	for j := range N {
		if free[j] {
			idx[k] = j
			k++
		}
	}
	var l [N][N]float64
	for i := range k {
		for j := 0; j <= i; j++ {
			sum := h[idx[i]][idx[j]]
			if i == j {
				sum += mu
			}
			for m := range j {
				sum -= l[i][m] * l[j][m]
			}
			if i != j {
				l[i][j] = sum / l[j][j]
				continue
			}
			if !(sum > 0) || math.IsInf(sum, 0) {
				return [N]float64{}, false
			}
			l[i][i] = math.Sqrt(sum)
		}
	}
	var y [N]float64
	for i := range k {
		sum := -g[idx[i]]
		for m := range i {
			sum -= l[i][m] * y[m]
		}
		y[i] = sum / l[i][i]
	}
	for i := k - 1; i >= 0; i-- {
		sum := y[i]
		for m := i + 1; m < k; m++ {
			sum -= l[m][i] * d[idx[m]]
		}
		d[idx[i]] = sum / l[i][i]
	}
	return d, true
}

// Damped returns d = −(H + μI)⁻¹·g on the free parameters and 0 elsewhere,
// with μ = 0 if that step is at most radius long (Euclidean norm), and
// otherwise μ = ‖g‖/radius, which keeps it within radius when H is
// positive semi-definite: a Levenberg–Marquardt step. Where the plain
// Newton step is absurdly long, as when H is nearly singular, the damping
// bends it towards −g. Should the factorization fail, or the step still be
// too long (H only numerically semi-definite), μ grows a hundredfold; −g
// scaled to radius is the last resort. It returns 0 for g = 0 on the free
// parameters. It panics if radius is not positive.
func Damped(h [N][N]float64, g [N]float64, free [N]bool, radius float64) [N]float64 {
	if !(radius > 0) {
		panic("spd: Damped radius must be positive")
	}
	var gg float64
	for j := range N {
		if free[j] {
			gg += g[j] * g[j]
		}
	}
	if gg == 0 {
		return [N]float64{}
	}
	gnorm := math.Sqrt(gg)
	mu := 0.0
	for range 20 {
		d, ok := Solve(h, g, free, mu)
		if ok && math.Sqrt(d[0]*d[0]+d[1]*d[1]+d[2]*d[2]) <= radius {
			return d
		}
		mu = max(100*mu, gnorm/radius)
	}
	var d [N]float64
	for j := range N {
		if free[j] {
			d[j] = -g[j] * radius / gnorm
		}
	}
	return d
}
