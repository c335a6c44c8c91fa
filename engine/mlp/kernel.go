package mlp

import (
	"unsafe"

	"advplay/engine/portable"
)

// The batch kernel takes the points in blocks of `lanes`: a blk holds one
// value (an input, a unit's activation or delta) for each point of a block,
// and the values of a layer for block b sit at b·units + unit. Every inner
// loop then handles the points of a block together, with one accumulator
// per point, so that the additions of different points overlap in the
// processor instead of forming one long dependency chain per dot product;
// the loop bodies are long enough to amortize the loop overhead, which is
// large under js/wasm; and ranging over a block's units needs no bounds
// checks.
//
// Every sum over a layer's inputs is taken in the same order as in the
// per-point forward pass, so the batch logits equal Logit's bit for bit.
// The sums over points (the parameter gradient) are taken block by block,
// an order that is the same on every platform.

// lanes is the number of points in a block.
const lanes = 4

// blk holds one value for each point of a block.
type blk [lanes]float64

// blocks returns the number of blocks that hold n points.
func blocks(n int) int { return (n + lanes - 1) / lanes }

// work holds the buffers of a batch of points.
type work struct {
	n          int   // number of points
	x1, x2, y  []blk // inputs and labels
	c          []blk // weight of each point's loss; 0 for padding
	z          []blk // logits
	r          []blk // c·(σ(z) − y)
	act, delta [MaxLayers][]blk
	g1, g2     []blk     // input gradients
	wT, gT     []float64 // a layer's weights and their gradient, transposed
}

// reset sizes w for n points of m, padding the last block with points at
// the origin of weight 0. Point i is lane i%lanes of block i/lanes; the
// caller fills x1, x2, y and c with set.
func (w *work) reset(m *MLP, n int) {
	nb := blocks(n)
	w.n = n
	w.x1, w.x2, w.y, w.c = grow(w.x1, nb), grow(w.x2, nb), grow(w.y, nb), grow(w.c, nb)
	w.z, w.r = grow(w.z, nb), grow(w.r, nb)
	w.g1, w.g2 = grow(w.g1, nb), grow(w.g2, nb)
	biggest := 0
	for l, h := range m.cfg.Hidden {
		w.act[l] = grow(w.act[l], h*nb)
		w.delta[l] = grow(w.delta[l], h*nb)
		if l > 0 {
			biggest = max(biggest, h*m.cfg.Hidden[l-1])
		}
	}
	if cap(w.wT) < biggest {
		w.wT = make([]float64, biggest)
		w.gT = make([]float64, biggest)
	}
	if nb > 0 {
		last := nb - 1
		for i := n - last*lanes; i < lanes; i++ {
			w.x1[last][i], w.x2[last][i], w.y[last][i], w.c[last][i] = 0, 0, 0, 0
		}
	}
}

func grow(s []blk, size int) []blk {
	if cap(s) < size {
		return make([]blk, size, size+size/4)
	}
	return s[:size]
}

// set puts point i at (x1, x2) with label y and weight c.
func (w *work) set(i int, x1, x2, y, c float64) {
	b, l := i/lanes, i%lanes
	w.x1[b][l], w.x2[b][l], w.y[b][l], w.c[b][l] = x1, x2, y, c
}

// batchForward computes the hidden activations and the logits of the
// points in w.
func (m *MLP) batchForward(w *work) {
	nb := blocks(w.n)
	p := m.params
	ls := m.layers
	// First hidden layer, with the same expression as forward.
	l := ls[0]
	wt := p[l.w : l.w+2*l.out]
	b := p[l.b : l.b+l.out]
	out := w.act[0][:l.out*nb]
	x1, x2 := w.x1[:nb], w.x2[:nb]
	for bi := range nb {
		u, v := &x1[bi], &x2[bi]
		o := out[bi*l.out : (bi+1)*l.out]
		b := b[:len(o)]
		for j := range o {
			w0, w1, bj := wt[2*j], wt[2*j+1], b[j]
			o[j] = blk{w0*u[0] + w1*v[0] + bj, w0*u[1] + w1*v[1] + bj, w0*u[2] + w1*v[2] + bj, w0*u[3] + w1*v[3] + bj}
		}
	}
	m.activateBlocks(out)
	in := out
	for k := 1; k < len(ls); k++ {
		l := ls[k]
		last := k == len(ls)-1
		var out []blk
		if last {
			out = w.z[:nb]
		} else {
			out = w.act[k][:l.out*nb]
		}
		affine(p[l.w:l.w+l.in*l.out], p[l.b:l.b+l.out], in, out)
		if !last {
			m.activateBlocks(out)
		}
		in = out
	}
}

