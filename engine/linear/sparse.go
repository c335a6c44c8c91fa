package linear

import (
	"advplay/engine/data"
	"advplay/engine/logistic"
)

// sparseRows holds the coordinates of points that are not zero, laid out
// so that a sum over them gives dot's result bit for bit: the coordinates
// of point i come in five groups, the k-th (k < 4) holding the coordinates
// j ≡ k (mod 4) below d − d mod 4 in increasing order, which are dot's k-th
// partial sum, and the fifth its tail. A zero coordinate adds w·0 = ±0 to
// a partial sum or a gradient component, which leaves it unchanged (a sum
// that starts at +0 never becomes −0 by adding ±0), so skipping it changes
// no bit as long as the weights are finite numbers.
//
// On MNIST's digits four pixels in five are 0 (the background), and a pass
// over the nonzero ones costs about a fifth of a dense pass.
type sparseRows struct {
	idx []int32
	val []float64
	// start[5i+k] to start[5i+k+1] are group k of point i in idx and val.
	start []int
}

// newSparseRows returns the nonzero coordinates of the points of s.
func newSparseRows(s data.Samples) *sparseRows {
	nz := 0
	for _, v := range s.X {
		if v != 0 {
			nz++
		}
	}
	r := &sparseRows{idx: make([]int32, 0, nz), val: make([]float64, 0, nz), start: make([]int, 0, 5*s.Len()+1)}
	body := s.Dim - s.Dim%4
	for i := range s.Len() {
		row := s.Row(i)
		for k := range 4 {
			r.start = append(r.start, len(r.idx))
			for j := k; j < body; j += 4 {
				if v := row[j]; v != 0 {
					r.idx = append(r.idx, int32(j))
					r.val = append(r.val, v)
				}
			}
		}
		r.start = append(r.start, len(r.idx))
		for j := body; j < s.Dim; j++ {
			if v := row[j]; v != 0 {
				r.idx = append(r.idx, int32(j))
				r.val = append(r.val, v)
			}
		}
	}
	r.start = append(r.start, len(r.idx))
	return r
}

// dot returns dot(w, x) for point i: the same partial sums over the same
// nonzero terms in the same order, so the same bits.
func (r *sparseRows) dot(i int, w []float64) float64 {
	st := r.start[5*i : 5*i+6]
	var p [4]float64
	for k := range 4 {
		idx, val := r.idx[st[k]:st[k+1]], r.val[st[k]:st[k+1]]
		val = val[:len(idx)]
		var s float64
		for e, j := range idx {
			s += w[j] * val[e]
		}
		p[k] = s
	}
	s := (p[0] + p[1]) + (p[2] + p[3])
	idx, val := r.idx[st[4]:st[5]], r.val[st[4]:st[5]]
	val = val[:len(idx)]
	for e, j := range idx {
		s += w[j] * val[e]
	}
	return s
}

// addScaled adds c·x of point i to g.
func (r *sparseRows) addScaled(g []float64, i int, c float64) {
	lo, hi := r.start[5*i], r.start[5*i+5]
	idx, val := r.idx[lo:hi], r.val[lo:hi]
	val = val[:len(idx)]
	for e, j := range idx {
		g[j] += c * val[e]
	}
}

// passSparse is pass over the points from f.row to end through
// f.sparse, with the same sums in the same order.
func (f *Fitter) passSparse(end int) {
	x := f.loc.X
	w, b := x[:f.s.Dim], x[f.s.Dim]
	for i := f.row; i < end; i++ {
		z := b + f.sparse.dot(i, w)
		s := signedLabel(f.s.Label(i))
		t := -s * z
		f.loss += logistic.Softplus(t)
		r := -s * logistic.Sigmoid(t)
		f.sparse.addScaled(f.grad, i, r)
		f.grad[f.s.Dim] += r
	}
}
