package network

// The two matrix kernels that do nearly all the work. Every sum in them runs
// over one index in ascending order from its start value, one rounding per
// term, whatever the tiling: a tile only decides which sums advance side by
// side, never the order of the terms within a sum. So the kernels give the
// bits of the plain loops (the tests check it), on every platform, and the
// per-point methods of Network agree with the batched ones bit for bit.
//
// Tiles keep their sums in local variables, which the compiler holds in
// registers: 4 rows by 2 columns for nt, 2 by 4 for tn, eight sums and six
// loads per eight multiply-adds, within the sixteen floating-point
// registers of amd64 and of the x86 code V8 makes from WebAssembly. Each
// loop body does two terms, to halve the loop overhead (large under
// js/wasm), and reslices its operands to one length so that the compiler
// drops the bounds checks.

// nt sets c[i·n+j] = init[j] + Σ_t a[i·k+t]·b[j·k+t], t ascending, for
// i < m and j < n: c = a·bᵀ (+ init on every row), with a m×k, b n×k and c
// m×n row-major. A nil init starts the sums at 0.
func nt(c, a, b, init []float64, m, n, k int) {
	a = a[:m*k]
	b = b[:n*k]
	c = c[:m*n]
	if init != nil {
		init = init[:n]
	}
	i := 0
	for ; i+4 <= m; i += 4 {
		ntRows4(c[i*n:(i+4)*n], a[i*k:(i+4)*k], b, init, n, k)
	}
	// The last rows one at a time, four columns side by side: a single
	// point (the page's digit) does not wait on one long chain of sums.
	for ; i < m; i++ {
		ntRow(c[i*n:(i+1)*n], a[i*k:(i+1)*k], b, init, n, k)
	}
}

// startAt returns init[j], where nt's sums start, or 0 for a nil init.
func startAt(init []float64, j int) float64 {
	if init == nil {
		return 0
	}
	return init[j]
}

// ntRows4 is nt for four rows of a (4×k) into four rows of c (4×n), in
// tiles of two columns.
func ntRows4(c, a, b, init []float64, n, k int) {
	a0, a1, a2, a3 := a[:k], a[k:2*k], a[2*k:3*k], a[3*k:4*k]
	c0, c1, c2, c3 := c[:n], c[n:2*n], c[2*n:3*n], c[3*n:4*n]
	j := 0
	for ; j+2 <= n; j += 2 {
		t := tile42(a0, a1, a2, a3, b[j*k:(j+1)*k], b[(j+1)*k:(j+2)*k], startAt(init, j), startAt(init, j+1))
		c0[j], c1[j], c2[j], c3[j] = t[0], t[1], t[2], t[3]
		c0[j+1], c1[j+1], c2[j+1], c3[j+1] = t[4], t[5], t[6], t[7]
	}
	if j < n {
		b0 := b[j*k : (j+1)*k]
		a0, a1, a2, a3 := a0[:len(b0)], a1[:len(b0)], a2[:len(b0)], a3[:len(b0)]
		s := startAt(init, j)
		s0, s1, s2, s3 := s, s, s, s
		for t, u := range b0 {
			s0 += a0[t] * u
			s1 += a1[t] * u
			s2 += a2[t] * u
			s3 += a3[t] * u
		}
		c0[j], c1[j], c2[j], c3[j] = s0, s1, s2, s3
	}
}

// tile42 returns the sums of a 4×2 tile of nt, rows a0 to a3 against
// columns b0 and b1 from s0 and s1: the four of b0's column, then the four
// of b1's.
func tile42(a0, a1, a2, a3, b0, b1 []float64, s0, s1 float64) [8]float64 {
	b1 = b1[:len(b0)]
	a0, a1, a2, a3 = a0[:len(b0)], a1[:len(b0)], a2[:len(b0)], a3[:len(b0)]
	s00, s10, s20, s30 := s0, s0, s0, s0
	s01, s11, s21, s31 := s1, s1, s1, s1
	t := 0
	for ; t+2 <= len(b0); t += 2 {
		u, v := b0[t], b1[t]
		x0, x1, x2, x3 := a0[t], a1[t], a2[t], a3[t]
		s00 += x0 * u
		s10 += x1 * u
		s20 += x2 * u
		s30 += x3 * u
		s01 += x0 * v
		s11 += x1 * v
		s21 += x2 * v
		s31 += x3 * v
		u, v = b0[t+1], b1[t+1]
		x0, x1, x2, x3 = a0[t+1], a1[t+1], a2[t+1], a3[t+1]
		s00 += x0 * u
		s10 += x1 * u
		s20 += x2 * u
		s30 += x3 * u
		s01 += x0 * v
		s11 += x1 * v
		s21 += x2 * v
		s31 += x3 * v
	}
	if t < len(b0) {
		u, v := b0[t], b1[t]
		x0, x1, x2, x3 := a0[t], a1[t], a2[t], a3[t]
		s00 += x0 * u
		s10 += x1 * u
		s20 += x2 * u
		s30 += x3 * u
		s01 += x0 * v
		s11 += x1 * v
		s21 += x2 * v
		s31 += x3 * v
	}
	return [8]float64{s00, s10, s20, s30, s01, s11, s21, s31}
}

