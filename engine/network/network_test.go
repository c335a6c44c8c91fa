package network

import (
	"math"
	"strings"
	"testing"

	"advplay/engine/data"
	"advplay/engine/logistic"
)

// smallNets are the architectures of the gradient checks: every depth, both
// activations, single units, and widths that leave remainders in the
// kernels' tiles.
var smallNets = []struct {
	dim int
	c   Config
}{
	{5, Config{Hidden: []int{4}, Activation: Tanh}},
	{5, Config{Hidden: []int{3}, Activation: ReLU}},
	{7, Config{Hidden: []int{6, 5}, Activation: Tanh}},
	{7, Config{Hidden: []int{5, 3}, Activation: ReLU}},
	{9, Config{Hidden: []int{4, 3, 2}, Activation: Tanh}},
	{3, Config{Hidden: []int{1, 7, 1}, Activation: ReLU}},
}

// newSmall returns the network of smallNets[i] with random biases (New
// sets them to 0, which would leave their gradients' paths untested).
func newSmall(t *testing.T, i int) *Network {
	t.Helper()
	s := smallNets[i]
	n, err := New(s.dim, s.c, uint64(100+i))
	if err != nil {
		t.Fatal(err)
	}
	rnd := data.NewRand(uint64(200 + i))
	for _, l := range n.layers {
		for j := range l.out {
			n.params[l.b+j] = rnd.Float64() - 0.5
		}
	}
	return n
}

// randomPoints returns count points of dimension dim in [0, 1) with labels
// alternating 0 and 1.
func randomPoints(count, dim int, seed uint64) data.Samples {
	rnd := data.NewRand(seed)
	s := data.Samples{Dim: dim, X: make([]float64, count*dim), Labels: make([]uint8, count)}
	for i := range s.X {
		s.X[i] = rnd.Float64()
	}
	for i := range s.Labels {
		s.Labels[i] = uint8(i % 2)
	}
	return s
}

// TestGradientsFiniteDifferences checks InputGrad and ParamGrad against
// central differences (J(v+h) − J(v−h))/2h with h = 1e-6: the truncation
// error, h²·J‴/6, is about 1e-13 here and the rounding error about
// 1e-16·J/h ≈ 1e-10, so 1e-7 absolute leaves room and still catches any
// wrong term (which would be off by at least 1e-3 on these scales). ReLU's
// kinks are met with probability about h·(number of units) per point, and
// these seeds meet none.
func TestGradientsFiniteDifferences(t *testing.T) {
	const h, tol = 1e-6, 1e-7
	for i, s := range smallNets {
		n := newSmall(t, i)
		pts := randomPoints(4, s.dim, uint64(300+i))
		for pi := range pts.Len() {
			x := append([]float64(nil), pts.Row(pi)...)
			y := float64(pts.Labels[pi])
			gx := n.InputGrad(x, y, nil)
			for k := range x {
				v := x[k]
				x[k] = v + h
				up := n.Loss(x, y)
				x[k] = v - h
				down := n.Loss(x, y)
				x[k] = v
				if fd := (up - down) / (2 * h); math.Abs(fd-gx[k]) > tol {
					t.Errorf("%v point %d: ∂J/∂x%d = %v, finite difference %v", s.c, pi, k, gx[k], fd)
				}
			}
			grad := make([]float64, n.NumParams())
			n.ParamGrad(grad, x, y)
			for k := range n.params {
				v := n.params[k]
				n.params[k] = v + h
				up := n.Loss(x, y)
				n.params[k] = v - h
				down := n.Loss(x, y)
				n.params[k] = v
				if fd := (up - down) / (2 * h); math.Abs(fd-grad[k]) > tol {
					t.Errorf("%v point %d: ∂J/∂θ%d = %v, finite difference %v", s.c, pi, k, grad[k], fd)
				}
			}
		}
	}
}

// TestBatchMatchesPerPoint checks the batched methods against the per-point
// ones, bit for bit: Logits against Logit, InputGrads against InputGrad,
// and the batch's parameter gradient with unit weights against ParamGrad
// summed over the points in order, since every sum runs in the same order.
// 1 to 70 points cover partial tiles and several chunks of 64.
func TestBatchMatchesPerPoint(t *testing.T) {
	for i, s := range smallNets {
		n := newSmall(t, i)
		for _, count := range []int{1, 3, 4, 9, 70} {
			pts := randomPoints(count, s.dim, uint64(count))
			z := make([]float64, count)
			n.Logits(pts.X, z)
			gx := make([]float64, len(pts.X))
			n.InputGrads(pts, gx)
			want := make([]float64, n.NumParams())
			for p := range count {
				x, y := pts.Row(p), float64(pts.Labels[p])
				if l := n.Logit(x); math.Float64bits(l) != math.Float64bits(z[p]) {
					t.Fatalf("%v n=%d: Logits[%d] = %v, Logit %v", s.c, count, p, z[p], l)
				}
				g := n.InputGrad(x, y, nil)
				for k, v := range g {
					if math.Float64bits(v) != math.Float64bits(gx[p*s.dim+k]) {
						t.Fatalf("%v n=%d: InputGrads[%d][%d] = %v, InputGrad %v", s.c, count, p, k, gx[p*s.dim+k], v)
					}
				}
				n.ParamGrad(want, x, y)
			}
			if count > chunkPoints {
				continue // the batch gradient is taken over one batch
			}
			b := newBatch(n, count, false)
			b.transposeWeights(n)
			n.batchForward(b, pts.X, count)
			for p := range count {
				b.r[p] = logistic.Residual(b.z[p], float64(pts.Labels[p]))
			}
			grad := make([]float64, n.NumParams())
			n.batchBackward(b, pts.X, count, grad, nil)
			for k := range grad {
				if math.Float64bits(grad[k]) != math.Float64bits(want[k]) {
					t.Fatalf("%v n=%d: batch ∂J/∂θ%d = %v, Σ ParamGrad %v", s.c, count, k, grad[k], want[k])
				}
			}
		}
	}
}

