package linear

import (
	"math"
	"testing"

	"advplay/engine/attack"
	"advplay/engine/data"
)

// TestPlane checks the plane of several models: U and V are unit vectors,
// orthogonal (1e-15, a few roundings of sums of d terms of size 1/d), U is
// along w, a point on the boundary has h = 0 and a point at distance t
// along ŵ has h = t, and the attack steps project as AttackStep says: the
// horizontal part is −s·Reach, and FGM has no vertical part.
func TestPlane(t *testing.T) {
	t.Parallel()
	rnd := data.NewRand(8)
	random := make([]float64, 33)
	for j := range random {
		random[j] = rnd.NormFloat64()
	}
	alternating := []float64{1, -1, 1, -1, 1}
	for _, c := range []struct {
		name string
		m    Model
		// V, when known: the alternating vector, or after the fallback e₁
		// made orthogonal to ŵ: for ŵ = (1,−1,1,−1,1)/√5 that is
		// e₁ − ŵ/√5 = (4, 1, −1, 1, −1)/5, of length √0.8.
		wantV []float64
	}{
		{"best line, d = 4", Bisector(data.CloudMeans(4)), []float64{0.5, -0.5, 0.5, -0.5}},
		{"random, d = 33", Model{W: random, B: 0.7}, nil},
		{"w along the alternating vector", Model{W: alternating, B: 1}, []float64{0.8 / math.Sqrt(0.8), 0.2 / math.Sqrt(0.8), -0.2 / math.Sqrt(0.8), 0.2 / math.Sqrt(0.8), -0.2 / math.Sqrt(0.8)}},
		{"d = 2", Model{W: []float64{3, 4}, B: -5}, nil},
	} {
		p, err := NewPlane(c.m)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		const tol = 1e-15 * 8
		if math.Abs(dot(p.U, p.U)-1) > tol || math.Abs(dot(p.V, p.V)-1) > tol || math.Abs(dot(p.U, p.V)) > tol {
			t.Errorf("%s: |U|² = %v, |V|² = %v, U·V = %v", c.name, dot(p.U, p.U), dot(p.V, p.V), dot(p.U, p.V))
		}
		if cos := dot(p.U, c.m.W) / c.m.Norm2(); math.Abs(cos-1) > tol {
			t.Errorf("%s: U·ŵ = %v, want 1", c.name, cos)
		}
		if c.wantV != nil {
			for j := range c.wantV {
				if math.Abs(p.V[j]-c.wantV[j]) > tol {
					t.Errorf("%s: V = %v, want %v", c.name, p.V, c.wantV)
					break
				}
			}
		}
		// x₀ = −b·w/‖w‖² is on the boundary; x₀ + t·ŵ is at distance t.
		x := make([]float64, c.m.Dim())
		n2 := c.m.Norm2()
		for j, v := range c.m.W {
			x[j] = -c.m.B*v/(n2*n2) + 1.5*v/n2
		}
		if h, _ := p.Project(x); math.Abs(h-1.5) > 1e-14 {
			t.Errorf("%s: a point at distance 1.5 projects to h = %v", c.name, h)
		}
		for label := range 2 {
			s := float64(2*label - 1)
			for _, ball := range []attack.Norm{attack.LInf, attack.L2} {
				dh, dv := p.AttackStep(c.m, label, 0.1, ball)
				h0, v0 := p.Project(x)
				h1, v1 := p.Project(c.m.Perturb(make([]float64, len(x)), x, label, 0.1, ball))
				if math.Abs(h1-h0-dh) > 1e-14 || math.Abs(v1-v0-dv) > 1e-14 {
					t.Errorf("%s, label %d, %s: the attacked point moves by (%v, %v), AttackStep (%v, %v)", c.name, label, ball, h1-h0, v1-v0, dh, dv)
				}
				if want := -s * c.m.Reach(0.1, ball); math.Abs(dh-want) > 1e-14 {
					t.Errorf("%s, label %d, %s: dh = %v, want −s·Reach = %v", c.name, label, ball, dh, want)
				}
				if ball == attack.L2 && math.Abs(dv) > 1e-15 {
					t.Errorf("%s, label %d: FGM's vertical step is %v, want 0", c.name, label, dv)
				}
			}
		}
	}
}

func TestPlaneDegenerate(t *testing.T) {
	t.Parallel()
	p, err := NewPlane(Model{W: []float64{-2}, B: 1})
	if err != nil || p.V != nil || p.U[0] != -1 {
		t.Errorf("d = 1: %+v, %v; want U = (−1), no V", p, err)
	}
	if h, v := p.Project([]float64{3}); h != -3+0.5 || v != 0 {
		t.Errorf("d = 1: Project(3) = (%v, %v), want (−2.5, 0)", h, v)
	}
	for _, m := range []Model{{W: []float64{0, 0}}, {W: []float64{math.NaN(), 1}}, {W: []float64{1, 1}, B: math.Inf(1)}} {
		if _, err := NewPlane(m); err == nil {
			t.Errorf("NewPlane(%+v): no error", m)
		}
	}
}