// ntRow is nt for one row of a into one row of c, four columns side by
// side.
func ntRow(ci, ai, b, init []float64, n, k int) {
	j := 0
	for ; j+4 <= n; j += 4 {
		b0 := b[j*k : (j+1)*k]
		b1 := b[(j+1)*k : (j+2)*k]
		b2 := b[(j+2)*k : (j+3)*k]
		b3 := b[(j+3)*k : (j+4)*k]
		b1, b2, b3 = b1[:len(b0)], b2[:len(b0)], b3[:len(b0)]
		ai := ai[:len(b0)]
		s0, s1, s2, s3 := startAt(init, j), startAt(init, j+1), startAt(init, j+2), startAt(init, j+3)
		for t, u := range b0 {
			x := ai[t]
			s0 += x * u
			s1 += x * b1[t]
			s2 += x * b2[t]
			s3 += x * b3[t]
		}
		ci[j], ci[j+1], ci[j+2], ci[j+3] = s0, s1, s2, s3
	}
	for ; j < n; j++ {
		bj := b[j*k : (j+1)*k]
		ai := ai[:len(bj)]
		s := startAt(init, j)
		for t, u := range bj {
			s += ai[t] * u
		}
		ci[j] = s
	}
}

// tn sets c[j·k+t] = Σ_p d[p·n+j]·x[p·k+t], p ascending from 0, for j < n
// and t < k: c = dᵀ·x, with d m×n, x m×k and c n×k row-major. It is the
// gradient of a layer's weights, summed over the m points of a batch in
// their order.
func tn(c, d, x []float64, m, n, k int) {
	d = d[:m*n]
	x = x[:m*k]
	c = c[:n*k]
	j := 0
	for ; j+2 <= n; j += 2 {
		c0 := c[j*k : (j+1)*k]
		c1 := c[(j+1)*k : (j+2)*k]
		t := 0
		for ; t+4 <= k; t += 4 {
			var s00, s01, s02, s03, s10, s11, s12, s13 float64
			xo, do := t, j
			for range m {
				xp := x[xo : xo+4 : xo+4]
				dp := d[do : do+2 : do+2]
				u, v := dp[0], dp[1]
				x0, x1, x2, x3 := xp[0], xp[1], xp[2], xp[3]
				s00 += u * x0
				s01 += u * x1
				s02 += u * x2
				s03 += u * x3
				s10 += v * x0
				s11 += v * x1
				s12 += v * x2
				s13 += v * x3
				xo += k
				do += n
			}
			c0[t], c0[t+1], c0[t+2], c0[t+3] = s00, s01, s02, s03
			c1[t], c1[t+1], c1[t+2], c1[t+3] = s10, s11, s12, s13
		}
		for ; t < k; t++ {
			var s0, s1 float64
			for p := range m {
				xv := x[p*k+t]
				s0 += d[p*n+j] * xv
				s1 += d[p*n+j+1] * xv
			}
			c0[t], c1[t] = s0, s1
		}
	}
	if j < n {
		cj := c[j*k : (j+1)*k]
		for t := range cj {
			var s float64
			for p := range m {
				s += d[p*n+j] * x[p*k+t]
			}
			cj[t] = s
		}
	}
}

// transpose sets dst[t·n+j] = src[j·k+t]: dst is the k×n transpose of the
// n×k matrix src.
func transpose(dst, src []float64, n, k int) {
	src = src[:n*k]
	dst = dst[:n*k]
	for j := range n {
		row := src[j*k : (j+1)*k]
		for t, v := range row {
			dst[t*n+j] = v
		}
	}
}