// TestNewValidates checks the errors of New and Config.Validate.
func TestNewValidates(t *testing.T) {
	for _, tc := range []struct {
		dim  int
		c    Config
		want string // in the error; "" for none
	}{
		{784, DefaultConfig(), ""},
		{1, Config{Hidden: []int{1}}, ""},
		{784, Config{Hidden: []int{256, 256, 256}, Activation: Tanh}, ""},
		{0, DefaultConfig(), "dimension is 0"},
		// (d+1)·255 + 256 parameters: 3,999,931 for d = 15,684.
		{15684, Config{Hidden: []int{255}}, ""},
		{15685, Config{Hidden: []int{255}}, "more than 4000000 parameters"},
		{784, Config{}, "hidden has 0 layers"},
		{784, Config{Hidden: []int{8, 8, 8, 8}}, "hidden has 4 layers"},
		{784, Config{Hidden: []int{8, 0}}, "hidden layer 2 has 0 units"},
		{784, Config{Hidden: []int{257}}, "hidden layer 1 has 257 units"},
		{784, Config{Hidden: []int{8}, Activation: "sigmoid"}, `activation "sigmoid"`},
	} {
		_, err := New(tc.dim, tc.c, 1)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("New(%d, %+v): %v", tc.dim, tc.c, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("New(%d, %+v) error %v, want one containing %q", tc.dim, tc.c, err, tc.want)
		}
	}
}

// TestParams checks the layout and the copies: NumParams = Σ (in+1)·out,
// SetParams then Params round-trips, Clone is independent, FirstLayer is
// unit j's row, and New fills the weights within the Glorot and He
// limits with biases 0.
func TestParams(t *testing.T) {
	n, err := New(10, Config{Hidden: []int{4, 3}, Activation: ReLU}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := n.NumParams(), (10+1)*4+(4+1)*3+(3+1)*1; got != want {
		t.Fatalf("NumParams = %d, want %d", got, want)
	}
	// He for the ReLU layers, Glorot for the output layer.
	limits := []float64{math.Sqrt(6.0 / 10), math.Sqrt(6.0 / 4), math.Sqrt(6.0 / 4)}
	for i, l := range n.layers {
		for k, w := range n.params[l.w:l.b] {
			if math.Abs(w) > limits[i] {
				t.Errorf("layer %d weight %d = %v beyond ±%v", i, k, w, limits[i])
			}
		}
		for k, b := range n.params[l.b : l.b+l.out] {
			if b != 0 {
				t.Errorf("layer %d bias %d = %v, want 0", i, k, b)
			}
		}
	}
	p := n.Params(make([]float64, n.NumParams()))
	c := n.Clone()
	p[0] = 42
	n.SetParams(p)
	if got := n.Params(make([]float64, n.NumParams()))[0]; got != 42 {
		t.Errorf("after SetParams, parameter 0 is %v, want 42", got)
	}
	if c.params[0] == 42 {
		t.Error("the clone changed with the original")
	}
	if got := n.FirstLayer(1); len(got) != 10 || &got[0] != &n.params[10] {
		t.Errorf("FirstLayer(1) is not parameters 10 to 19")
	}
	if n.Config().String() != "4-3 relu" {
		t.Errorf("Config().String() = %q, want %q", n.Config().String(), "4-3 relu")
	}
}

// TestPanics checks the programmer errors: a point of the wrong length, or
// a parameter vector of the wrong length.
func TestPanics(t *testing.T) {
	n, _ := New(4, Config{Hidden: []int{2}}, 1)
	for name, f := range map[string]func(){
		"Logit":     func() { n.Logit(make([]float64, 3)) },
		"InputGrad": func() { n.InputGrad(make([]float64, 4), 1, make([]float64, 3)) },
		"ParamGrad": func() { n.ParamGrad(make([]float64, 3), make([]float64, 4), 1) },
		"Params":    func() { n.Params(nil) },
		"SetParams": func() { n.SetParams(make([]float64, 1)) },
		"Logits":    func() { n.Logits(make([]float64, 7), make([]float64, 2)) },
	} {
		func() {
			defer func() {
				r := recover()
				if s, ok := r.(string); !ok || !strings.HasPrefix(s, "network: ") {
					t.Errorf("%s: recovered %v, want a panic starting with \"network: \"", name, r)
				}
			}()
			f()
		}()
	}
}
