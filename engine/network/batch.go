package network

import (
	"fmt"

	"advplay/engine/data"
	"advplay/engine/logistic"
)

// batch holds the buffers of up to cap points of one network: the hidden
// activations and deltas of each point (one row per point), the logits and
// residuals, and the transposed weights that backpropagation multiplies by.
type batch struct {
	act, delta [MaxLayers][]float64 // m×units of each hidden layer
	z, r       []float64
	// wT[k] is layer k's W transposed (in×out), for k ≥ 1 always and for
	// k = 0 when input gradients are wanted; see transposeWeights.
	wT [MaxLayers][]float64
}

// newBatch returns buffers for up to size points of n, with the transposed
// first layer when inputGrads is set.
func newBatch(n *Network, size int, inputGrads bool) *batch {
	b := &batch{z: make([]float64, size), r: make([]float64, size)}
	for k, h := range n.cfg.Hidden {
		b.act[k] = make([]float64, size*h)
		b.delta[k] = make([]float64, size*h)
		l := n.layers[k]
		if k > 0 || inputGrads {
			b.wT[k] = make([]float64, l.in*l.out)
		}
	}
	return b
}

// transposeWeights copies the current weights of the hidden layers into
// b.wT, transposed, for the backward passes that follow: it must be called
// again whenever the parameters change.
func (b *batch) transposeWeights(n *Network) {
	for k, l := range n.layers[:len(n.layers)-1] {
		if b.wT[k] != nil {
			transpose(b.wT[k], n.params[l.w:l.w+l.in*l.out], l.out, l.in)
		}
	}
}

// forward computes the hidden activations and the logits b.z[:m] of the m
// points whose coordinates are the rows of x (m×d).
func (n *Network) batchForward(b *batch, x []float64, m int) {
	p := n.params
	L := len(n.layers) - 1
	in := x
	for k, l := range n.layers[:L] {
		out := b.act[k][:m*l.out]
		nt(out, in, p[l.w:l.w+l.in*l.out], p[l.b:l.b+l.out], m, l.out, l.in)
		activate(n.relu, out)
		in = out
	}
	l := n.layers[L]
	nt(b.z[:m], in, p[l.w:l.w+l.in], p[l.b:l.b+1], m, 1, l.in)
}

// batchBackward propagates the residuals b.r[:m] (∂J/∂z of each point,
// weighted as the caller wants the gradient) back through the activations
// that batchForward left for x. It sets grad to the parameter gradient,
// Σ over the points in order, unless grad is nil, and sets the rows of gx
// (m×d) to the input gradients unless gx is nil; b.wT must hold the
// current weights (transposeWeights), including the first layer's for gx.
func (n *Network) batchBackward(b *batch, x []float64, m int, grad, gx []float64) {
	p := n.params
	L := len(n.layers) - 1
	r := b.r[:m]
	l := n.layers[L]
	hl := b.act[L-1][:m*l.in]
	if grad != nil {
		tn(grad[l.w:l.w+l.in], r, hl, m, 1, l.in)
		var s float64
		for _, v := range r {
			s += v
		}
		grad[l.b] = s
	}
	n.outputDeltas(b.delta[L-1][:m*l.in], r, hl, p[l.w:l.w+l.in])
	for k := L - 1; k >= 0; k-- {
		l := n.layers[k]
		d := b.delta[k][:m*l.out]
		var in []float64
		if k > 0 {
			in = b.act[k-1][:m*l.in]
		} else {
			in = x[:m*l.in]
		}
		if grad != nil {
			tn(grad[l.w:l.w+l.in*l.out], d, in, m, l.out, l.in)
			sumRows(grad[l.b:l.b+l.out], d, m)
		}
		switch {
		case k > 0:
			prev := b.delta[k-1][:m*l.in]
			nt(prev, d, b.wT[k], nil, m, l.in, l.out)
			n.scaleByDeriv(prev, in)
		case gx != nil:
			nt(gx[:m*l.in], d, b.wT[0], nil, m, l.in, l.out)
		}
	}
}

// outputDeltas sets the last hidden layer's deltas of each point p,
// d[p][i] = r[p]·wo[i]·f′(h[p][i]), from the output's residuals r, the
// layer's activations h and the output weights wo.
func (n *Network) outputDeltas(d, r, h, wo []float64) {
	in := len(wo)
	for pt, rp := range r {
		hp := h[pt*in : (pt+1)*in]
		dp := d[pt*in : (pt+1)*in]
		dp = dp[:len(hp)]
		wo := wo[:len(hp)]
		if n.relu {
			for i, h := range hp {
				dp[i] = rp * wo[i] * reluDeriv(h)
			}
		} else {
			for i, h := range hp {
				dp[i] = rp * wo[i] * (1 - h*h)
			}
		}
	}
}

