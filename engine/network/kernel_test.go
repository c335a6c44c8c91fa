package network

import (
	"math"
	"testing"

	"advplay/engine/data"
)

// randomMatrix returns r×c values uniform in [−1, 1) from data.NewRand(seed),
// with every seventh one 0 (ReLU outputs and black pixels are often 0).
func randomMatrix(r, c int, seed uint64) []float64 {
	rnd := data.NewRand(seed)
	v := make([]float64, r*c)
	for i := range v {
		if i%7 != 3 {
			v[i] = 2*rnd.Float64() - 1
		}
	}
	return v
}

// ntRef and tnRef are the plain loops that nt and tn must reproduce bit for
// bit: one sum per output, its terms in ascending order.
func ntRef(a, b, init []float64, m, n, k int) []float64 {
	c := make([]float64, m*n)
	for i := range m {
		for j := range n {
			s := 0.0
			if init != nil {
				s = init[j]
			}
			for t := range k {
				s += a[i*k+t] * b[j*k+t]
			}
			c[i*n+j] = s
		}
	}
	return c
}

func tnRef(d, x []float64, m, n, k int) []float64 {
	c := make([]float64, n*k)
	for j := range n {
		for t := range k {
			s := 0.0
			for p := range m {
				s += d[p*n+j] * x[p*k+t]
			}
			c[j*k+t] = s
		}
	}
	return c
}

// kernelSizes cover every remainder of the tiles (4 rows and 2 columns in
// nt, 2 rows and 4 columns in tn, 2 terms per loop body), single rows and
// columns, and a first layer's shape.
var kernelSizes = [][3]int{
	{1, 1, 1}, {1, 2, 3}, {3, 1, 2}, {4, 2, 2}, {5, 3, 7}, {7, 5, 4},
	{8, 6, 9}, {9, 7, 11}, {13, 4, 1}, {2, 9, 6}, {12, 16, 784},
}

// TestKernelsMatchPlainLoops checks nt, tn and transpose against the plain
// loops, bit for bit, so that the tiles' shapes never change a result.
func TestKernelsMatchPlainLoops(t *testing.T) {
	for si, sz := range kernelSizes {
		m, n, k := sz[0], sz[1], sz[2]
		seed := uint64(10 * si)
		a, b := randomMatrix(m, k, seed+1), randomMatrix(n, k, seed+2)
		init := randomMatrix(1, n, seed+3)
		for _, in := range [][]float64{nil, init} {
			got := make([]float64, m*n)
			nt(got, a, b, in, m, n, k)
			want := ntRef(a, b, in, m, n, k)
			for i := range want {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					t.Fatalf("nt %v (init %v): c[%d] = %v, want %v", sz, in != nil, i, got[i], want[i])
				}
			}
		}
		d := randomMatrix(m, n, seed+4)
		got := make([]float64, n*k)
		tn(got, d, a, m, n, k)
		want := tnRef(d, a, m, n, k)
		for i := range want {
			if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
				t.Fatalf("tn %v: c[%d] = %v, want %v", sz, i, got[i], want[i])
			}
		}
		tr := make([]float64, n*k)
		transpose(tr, b, n, k)
		for j := range n {
			for i := range k {
				if tr[i*n+j] != b[j*k+i] {
					t.Fatalf("transpose %v: [%d,%d] = %v, want %v", sz, i, j, tr[i*n+j], b[j*k+i])
				}
			}
		}
	}
}
