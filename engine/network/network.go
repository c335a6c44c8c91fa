package network

import (
	"fmt"
	"math"

	"advplay/engine/data"
	"advplay/engine/logistic"
	"advplay/engine/portable"
)

// Network is a multilayer perceptron on d inputs, z(x) = w_o·h_L + b_o with
// hidden layers h_l = f(W_l·h_{l−1} + b_l), h_0 = x, and f = tanh or ReLU.
// σ(z) is the probability of class 1, and the loss of a point is the
// log-loss J(x, y) = softplus(z) − y·z.
//
// Its parameters are one flat vector, layer by layer from the input side:
// for each hidden layer W_l (row-major, one row of inputs per unit) then
// b_l, and last the output weights w_o and bias b_o.
//
// The methods that only read the parameters may be called from several
// goroutines at once, as long as nothing changes the parameters meanwhile.
type Network struct {
	dim    int
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

// MaxParams is the most parameters New accepts: data.MaxCoordinates,
// 4,000,000 float64 values (32 MB), what package data allows a set of
// points. The MNIST preset's default has 50,305.
const MaxParams = data.MaxCoordinates

// New returns a Network on dim inputs with the architecture c and weights
// drawn from data.NewRand(seed): He uniform, U(±√(6/in)), for ReLU layers;
// Glorot (Xavier) uniform, U(±√(6/(in+out))), for tanh layers and for the
// output layer. Biases start at zero. It returns an error if c is invalid,
// dim is below 1, or the network would have more than MaxParams
// parameters.
func New(dim int, c Config, seed uint64) (*Network, error) {
	if dim < 1 {
		return nil, fmt.Errorf("network: dimension is %d, must be at least 1", dim)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	count, in := 0, dim
	for _, out := range append(append([]int(nil), c.Hidden...), 1) {
		if in+1 > (MaxParams-count)/out {
			return nil, fmt.Errorf("network: %d inputs and hidden layers %v make more than %d parameters", dim, c.Hidden, MaxParams)
		}
		count += (in + 1) * out
		in = out
	}
	c.Hidden = append([]int(nil), c.Hidden...)
	c.Activation = c.activation()
	n := &Network{dim: dim, cfg: c, relu: c.Activation == ReLU}
	in, off := dim, 0
	for _, out := range append(append([]int(nil), c.Hidden...), 1) {
		n.layers = append(n.layers, layer{in: in, out: out, w: off, b: off + in*out})
		off += in*out + out
		in = out
	}
	n.params = make([]float64, off)
	n.Init(seed)
	return n, nil
}

// Init redraws the weights from data.NewRand(seed) as New does, layer by
// layer and row by row, and sets the biases to zero.
func (n *Network) Init(seed uint64) {
	rnd := data.NewRand(seed)
	last := len(n.layers) - 1
	for i, l := range n.layers {
		limit := math.Sqrt(6 / float64(l.in+l.out))
		if n.relu && i < last {
			limit = math.Sqrt(6 / float64(l.in))
		}
		w := n.params[l.w : l.w+l.in*l.out]
		for k := range w {
			w[k] = limit * (2*rnd.Float64() - 1)
		}
		clear(n.params[l.b : l.b+l.out])
	}
}

// Dim returns the input dimension d.
func (n *Network) Dim() int { return n.dim }

// Config returns the architecture, with the activation filled in.
func (n *Network) Config() Config {
	c := n.cfg
	c.Hidden = append([]int(nil), c.Hidden...)
	return c
}

// NumParams returns the number of parameters: Σ (in+1)·out over the layers.
func (n *Network) NumParams() int { return len(n.params) }

// Params copies the parameters into dst and returns it. It panics if
// len(dst) != NumParams.
func (n *Network) Params(dst []float64) []float64 {
	if len(dst) != len(n.params) {
		panic("network: Params: dst length is not NumParams")
	}
	copy(dst, n.params)
	return dst
}

// SetParams sets the parameters from src. It panics if len(src) !=
// NumParams.
func (n *Network) SetParams(src []float64) {
	if len(src) != len(n.params) {
		panic("network: SetParams: src length is not NumParams")
	}
	copy(n.params, src)
}

// Clone returns a deep copy of n: a snapshot that later training of either
// network leaves unchanged.
func (n *Network) Clone() *Network {
	c := *n
	c.cfg.Hidden = append([]int(nil), n.cfg.Hidden...)
	c.layers = append([]layer(nil), n.layers...)
	c.params = append([]float64(nil), n.params...)
	return &c
}

// FirstLayer returns unit j's weights in the first hidden layer, a slice
// of the parameters (not a copy) of length d: for pictures, the image the
// unit responds to. It panics if j is out of range.
func (n *Network) FirstLayer(j int) []float64 {
	l := n.layers[0]
	if j < 0 || j >= l.out {
		panic(fmt.Sprintf("network: FirstLayer(%d) of %d units", j, l.out))
	}
	return n.params[l.w+j*l.in : l.w+(j+1)*l.in : l.w+(j+1)*l.in]
}

// acts holds the hidden activations of one point.
type acts [MaxLayers][MaxUnits]float64

// checkPoint panics unless x has length d.
func (n *Network) checkPoint(x []float64, method string) {
	if len(x) != n.dim {
		panic(fmt.Sprintf("network: %s: point has %d coordinates, want %d", method, len(x), n.dim))
	}
}

// forward returns the logit at x and leaves the hidden activations in h.
// Each sum starts at the bias and adds its terms in input order, as in the
// batches.
func (n *Network) forward(x []float64, h *acts) float64 {
	p := n.params
	in := x
	L := len(n.layers) - 1
	for k, l := range n.layers[:L] {
		out := h[k][:l.out]
		nt(out, in, p[l.w:l.w+l.in*l.out], p[l.b:l.b+l.out], 1, l.out, l.in)
		activate(n.relu, out)
		in = out
	}
	l := n.layers[L]
	w := p[l.w : l.w+l.in]
	in = in[:len(w)]
	z := p[l.b]
	for i, v := range w {
		z += in[i] * v
	}
	return z
}

// backward propagates dz = ∂J/∂z back through the activations h that
// forward left for the point x. It adds the parameter gradient to grad
// unless grad is nil, and sets gx to the input gradient unless gx is nil.
// Its products and sums are in the order of the batch kernel.
func (n *Network) backward(x []float64, h *acts, dz float64, grad, gx []float64) {
	p := n.params
	L := len(n.layers) - 1
	var buf [2][MaxUnits]float64
	d, dPrev := &buf[0], &buf[1] // this layer's deltas, the previous layer's
	l := n.layers[L]
	hl := h[L-1][:l.in]
	wo := p[l.w : l.w+l.in]
	if grad != nil {
		g := grad[l.w : l.w+l.in]
		for i, v := range hl {
			g[i] += dz * v
		}
		grad[l.b] += dz
	}
	dl := d[:l.in]
	for i, v := range hl {
		dl[i] = dz * wo[i] * deriv(n.relu, v)
	}
	for k := L - 1; k >= 0; k-- {
		l := n.layers[k]
		dl := d[:l.out]
		var in []float64
		if k > 0 {
			in = h[k-1][:l.in]
		} else {
			in = x
		}
		if grad != nil {
			g := grad[l.w : l.w+l.in*l.out]
			gb := grad[l.b : l.b+l.out]
			for j, dj := range dl {
				grow := g[j*l.in : (j+1)*l.in]
				for i, v := range in {
					grow[i] += dj * v
				}
				gb[j] += dj
			}
		}
		var back []float64
		switch {
		case k > 0:
			back = dPrev[:l.in]
		case gx != nil:
			back = gx[:l.in]
		default:
			continue
		}
		backThrough(back, p[l.w:l.w+l.in*l.out], dl)
		if k > 0 {
			for i, v := range in {
				back[i] *= deriv(n.relu, v)
			}
			d, dPrev = dPrev, d
		}
	}
}

// backThrough sets back[i] = Σ_j w[j][i]·d[j], j ascending from 0: the
// deltas d sent back through the weights w, one row of len(back) inputs
// per unit.
func backThrough(back, w, d []float64) {
	clear(back)
	for j, dj := range d {
		row := w[j*len(back) : (j+1)*len(back)]
		back := back[:len(row)]
		for i, v := range row {
			back[i] += dj * v
		}
	}
}

// deriv returns f′(a) from the activation h = f(a): 1 − h² for tanh, and
// for ReLU 1 where h > 0 and 0 elsewhere (the kink a = 0 gets 0).
func deriv(relu bool, h float64) float64 {
	if relu {
		if h > 0 {
			return 1
		}
		return 0
	}
	return 1 - h*h
}

// activate applies the hidden activation, ReLU or tanh, to every element
// of v.
func activate(relu bool, v []float64) {
	if relu {
		// A comparison, not the builtin max: under js/wasm that is a
		// runtime call.
		for i, a := range v {
			if a < 0 {
				v[i] = 0
			}
		}
		return
	}
	portable.TanhSlice(v)
}

// Logit returns z(x). It panics if len(x) != Dim.
func (n *Network) Logit(x []float64) float64 {
	n.checkPoint(x, "Logit")
	var h acts
	return n.forward(x, &h)
}

// Predict returns the predicted class of x: 1 when the logit is positive,
// 0 otherwise (a point on the boundary counts as class 0). It panics if
// len(x) != Dim.
func (n *Network) Predict(x []float64) int {
	if n.Logit(x) > 0 {
		return 1
	}
	return 0
}

// Loss returns the log-loss J(x, y) = softplus(z) − y·z. It panics if
// len(x) != Dim.
func (n *Network) Loss(x []float64, y float64) float64 {
	return logistic.LogLoss(n.Logit(x), y)
}

// InputGrad sets dst to ∇ₓJ(x, y) = (σ(z)−y)·∂z/∂x, by backpropagation, and
// returns it; a nil dst is allocated. The residual σ(z)−y is
// logistic.Residual, which does not vanish before |z| ≈ 745, so attacks
// keep a direction on confidently classified points. It panics if len(x)
// != Dim or dst is neither nil nor of length Dim.
func (n *Network) InputGrad(x []float64, y float64, dst []float64) []float64 {
	n.checkPoint(x, "InputGrad")
	if dst == nil {
		dst = make([]float64, n.dim)
	}
	if len(dst) != n.dim {
		panic("network: InputGrad: dst length is not Dim")
	}
	var h acts
	z := n.forward(x, &h)
	n.backward(x, &h, logistic.Residual(z, y), nil, dst)
	return dst
}

// ParamGrad adds ∇_θJ(x, y) = (σ(z)−y)·∂z/∂θ to grad, in the order of
// Params. It panics if len(x) != Dim or len(grad) != NumParams.
func (n *Network) ParamGrad(grad, x []float64, y float64) {
	n.checkPoint(x, "ParamGrad")
	if len(grad) != len(n.params) {
		panic("network: ParamGrad: grad length is not NumParams")
	}
	var h acts
	z := n.forward(x, &h)
	n.backward(x, &h, logistic.Residual(z, y), grad, nil)
}