// activateBlocks applies the hidden activation to every value of v.
func (m *MLP) activateBlocks(v []blk) {
	if m.relu {
		// A comparison, not the builtin max: under js/wasm that is a
		// runtime call.
		for i := range v {
			for l, a := range v[i] {
				if a < 0 {
					v[i][l] = 0
				}
			}
		}
		return
	}
	if len(v) > 0 {
		// A []blk is len(v)·lanes contiguous float64s: one call for all of
		// them, as one per block costs 5 % of the shading under js/wasm.
		portable.TanhSlice(unsafe.Slice(&v[0][0], len(v)*lanes))
	}
}

// affine sets, for each block, out[b·nOut+j] = bias[j] + Σ_k w[j·nIn+k]·
// in[b·nIn+k], k in order, where nOut = len(bias) and nIn = len(w)/nOut.
func affine(w, bias []float64, in, out []blk) {
	nOut := len(bias)
	nIn := len(w) / nOut
	for bi := range len(out) / nOut {
		inB := in[bi*nIn : (bi+1)*nIn]
		o := out[bi*nOut : (bi+1)*nOut]
		bias := bias[:len(o)]
		for j := range o {
			row := w[j*nIn : (j+1)*nIn]
			inB := inB[:len(row)]
			bj := bias[j]
			a0, a1, a2, a3 := bj, bj, bj, bj
			// Two inputs per iteration halve the loop overhead; the
			// additions stay in input order.
			k := 0
			for ; k+1 < len(row); k += 2 {
				c, e := &inB[k], &inB[k+1]
				wk, wl := row[k], row[k+1]
				a0 += wk * c[0]
				a1 += wk * c[1]
				a2 += wk * c[2]
				a3 += wk * c[3]
				a0 += wl * e[0]
				a1 += wl * e[1]
				a2 += wl * e[2]
				a3 += wl * e[3]
			}
			if k < len(row) {
				c, wk := &inB[k], row[k]
				a0 += wk * c[0]
				a1 += wk * c[1]
				a2 += wk * c[2]
				a3 += wk * c[3]
			}
			o[j] = blk{a0, a1, a2, a3}
		}
	}
}

// backLayer sends back the deltas d of a layer with nIn inputs a and
// nOut = len(wT)/nIn units, whose weights wT are transposed (wT[k·nOut+j]
// is the weight from input k to unit j). For each block it sets
//
//	prev[b·nIn+k] = f′(a[b·nIn+k])·Σ_j wT[k·nOut+j]·d[b·nOut+j]   (j in order)
//
// and, unless gT is nil, adds Σ over the block's points of
// d[b·nOut+j]·a[b·nIn+k] to gT[k·nOut+j]. f′ is computed from the
// activation as deriv does.
func backLayer(wT, gT []float64, d, a, prev []blk, nIn int, relu bool) {
	nOut := len(wT) / nIn
	for bi := range len(a) / nIn {
		aB := a[bi*nIn : (bi+1)*nIn]
		dB := d[bi*nOut : (bi+1)*nOut]
		pB := prev[bi*nIn : (bi+1)*nIn]
		pB = pB[:len(aB)]
		for k := range aB {
			ak := &aB[k]
			a0, a1, a2, a3 := ak[0], ak[1], ak[2], ak[3]
			var p0, p1, p2, p3 float64
			wRow := wT[k*nOut : (k+1)*nOut]
			dB := dB[:len(wRow)]
			if gT != nil {
				gRow := gT[k*nOut : (k+1)*nOut]
				gRow = gRow[:len(wRow)]
				j := 0
				// Two units per iteration halve the loop overhead; one
				// unit's values are live at a time, to stay within the
				// registers.
				var g float64
				for ; j+1 < len(wRow); j += 2 {
					p0, p1, p2, p3, g = backUnit(&dB[j], wRow[j], a0, a1, a2, a3, p0, p1, p2, p3)
					gRow[j] += g
					p0, p1, p2, p3, g = backUnit(&dB[j+1], wRow[j+1], a0, a1, a2, a3, p0, p1, p2, p3)
					gRow[j+1] += g
				}
				if j < len(wRow) {
					p0, p1, p2, p3, g = backUnit(&dB[j], wRow[j], a0, a1, a2, a3, p0, p1, p2, p3)
					gRow[j] += g
				}
			} else {
				for j, wjk := range wRow {
					dj := &dB[j]
					p0 += wjk * dj[0]
					p1 += wjk * dj[1]
					p2 += wjk * dj[2]
					p3 += wjk * dj[3]
				}
			}
			if relu {
				pB[k] = blk{reluDeriv(a0) * p0, reluDeriv(a1) * p1, reluDeriv(a2) * p2, reluDeriv(a3) * p3}
			} else {
				pB[k] = blk{(1 - a0*a0) * p0, (1 - a1*a1) * p1, (1 - a2*a2) * p2, (1 - a3*a3) * p3}
			}
		}
	}
}

