package mlp

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/diff/fd"

	"advplay/engine/data"
	"advplay/engine/model"
)

var gradArchs = []Config{
	{Hidden: []int{2}, Activation: Tanh},
	{Hidden: []int{5}, Activation: ReLU},
	{Hidden: []int{16, 16}, Activation: Tanh},
	{Hidden: []int{16, 16}, Activation: ReLU},
	{Hidden: []int{3, 7, 4}, Activation: Tanh},
	{Hidden: []int{8, 2, 32}, Activation: ReLU},
	{Hidden: []int{32, 32, 32}, Activation: Tanh},
}

// nearKink reports whether some ReLU pre-activation at x is within tol of
// 0, where the loss is not differentiable and finite differences straddle
// the kink.
func nearKink(m *MLP, x [2]float64, tol float64) bool {
	if !m.relu {
		return false
	}
	in := x[:]
	for _, l := range m.layers[:len(m.layers)-1] {
		out := make([]float64, l.out)
		for j := range out {
			a := m.params[l.b+j]
			for i, v := range in {
				a += m.params[l.w+j*l.in+i] * v
			}
			if math.Abs(a) < tol {
				return true
			}
			out[j] = max(a, 0)
		}
		in = out
	}
	return false
}

// TestGradientsMatchFiniteDifferences checks ∇ₓJ and ∇_θJ against central
// differences from gonum/diff/fd. With step h = 1e-6 the truncation error is
// O(h²·J‴) ≈ 1e-12 and the rounding error O(ε_mach·J/h) ≈ 1e-10, so 1e-6
// (the tolerance) has a wide margin. Points whose ReLU
// pre-activations come within 1e-3 of a kink are skipped: a difference
// across the kink measures neither one-sided derivative.
func TestGradientsMatchFiniteDifferences(t *testing.T) {
	const tol = 1e-6
	settings := &fd.Settings{Formula: fd.Central, Step: 1e-6}
	for ai, c := range gradArchs {
		m, err := New(c, uint64(10+ai))
		if err != nil {
			t.Fatal(err)
		}
		// Give the biases non-zero values so that every part of the
		// gradient is exercised.
		rnd := data.NewRand(uint64(100 + ai))
		for _, l := range m.layers {
			for j := range l.out {
				m.params[l.b+j] = rnd.Float64() - 0.5
			}
		}
		checked := 0
		for trial := 0; checked < 6 && trial < 100; trial++ {
			x := [2]float64{4*rnd.Float64() - 1, 4*rnd.Float64() - 1}
			y := float64(trial % 2)
			if nearKink(m, x, 1e-3) {
				continue
			}
			checked++
			gx := m.InputGrad(x, y)
			want := fd.Gradient(nil, func(v []float64) float64 {
				return model.Loss(m, [2]float64{v[0], v[1]}, y)
			}, x[:], settings)
			for k := range 2 {
				if d := math.Abs(gx[k] - want[k]); d > tol {
					t.Errorf("%v x=%v y=%v: ∂J/∂x%d = %v, finite differences %v", c, x, y, k+1, gx[k], want[k])
				}
			}
			theta := m.Params(make([]float64, m.NumParams()))
			grad := make([]float64, m.NumParams())
			m.ParamGrad(grad, x, y)
			probe := m.Clone()
			wantTheta := fd.Gradient(nil, func(v []float64) float64 {
				probe.SetParams(v)
				return model.Loss(probe, x, y)
			}, theta, settings)
			for k := range grad {
				if d := math.Abs(grad[k] - wantTheta[k]); d > tol {
					t.Errorf("%v x=%v y=%v: ∂J/∂θ%d = %v, finite differences %v", c, x, y, k, grad[k], wantTheta[k])
				}
			}
		}
		if checked < 6 {
			t.Errorf("%v: only %d points away from ReLU kinks", c, checked)
		}
	}
}

// TestParamGradAccumulates checks that ParamGrad adds to grad.
func TestParamGradAccumulates(t *testing.T) {
	m, _ := New(DefaultConfig(), 1)
	x, y := [2]float64{0.3, 1.2}, 1.0
	once := make([]float64, m.NumParams())
	m.ParamGrad(once, x, y)
	twice := make([]float64, m.NumParams())
	m.ParamGrad(twice, x, y)
	m.ParamGrad(twice, x, y)
	for k := range once {
		if twice[k] != 2*once[k] {
			t.Fatalf("θ%d: twice %v, once %v", k, twice[k], once[k])
		}
	}
}

// TestClone checks that a clone computes the same logits as the original
// and that training either leaves the other unchanged.
func TestClone(t *testing.T) {
	m, _ := New(Config{Hidden: []int{5, 3}, Activation: ReLU}, 2)
	c := m.Clone().(*MLP)
	x := [2]float64{0.7, -0.4}
	if c.Logit(x) != m.Logit(x) || c.Config().String() != m.Config().String() {
		t.Fatalf("clone: logit %v, config %v; original %v, %v", c.Logit(x), c.Config(), m.Logit(x), m.Config())
	}
	before := m.Logit(x)
	c.Init(9)
	if m.Logit(x) != before {
		t.Errorf("reinitializing the clone moved the original's logit from %v to %v", before, m.Logit(x))
	}
}

