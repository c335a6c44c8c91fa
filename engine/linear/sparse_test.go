package linear

import (
	"reflect"
	"testing"

	"advplay/engine/data"
)

// sparseSamples returns n points in d dimensions, about three coordinates
// in four 0 and the rest N(0, 1), labelled by the sign of their first
// coordinates' sum plus noise: not separable, so the fit takes many
// iterations.
func sparseSamples(n, d int, seed uint64) data.Samples {
	rnd := data.NewRand(seed)
	s := data.Samples{Dim: d, X: make([]float64, n*d), Labels: make([]uint8, n)}
	for i := range n {
		row := s.X[i*d : (i+1)*d]
		var sum float64
		for j := range row {
			if rnd.Float64() < 0.25 {
				row[j] = rnd.NormFloat64()
			}
			if j < 5 {
				sum += row[j]
			}
		}
		if sum+rnd.NormFloat64() > 0 {
			s.Labels[i] = 1
		}
	}
	return s
}

// TestSparseIdentical checks that FitOptions.Sparse changes no bit: the
// objective and gradient at random parameters, and the whole fit, with
// dimensions that do and do not divide by 4 (dot's tail), in one Fit and
// sliced into Steps.
func TestSparseIdentical(t *testing.T) {
	t.Parallel()
	rnd := data.NewRand(21)
	for _, d := range []int{1, 3, 8, 37, 100} {
		s := sparseSamples(400, d, uint64(d))
		dense, _ := NewFitter(s, FitOptions{})
		sparse, _ := NewFitter(s, FitOptions{Sparse: true})
		theta := make([]float64, d+1)
		for range 5 {
			for j := range theta {
				theta[j] = rnd.NormFloat64()
			}
			f1, g1 := objectiveAt(dense, theta)
			f2, g2 := objectiveAt(sparse, theta)
			if f1 != f2 || !reflect.DeepEqual(g1, g2) {
				t.Fatalf("d = %d: objective %v and %v, or gradients differ", d, f1, f2)
			}
		}
		want, err := Fit(s, FitOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := Fit(s, FitOptions{Sparse: true})
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("d = %d: sparse fit %+v, %v; dense %+v", d, got, err, want)
		}
		f, _ := NewFitter(s, FitOptions{Sparse: true})
		for !f.Step(7 * d) {
		}
		if sliced, err := f.Result(); err != nil || !reflect.DeepEqual(sliced, want) {
			t.Errorf("d = %d: sliced sparse fit %+v, %v; dense %+v", d, sliced, err, want)
		}
	}
}
