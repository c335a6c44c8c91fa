package mlp

import (
	"math"
	"testing"

	"advplay/engine/data"
)

// TestBatchMatchesPerPoint checks the batch kernel against the per-point
// methods: the logits (Logits, and inside training) and the input
// gradients (InputGrads) bit for bit, since every sum over a layer's inputs
// runs in the same order; and the weighted parameter gradient to 1e-12
// relative, since its sums over points run in another order and differ by
// rounding only (about n·ε_mach times the largest term, ≈ 1e-13). Batches
// of 2 to 74 points cover partial blocks and several chunks.
func TestBatchMatchesPerPoint(t *testing.T) {
	for ai, c := range gradArchs {
		m, err := New(c, uint64(20+ai))
		if err != nil {
			t.Fatal(err)
		}
		rnd := data.NewRand(uint64(30 + ai))
		for _, l := range m.layers {
			for j := range l.out {
				m.params[l.b+j] = rnd.Float64() - 0.5
			}
		}
		for _, n := range []int{1, 3, 4, 7, 37} {
			points := data.Moons(n, 0.3, uint64(n))
			var w work
			w.reset(m, len(points))
			want := make([]float64, m.NumParams())
			for i, p := range points {
				ci := 1 + float64(i%3) // uneven weights
				w.set(i, p.X, p.Y, p.Target(), ci)
				g := make([]float64, m.NumParams())
				m.ParamGrad(g, p.Vec(), p.Target())
				for k := range g {
					want[k] += ci * g[k]
				}
			}
			grad := make([]float64, m.NumParams())
			m.batchLossGrad(&w, grad)
			for i, p := range points {
				if got, z := w.z[i/lanes][i%lanes], m.Logit(p.Vec()); got != z {
					t.Errorf("%v n=%d: batch logit %d = %v, Logit %v", c, n, i, got, z)
				}
			}
			scale := 0.0
			for _, v := range want {
				scale = math.Max(scale, math.Abs(v))
			}
			for k := range grad {
				if math.Abs(grad[k]-want[k]) > 1e-12*scale {
					t.Errorf("%v n=%d: batch ∂J/∂θ%d = %v, per point %v", c, n, k, grad[k], want[k])
				}
			}
			// Input gradients, bit for bit.
			x1, x2, y := make([]float64, len(points)), make([]float64, len(points)), make([]float64, len(points))
			for i, p := range points {
				x1[i], x2[i], y[i] = p.X, p.Y, p.Target()
			}
			g1, g2 := make([]float64, len(points)), make([]float64, len(points))
			m.InputGrads(x1, x2, y, g1, g2)
			logits := make([]float64, len(points))
			m.Logits(x1, x2, logits)
			for i, p := range points {
				g := m.InputGrad(p.Vec(), p.Target())
				if g1[i] != g[0] || g2[i] != g[1] {
					t.Errorf("%v n=%d: InputGrads of point %d = (%v, %v), InputGrad %v", c, n, i, g1[i], g2[i], g)
				}
				if z := m.Logit(p.Vec()); logits[i] != z {
					t.Errorf("%v n=%d: Logits[%d] = %v, Logit %v", c, n, i, logits[i], z)
				}
			}
		}
	}
}
