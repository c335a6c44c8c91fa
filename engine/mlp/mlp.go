package mlp

import (
	"math"

	"advplay/engine/data"
	"advplay/engine/logistic"
	"advplay/engine/model"
	"advplay/engine/portable"
)

// MLP is a multilayer perceptron z(x) = w_o·h_L + b_o with hidden layers
// h_l = f(W_l·h_{l−1} + b_l), h_0 = x, and f = tanh or ReLU.
//
// Its parameters are one flat vector, layer by layer from the input side:
// for each hidden layer W_l (row-major, one row of inputs per unit) then
// b_l, and last the output weights w_o and bias b_o.
type MLP struct {
	cfg    Config
	relu   bool
	layers []layer // the hidden layers, then the output layer
	params []float64
}

// layer locates one layer's weights and biases in the parameter vector.
type layer struct {
	in, out int
	w, b    int // offsets of W (out×in, row-major) and b (out)
}

var _ model.Model = (*MLP)(nil)

// New returns an MLP with the architecture c and weights drawn from
// data.NewRand(seed): Glorot (Xavier) uniform, U(±√(6/(in+out))), for tanh
// layers and for the output layer; He uniform, U(±√(6/in)), for ReLU
// layers. Biases start at zero. It returns an error if c is invalid.
func New(c Config, seed uint64) (*MLP, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	c.Hidden = append([]int(nil), c.Hidden...)
	c.Activation = c.activation()
	m := &MLP{cfg: c, relu: c.Activation == ReLU}
	in, off := 2, 0
	for _, out := range append(append([]int(nil), c.Hidden...), 1) {
		m.layers = append(m.layers, layer{in: in, out: out, w: off, b: off + in*out})
		off += in*out + out
		in = out
	}
	m.params = make([]float64, off)
	m.Init(seed)
	return m, nil
}

// Init redraws the weights from data.NewRand(seed) as New does and sets the
// biases to zero.
func (m *MLP) Init(seed uint64) {
	rnd := data.NewRand(seed)
	last := len(m.layers) - 1
	for i, l := range m.layers {
		limit := math.Sqrt(6 / float64(l.in+l.out))
		if m.relu && i < last {
			limit = math.Sqrt(6 / float64(l.in))
		}
		w := m.params[l.w : l.w+l.in*l.out]
		for k := range w {
			w[k] = limit * (2*rnd.Float64() - 1)
		}
		clear(m.params[l.b : l.b+l.out])
	}
}

// Config returns the architecture.
func (m *MLP) Config() Config {
	c := m.cfg
	c.Hidden = append([]int(nil), c.Hidden...)
	return c
}

// NumParams returns the number of parameters: Σ (in+1)·out over the layers.
func (m *MLP) NumParams() int { return len(m.params) }

// Params copies the parameters into dst and returns it. It panics if
// len(dst) != NumParams.
func (m *MLP) Params(dst []float64) []float64 {
	if len(dst) != len(m.params) {
		panic("mlp: Params: dst length is not NumParams")
	}
	copy(dst, m.params)
	return dst
}

// SetParams sets the parameters from src. It panics if len(src) !=
// NumParams.
func (m *MLP) SetParams(src []float64) {
	if len(src) != len(m.params) {
		panic("mlp: SetParams: src length is not NumParams")
	}
	copy(m.params, src)
}

// Clone returns a deep copy of m, an *MLP.
func (m *MLP) Clone() model.Model {
	c := *m
	c.cfg.Hidden = append([]int(nil), m.cfg.Hidden...)
	c.layers = append([]layer(nil), m.layers...)
	c.params = append([]float64(nil), m.params...)
	return &c
}

// acts holds the hidden activations of one point.
type acts [MaxLayers][MaxUnits]float64

// forward returns the logit at (x0, x1) and leaves the hidden activations
// in h.
func (m *MLP) forward(x0, x1 float64, h *acts) float64 {
	p := m.params
	ls := m.layers
	// First hidden layer: two inputs.
	l := ls[0]
	w := p[l.w : l.w+2*l.out]
	b := p[l.b : l.b+l.out]
	out := h[0][:l.out]
	for j := range out {
		out[j] = w[2*j]*x0 + w[2*j+1]*x1 + b[j]
	}
	m.activate(out)
	in := out
	for k := 1; k < len(ls)-1; k++ {
		l := ls[k]
		w := p[l.w : l.w+l.in*l.out]
		b := p[l.b : l.b+l.out]
		out := h[k][:l.out]
		for j := range out {
			row := w[j*len(in) : (j+1)*len(in)]
			a := b[j]
			for i, v := range row {
				a += v * in[i]
			}
			out[j] = a
		}
		m.activate(out)
		in = out
	}
	l = ls[len(ls)-1]
	w = p[l.w : l.w+len(in)]
	z := p[l.b]
	for i, v := range w {
		z += v * in[i]
	}
	return z
}

