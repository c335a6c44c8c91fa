package mlp

import "advplay/engine/logistic"

// chunkBlocks is the number of blocks of points that Logits, LogitGrid and
// InputGrads process at a time, in buffers on the stack (about 60 KB, under
// the compiler's 128 KB limit for stack variables).
const chunkBlocks = 8

// chunk holds the buffers of one chunk of points.
type chunk struct {
	x1, x2, y, z, r, g1, g2 [chunkBlocks]blk
	act, delta              [MaxLayers][MaxUnits * chunkBlocks]blk
	wT                      [MaxUnits * MaxUnits]float64
}

// work returns a batch over the chunk's buffers for n ≤ chunkBlocks·lanes
// points of m.
func (c *chunk) work(m *MLP, n int) work {
	nb := blocks(n)
	w := work{
		n: n, x1: c.x1[:nb], x2: c.x2[:nb], y: c.y[:nb], z: c.z[:nb], r: c.r[:nb],
		g1: c.g1[:nb], g2: c.g2[:nb], wT: c.wT[:],
	}
	for l, h := range m.cfg.Hidden {
		w.act[l] = c.act[l][:h*nb]
		w.delta[l] = c.delta[l][:h*nb]
	}
	return w
}

// Logits sets out[i] to the logit of the point (x1[i], x2[i]), exactly as
// Logit computes it but several times faster: the points go through the
// batch kernel in blocks. It does not allocate. It panics unless x1, x2 and
// out have the same length.
func (m *MLP) Logits(x1, x2, out []float64) {
	if len(x2) != len(x1) || len(out) != len(x1) {
		panic("mlp: Logits: slice lengths differ")
	}
	var c chunk
	const size = chunkBlocks * lanes
	for start := 0; start < len(x1); start += size {
		n := min(size, len(x1)-start)
		w := c.work(m, n)
		for i := range n {
			w.x1[i/lanes][i%lanes] = x1[start+i]
			w.x2[i/lanes][i%lanes] = x2[start+i]
		}
		m.batchForward(&w)
		for i := range n {
			out[start+i] = w.z[i/lanes][i%lanes]
		}
	}
}

// LogitGrid evaluates the logit on the grid xs × ys, row by row:
// out[j·len(xs)+i] = z(xs[i], ys[j]), exactly as Logit computes it but
// several times faster. It does not allocate, so the browser can shade the
// plane every frame while training. It panics if len(out) !=
// len(xs)·len(ys).
func (m *MLP) LogitGrid(xs, ys, out []float64) {
	if len(out) != len(xs)*len(ys) {
		panic("mlp: LogitGrid: out length is not len(xs)·len(ys)")
	}
	if len(xs) == 0 {
		return
	}
	var c chunk
	const size = chunkBlocks * lanes
	col, row := 0, 0 // of the next cell
	for start := 0; start < len(out); start += size {
		n := min(size, len(out)-start)
		w := c.work(m, n)
		for i := range n {
			w.x1[i/lanes][i%lanes] = xs[col]
			w.x2[i/lanes][i%lanes] = ys[row]
			if col++; col == len(xs) {
				col, row = 0, row+1
			}
		}
		m.batchForward(&w)
		for i := range n {
			out[start+i] = w.z[i/lanes][i%lanes]
		}
	}
}

// InputGrads sets (g1[i], g2[i]) to ∇ₓJ at the point (x1[i], x2[i]) with
// label y[i], bit for bit as InputGrad computes it but several times
// faster. Attacks on many points use it. It does not allocate. It panics
// unless all five slices have the same length.
func (m *MLP) InputGrads(x1, x2, y, g1, g2 []float64) {
	n := len(x1)
	if len(x2) != n || len(y) != n || len(g1) != n || len(g2) != n {
		panic("mlp: InputGrads: slice lengths differ")
	}
	var c chunk
	const size = chunkBlocks * lanes
	for start := 0; start < n; start += size {
		n := min(size, n-start)
		w := c.work(m, n)
		for i := range n {
			w.x1[i/lanes][i%lanes] = x1[start+i]
			w.x2[i/lanes][i%lanes] = x2[start+i]
			w.y[i/lanes][i%lanes] = y[start+i]
		}
		m.batchForward(&w)
		// logistic.Residual, as InputGrad uses, so that the gradients
		// are bit-identical; the padding lanes get residual 0.
		clear(w.r)
		for i := range n {
			w.r[i/lanes][i%lanes] = logistic.Residual(w.z[i/lanes][i%lanes], w.y[i/lanes][i%lanes])
		}
		m.batchBackward(&w, nil)
		for i := range n {
			g1[start+i] = w.g1[i/lanes][i%lanes]
			g2[start+i] = w.g2[i/lanes][i%lanes]
		}
	}
}