// backUnit returns, for the points of a block, the sums p0…p3 of an input
// with activations a0…a3 after adding unit j's term wjk·dj (its weight from
// the input times its delta), and the unit's term of the weight gradient,
// Σ dj·a over the block's points. It is small enough to be inlined.
func backUnit(dj *blk, wjk, a0, a1, a2, a3, p0, p1, p2, p3 float64) (q0, q1, q2, q3, g float64) {
	d0, d1, d2, d3 := dj[0], dj[1], dj[2], dj[3]
	return p0 + wjk*d0, p1 + wjk*d1, p2 + wjk*d2, p3 + wjk*d3, (d0*a0 + d1*a1) + (d2*a2 + d3*a3)
}

// reluDeriv returns ReLU's derivative from its output h.
func reluDeriv(h float64) float64 {
	if h > 0 {
		return 1
	}
	return 0
}

// residualFloor is the smallest residual |σ(z)−y| the batch kernel keeps;
// smaller ones (|z| > 345) are set to 0. Their share of any gradient is
// below 1e-150, but their products through the layers would be subnormal
// numbers, which x86 processors (natively and under js/wasm) handle about a
// hundred times more slowly: training an MLP long on separable data slowed
// it several-fold before this floor.
const residualFloor = 1e-150

// batchLossGrad sets grad to Σᵢ cᵢ·∇_θJ(xᵢ, yᵢ) over the points of w and
// returns Σᵢ cᵢ·J(xᵢ, yᵢ). Labels must be 0 or 1.
func (m *MLP) batchLossGrad(w *work, grad []float64) float64 {
	m.batchForward(w)
	nb := blocks(w.n)
	var loss float64
	c, y, z, r := w.c[:nb], w.y[:nb], w.z[:nb], w.r[:nb]
	for bi := range z {
		for l, zi := range z[bi] {
			ci := c[bi][l]
			li, ri := lossResidual(zi, y[bi][l])
			loss += ci * li
			if ri > -residualFloor && ri < residualFloor {
				ri = 0
			}
			r[bi][l] = ci * ri
		}
	}
	m.batchBackward(w, grad)
	return loss
}

// batchBackward propagates the output residuals w.r back through the
// network. It sets grad to the parameter gradient unless grad is nil, and
// otherwise sets the input gradients w.g1 and w.g2.
func (m *MLP) batchBackward(w *work, grad []float64) {
	if grad != nil {
		clear(grad)
	}
	m.batchBackOutput(w, grad)
	// Hidden layers from the last; layer k's deltas are in w.delta[k].
	for k := len(m.layers) - 2; k >= 1; k-- {
		m.batchBackHidden(w, k, grad)
	}
	if grad != nil {
		m.batchFirstGrad(w, grad)
	} else {
		m.batchInputGrads(w)
	}
}

// batchBackOutput sends the residuals w.r back through the output layer:
// it sets the deltas of the last hidden layer and, unless grad is nil,
// adds the output layer's gradient to grad.
func (m *MLP) batchBackOutput(w *work, grad []float64) {
	nb := blocks(w.n)
	L := len(m.layers) - 1
	l := m.layers[L]
	r := w.r[:nb]
	relu := m.relu
	hl := w.act[L-1][:l.in*nb]
	wo := m.params[l.w : l.w+l.in]
	d := w.delta[L-1][:l.in*nb]
	var gwo []float64
	if grad != nil {
		gwo = grad[l.w : l.w+l.in]
	}
	var gbo float64
	for bi := range r {
		rb := &r[bi]
		r0, r1, r2, r3 := rb[0], rb[1], rb[2], rb[3]
		gbo += (r0 + r1) + (r2 + r3)
		hB := hl[bi*l.in : (bi+1)*l.in]
		dB := d[bi*l.in : (bi+1)*l.in]
		dB = dB[:len(hB)]
		wo := wo[:len(hB)]
		for k := range hB {
			h := &hB[k]
			h0, h1, h2, h3 := h[0], h[1], h[2], h[3]
			if gwo != nil {
				gwo[k] += (r0*h0 + r1*h1) + (r2*h2 + r3*h3)
			}
			wk := wo[k]
			if relu {
				dB[k] = blk{r0 * wk * reluDeriv(h0), r1 * wk * reluDeriv(h1), r2 * wk * reluDeriv(h2), r3 * wk * reluDeriv(h3)}
			} else {
				dB[k] = blk{r0 * wk * (1 - h0*h0), r1 * wk * (1 - h1*h1), r2 * wk * (1 - h2*h2), r3 * wk * (1 - h3*h3)}
			}
		}
	}
	if grad != nil {
		grad[l.b] = gbo
	}
}