// backward propagates dz, the derivative of the loss with respect to the
// logit, back through the activations h of the point (x0, x1) left by
// forward. It adds the parameter gradient to grad unless grad is nil, and
// returns the input gradient.
func (m *MLP) backward(x0, x1 float64, h *acts, dz float64, grad []float64) [2]float64 {
	p := m.params
	ls := m.layers
	var buf [2][MaxUnits]float64
	// Output layer.
	L := len(ls) - 1
	l := ls[L]
	hl := h[L-1][:l.in]
	wo := p[l.w : l.w+l.in]
	if grad != nil {
		g := grad[l.w : l.w+l.in]
		for i, v := range hl {
			g[i] += dz * v
		}
		grad[l.b] += dz
	}
	dl := buf[0][:l.in]
	for i, v := range hl {
		dl[i] = dz * wo[i] * deriv(v, m.relu)
	}
	d := m.backHidden(h, &buf, grad)
	// First hidden layer: two inputs.
	l = ls[0]
	w := p[l.w : l.w+2*l.out]
	dl = d[:l.out]
	var gx0, gx1 float64
	if grad != nil {
		g := grad[l.w : l.w+2*l.out]
		gb := grad[l.b : l.b+l.out]
		for j, dj := range dl {
			g[2*j] += dj * x0
			g[2*j+1] += dj * x1
			gb[j] += dj
		}
	}
	for j, dj := range dl {
		gx0 += dj * w[2*j]
		gx1 += dj * w[2*j+1]
	}
	return [2]float64{gx0, gx1}
}

// backHidden propagates the deltas of the last hidden layer, in buf[0],
// back through the hidden layers to the first, from the activations h,
// and returns the buffer of buf that holds the first layer's deltas. It
// adds the hidden layers' gradient to grad unless grad is nil.
func (m *MLP) backHidden(h *acts, buf *[2][MaxUnits]float64, grad []float64) *[MaxUnits]float64 {
	p := m.params
	ls := m.layers
	relu := m.relu
	d, dPrev := &buf[0], &buf[1] // this layer's deltas, the previous layer's
	for k := len(ls) - 2; k >= 1; k-- {
		l := ls[k]
		in := h[k-1][:l.in]
		w := p[l.w : l.w+l.in*l.out]
		dp := dPrev[:l.in]
		clear(dp)
		dl := d[:l.out]
		if grad != nil {
			g := grad[l.w : l.w+l.in*l.out]
			gb := grad[l.b : l.b+l.out]
			for j, dj := range dl {
				row := w[j*len(in) : (j+1)*len(in)]
				grow := g[j*len(in) : (j+1)*len(in)]
				for i, v := range in {
					grow[i] += dj * v
					dp[i] += dj * row[i]
				}
				gb[j] += dj
			}
		} else {
			for j, dj := range dl {
				row := w[j*len(in) : (j+1)*len(in)]
				for i, v := range row {
					dp[i] += dj * v
				}
			}
		}
		for i, v := range in {
			dp[i] *= deriv(v, relu)
		}
		d, dPrev = dPrev, d // swap the pointers, not the arrays
	}
	return d
}

// deriv returns f′(a) from the activation h = f(a): 1 − h² for tanh, and
// for ReLU 1 where h > 0 and 0 elsewhere (the kink a = 0 gets 0).
func deriv(h float64, relu bool) float64 {
	if relu {
		if h > 0 {
			return 1
		}
		return 0
	}
	return 1 - h*h
}

// Logit returns z(x).
func (m *MLP) Logit(x [2]float64) float64 {
	var h acts
	return m.forward(x[0], x[1], &h)
}

// InputGrad returns ∇ₓJ(x, y) = (σ(z)−y)·∂z/∂x, by backpropagation. The
// residual σ(z)−y is logistic.Residual, which does not vanish before
// |z| ≈ 745, so attacks keep a direction on confidently classified points.
func (m *MLP) InputGrad(x [2]float64, y float64) [2]float64 {
	var h acts
	z := m.forward(x[0], x[1], &h)
	return m.backward(x[0], x[1], &h, logistic.Residual(z, y), nil)
}

// ParamGrad adds ∇_θJ(x, y) = (σ(z)−y)·∂z/∂θ to grad, in the order of
// Params. It panics if len(grad) != NumParams.
func (m *MLP) ParamGrad(grad []float64, x [2]float64, y float64) {
	if len(grad) != len(m.params) {
		panic("mlp: ParamGrad: grad length is not NumParams")
	}
	var h acts
	z := m.forward(x[0], x[1], &h)
	m.backward(x[0], x[1], &h, logistic.Residual(z, y), grad)
}

// activate applies the hidden activation to every element of v, exactly as
// activateBlocks does.
func (m *MLP) activate(v []float64) {
	if m.relu {
		for i, a := range v {
			if a < 0 {
				v[i] = 0
			}
		}
		return
	}
	portable.TanhSlice(v)
}