func TestNumParams(t *testing.T) {
	for _, tc := range []struct {
		hidden []int
		want   int
	}{
		{[]int{2}, 3*2 + 3},                            // (2+1)·2 + (2+1)·1
		{[]int{16, 16}, 3*16 + 17*16 + 17},             // 337
		{[]int{32, 32, 32}, 3*32 + 33*32 + 33*32 + 33}, // 2241
	} {
		m, err := New(Config{Hidden: tc.hidden}, 1)
		if err != nil {
			t.Fatal(err)
		}
		if m.NumParams() != tc.want {
			t.Errorf("%v: %d parameters, want %d", tc.hidden, m.NumParams(), tc.want)
		}
	}
}

func TestConfigValidate(t *testing.T) {
	for _, tc := range []struct {
		c     Config
		field string // "" for a valid config
	}{
		{DefaultConfig(), ""},
		{Config{Hidden: []int{2}}, ""},
		{Config{Hidden: []int{32, 32, 32}, Activation: ReLU}, ""},
		{Config{}, "hidden"},
		{Config{Hidden: []int{4, 4, 4, 4}}, "hidden"},
		{Config{Hidden: []int{1}}, "hidden layer 1"},
		{Config{Hidden: []int{8, 33}}, "hidden layer 2"},
		{Config{Hidden: []int{8, -1}}, "hidden layer 2"},
		{Config{Hidden: []int{8}, Activation: "sigmoid"}, "activation"},
		{Config{Hidden: []int{8}, Activation: "Tanh"}, "activation"},
	} {
		err := tc.c.Validate()
		_, newErr := New(tc.c, 1)
		switch {
		case tc.field == "" && (err != nil || newErr != nil):
			t.Errorf("%+v: unexpected error %v / %v", tc.c, err, newErr)
		case tc.field != "" && (err == nil || newErr == nil):
			t.Errorf("%+v: no error", tc.c)
		case tc.field != "" && !contains(err.Error(), tc.field):
			t.Errorf("%+v: error %q does not name %q", tc.c, err, tc.field)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func TestLogitGridMatchesLogit(t *testing.T) {
	for _, c := range gradArchs {
		m, _ := New(c, 4)
		xs := []float64{-1, -0.25, 0.5, 1.25, 2, 2.75}
		ys := []float64{-1.5, 0, 1, 3.5}
		out := make([]float64, len(xs)*len(ys))
		m.LogitGrid(xs, ys, out)
		x1 := make([]float64, 0, len(out))
		x2 := make([]float64, 0, len(out))
		for j, v := range ys {
			for i, u := range xs {
				if got, want := out[j*len(xs)+i], m.Logit([2]float64{u, v}); got != want {
					t.Errorf("%v: grid (%v, %v) = %v, Logit %v", c, u, v, got, want)
				}
				x1, x2 = append(x1, u), append(x2, v)
			}
		}
		batch := make([]float64, len(out))
		m.Logits(x1, x2, batch)
		for k := range out {
			if batch[k] != out[k] {
				t.Errorf("%v: Logits[%d] = %v, grid %v", c, k, batch[k], out[k])
			}
		}
	}
}

func TestPanics(t *testing.T) {
	m, _ := New(DefaultConfig(), 1)
	for name, f := range map[string]func(){
		"Params":    func() { m.Params(make([]float64, 3)) },
		"SetParams": func() { m.SetParams(nil) },
		"ParamGrad": func() { m.ParamGrad(make([]float64, 1), [2]float64{}, 0) },
		"LogitGrid": func() { m.LogitGrid([]float64{1, 2}, []float64{1}, make([]float64, 3)) },
		"Logits":    func() { m.Logits([]float64{1}, []float64{1, 2}, make([]float64, 1)) },
	} {
		func() {
			defer func() {
				r := recover()
				if s, ok := r.(string); !ok || !contains(s, "mlp: "+name) {
					t.Errorf("%s: panic %v, want one prefixed with mlp: %s", name, r, name)
				}
			}()
			f()
		}()
	}
}

func TestInit(t *testing.T) {
	a, _ := New(DefaultConfig(), 7)
	b, _ := New(DefaultConfig(), 7)
	c, _ := New(DefaultConfig(), 8)
	pa, pb, pc := a.Params(make([]float64, a.NumParams())), b.Params(make([]float64, a.NumParams())), c.Params(make([]float64, a.NumParams()))
	same, differ := true, false
	for k := range pa {
		same = same && pa[k] == pb[k]
		differ = differ || pa[k] != pc[k]
	}
	if !same || !differ {
		t.Errorf("seeded init: same seed equal %v, other seed differs %v", same, differ)
	}
	// Glorot: the first layer of 2→16 tanh units has limit √(6/18) ≈ 0.577.
	for _, v := range pa[:32] {
		if math.Abs(v) > math.Sqrt(6.0/18) {
			t.Fatalf("first-layer weight %v beyond the Glorot limit", v)
		}
	}
}