// batchBackHidden sends the deltas of hidden layer k ≥ 1 back to layer
// k−1 (backLayer, on the weights transposed into w.wT) and, unless grad is
// nil, adds the layer's gradient to grad.
func (m *MLP) batchBackHidden(w *work, k int, grad []float64) {
	nb := blocks(w.n)
	l := m.layers[k]
	d := w.delta[k][:l.out*nb]
	wt := m.params[l.w : l.w+l.in*l.out]
	wT := w.wT[:len(wt)]
	transpose(wT, wt, l.out, l.in)
	var gT []float64
	if grad != nil {
		gT = w.gT[:len(wt)]
		clear(gT)
		gb := grad[l.b : l.b+l.out]
		for bi := range nb {
			dB := d[bi*l.out : (bi+1)*l.out]
			dB = dB[:len(gb)]
			for j := range dB {
				dj := &dB[j]
				gb[j] += (dj[0] + dj[1]) + (dj[2] + dj[3])
			}
		}
	}
	backLayer(wT, gT, d, w.act[k-1][:l.in*nb], w.delta[k-1][:l.in*nb], l.in, m.relu)
	if grad != nil {
		transpose(grad[l.w:l.w+l.in*l.out], gT, l.in, l.out)
	}
}

// transpose sets dst to the transpose of src, a rows×cols matrix stored
// row by row.
func transpose(dst, src []float64, rows, cols int) {
	for i := range rows {
		for j := range cols {
			dst[j*rows+i] = src[i*cols+j]
		}
	}
}

// batchFirstGrad adds the first hidden layer's gradient to grad, from its
// deltas and the two inputs.
func (m *MLP) batchFirstGrad(w *work, grad []float64) {
	nb := blocks(w.n)
	l := m.layers[0]
	d := w.delta[0][:l.out*nb]
	x1, x2 := w.x1[:nb], w.x2[:nb]
	g := grad[l.w : l.w+2*l.out]
	gb := grad[l.b : l.b+l.out]
	for bi := range nb {
		u, v := &x1[bi], &x2[bi]
		dB := d[bi*l.out : (bi+1)*l.out]
		dB = dB[:len(gb)]
		for j := range dB {
			dj := &dB[j]
			d0, d1, d2, d3 := dj[0], dj[1], dj[2], dj[3]
			g[2*j] += (d0*u[0] + d1*u[1]) + (d2*u[2] + d3*u[3])
			g[2*j+1] += (d0*v[0] + d1*v[1]) + (d2*v[2] + d3*v[3])
			gb[j] += (d0 + d1) + (d2 + d3)
		}
	}
}

// batchInputGrads sets the input gradients w.g1 and w.g2 from the deltas
// of the first hidden layer.
func (m *MLP) batchInputGrads(w *work) {
	nb := blocks(w.n)
	l := m.layers[0]
	d := w.delta[0][:l.out*nb]
	wt := m.params[l.w : l.w+2*l.out]
	g1, g2 := w.g1[:nb], w.g2[:nb]
	for bi := range nb {
		dB := d[bi*l.out : (bi+1)*l.out]
		var a0, a1, a2, a3, b0, b1, b2, b3 float64
		for j := range dB {
			w0, w1 := wt[2*j], wt[2*j+1]
			dj := &dB[j]
			a0 += w0 * dj[0]
			a1 += w0 * dj[1]
			a2 += w0 * dj[2]
			a3 += w0 * dj[3]
			b0 += w1 * dj[0]
			b1 += w1 * dj[1]
			b2 += w1 * dj[2]
			b3 += w1 * dj[3]
		}
		g1[bi] = blk{a0, a1, a2, a3}
		g2[bi] = blk{b0, b1, b2, b3}
	}
}
