package scene

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"advplay/engine/data"
)

// inkySamples returns n seeded points of dimension d, most coordinates 0
// as on digits, the others spread along a dominant direction, so that the
// first principal direction stands well apart from the second.
func inkySamples(n, d int) data.Samples {
	rng := rand.New(rand.NewPCG(7, 11))
	s := data.Samples{Dim: d, X: make([]float64, n*d), Labels: make([]uint8, n)}
	for i := range n {
		a := rng.NormFloat64() * 3
		for j := range d {
			if rng.IntN(5) == 0 { // one coordinate in five is ink
				s.X[i*d+j] = math.Abs(a*math.Sin(float64(j)) + rng.NormFloat64()*0.3)
			}
		}
		s.Labels[i] = uint8(i % 2)
	}
	return s
}

// TestInkSums checks that the sums over the ink are the dense sums bit for
// bit, and that principal finds the covariance's leading eigenvector, as
// gonum's symmetric eigendecomposition gives it.
func TestInkSums(t *testing.T) {
	const n, d = 300, 40
	s := inkySamples(n, d)
	k := inkOf(s)
	y := make([]float64, d)
	for j := range y {
		y[j] = math.Cos(float64(3 * j))
	}
	for i := range n {
		if got, want := k.dot(i, y), dot(s.Row(i), y); math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("digit %d: ink·y = %v, the dense sum %v", i, got, want)
		}
		sparse, dense := make([]float64, d), make([]float64, d)
		k.addScaled(sparse, -1.5, i)
		addScaled(dense, -1.5, s.Row(i))
		for j := range d {
			if math.Float64bits(sparse[j]) != math.Float64bits(dense[j]) {
				t.Fatalf("digit %d, coordinate %d: %v, the dense sum %v", i, j, sparse[j], dense[j])
			}
		}
	}

	p, mid := principal(k, d)
	cov := mat.NewSymDense(d, nil)
	var mean []float64
	for j := range d {
		mean = append(mean, mat.Sum(mat.NewVecDense(n, mat.Col(nil, j, mat.NewDense(n, d, s.X))))/n)
	}
	for a := range d {
		for b := a; b < d; b++ {
			var c float64
			for i := range n {
				c += (s.X[i*d+a] - mean[a]) * (s.X[i*d+b] - mean[b])
			}
			cov.SetSym(a, b, c/n)
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(cov, true) {
		t.Fatal("gonum's eigendecomposition failed")
	}
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	lead := mat.Col(nil, d-1, &vecs) // ascending eigenvalues
	var cos float64
	for j := range d {
		cos += p[j] * lead[j]
	}
	if math.Abs(cos) < 1-1e-6 {
		t.Errorf("principal direction · gonum's leading eigenvector = %v, want ±1 within 1e-6", cos)
	}
	var sum float64
	for _, v := range p {
		sum += v
	}
	if sum < 0 {
		t.Errorf("Σ p = %v, want ≥ 0", sum)
	}
	if want := dot(p, mean); math.Abs(mid-want) > 1e-12 {
		t.Errorf("mid = %v, want p·x̄ = %v", mid, want)
	}
}