// scaleByDeriv multiplies each delta by the activation's derivative at
// the activation of the same place: d[i] *= f′(h[i]).
func (n *Network) scaleByDeriv(d, h []float64) {
	if n.relu {
		for i, v := range h {
			d[i] *= reluDeriv(v)
		}
		return
	}
	for i, v := range h {
		d[i] *= 1 - v*v
	}
}

// sumRows sets gb to the sum of the m rows of d, each of len(gb), row by
// row in order.
func sumRows(gb, d []float64, m int) {
	clear(gb)
	for pt := range m {
		dp := d[pt*len(gb) : (pt+1)*len(gb)]
		for j, v := range dp {
			gb[j] += v
		}
	}
}

// reluDeriv returns ReLU's derivative from its output h.
func reluDeriv(h float64) float64 {
	if h > 0 {
		return 1
	}
	return 0
}

// chunkPoints is the number of points the batch methods (Logits,
// InputGrads, the attacks) send through the network at a time: enough to
// fill the kernels' tiles many times over, few enough that a chunk's
// activations stay in the processor's cache.
const chunkPoints = 64

// Logits sets out[i] to the logit of the point in row i of x (len(out)
// rows of d coordinates), bit for bit as Logit computes it but several
// times faster. It allocates its buffers once per call. It panics if
// len(x) != len(out)·Dim.
func (n *Network) Logits(x, out []float64) {
	if len(x) != len(out)*n.dim {
		panic(fmt.Sprintf("network: Logits: %d coordinates for %d logits of %d", len(x), len(out), n.dim))
	}
	b := newBatch(n, min(chunkPoints, len(out)), false)
	d := n.dim
	for start := 0; start < len(out); start += chunkPoints {
		m := min(chunkPoints, len(out)-start)
		n.batchForward(b, x[start*d:(start+m)*d], m)
		copy(out[start:start+m], b.z[:m])
	}
}

// InputGrads sets row i of dst (len(dst) = s.Len()·Dim) to ∇ₓJ at point i
// of s, bit for bit as InputGrad computes it but several times faster. It
// allocates its buffers once per call. It panics if s.Dim != Dim or
// len(dst) != len(s.X).
func (n *Network) InputGrads(s data.Samples, dst []float64) {
	n.checkSamples(s, "InputGrads")
	if len(dst) != len(s.X) {
		panic("network: InputGrads: dst length is not len(s.X)")
	}
	b := newBatch(n, min(chunkPoints, s.Len()), true)
	b.transposeWeights(n)
	d := n.dim
	for start := 0; start < s.Len(); start += chunkPoints {
		m := min(chunkPoints, s.Len()-start)
		x := s.X[start*d : (start+m)*d]
		n.batchForward(b, x, m)
		for i := range m {
			b.r[i] = logistic.Residual(b.z[i], float64(s.Labels[start+i]))
		}
		n.batchBackward(b, x, m, nil, dst[start*d:(start+m)*d])
	}
}

// checkSamples panics if s has another dimension than n's inputs or its
// coordinates are not Len()·Dim.
func (n *Network) checkSamples(s data.Samples, method string) {
	if s.Dim != n.dim || len(s.X) != s.Len()*s.Dim {
		panic(fmt.Sprintf("network: %s: samples of dimension %d with %d coordinates for %d points, want dimension %d", method, s.Dim, len(s.X), s.Len(), n.dim))
	}
}

// ErrorRate returns the fraction of the points of s that n misclassifies
// (Predict), and 0 for no points. It panics if s.Dim != Dim.
func (n *Network) ErrorRate(s data.Samples) float64 {
	n.checkSamples(s, "ErrorRate")
	if s.Len() == 0 {
		return 0
	}
	z := make([]float64, s.Len())
	n.Logits(s.X, z)
	return errorFraction(z, s.Labels)
}

// errorFraction returns the fraction of the logits z whose sign
// misclassifies the labels (z > 0 predicts class 1).
func errorFraction(z []float64, labels []uint8) float64 {
	wrong := 0
	for i, v := range z {
		if (v > 0) != (labels[i] == 1) {
			wrong++
		}
	}
	return float64(wrong) / float64(len(z))
}

// MeanLoss returns the mean log-loss of n on the points of s, and NaN for
// no points. It panics if s.Dim != Dim.
func (n *Network) MeanLoss(s data.Samples) float64 {
	n.checkSamples(s, "MeanLoss")
	z := make([]float64, s.Len())
	n.Logits(s.X, z)
	var sum float64
	for i, v := range z {
		sum += logistic.LogLoss(v, float64(s.Labels[i]))
	}
	return sum / float64(len(z))
}
