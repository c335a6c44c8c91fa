package linear

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"

	"advplay/engine/data"
)

// The attack on a linear model within a box, in closed form. Pictures
// have pixels in a box [lo, hi]^d, [0, 1] for MNIST, and an attacked
// picture must stay in it. Within the intersection of the L∞ ball of
// radius ε around x and the box, the margin s·(w·x' + b) is separable in
// the coordinates, so its minimum is reached coordinate by coordinate:
// each xⱼ moves against the margin, by −s·sign(wⱼ), as far as the ball
// and the box allow,
//
//	x'ⱼ = xⱼ + dⱼ·min(ε, roomⱼ),   dⱼ = −s·sign(wⱼ),
//	roomⱼ = hi − xⱼ if dⱼ > 0,  xⱼ − lo if dⱼ < 0  (0 if negative),
//
// which is FGSM clipped to the box, and the margin falls by
//
//	Δ(ε) = Σⱼ |wⱼ|·min(ε, roomⱼ)   instead of ε‖w‖₁.
//
// No point of the ball and the box has a lower margin: the worst case is
// exact, and PGD on a linear model cannot do better. Δ(ε) is concave,
// piecewise linear and non-decreasing in ε, with slope Σ|wⱼ| over the
// coordinates whose room exceeds ε; it is ε‖w‖₁ while ε is below every
// room, and constant once ε exceeds them all.

// Box is the box [Lo, Hi] that every coordinate of an attacked point must
// stay in.
type Box struct{ Lo, Hi float64 }

// PixelBox is the box of pictures with pixels in [0, 1], such as
// mnist.Pair's.
var PixelBox = Box{Lo: 0, Hi: 1}

// check panics unless lo ≤ hi are numbers and eps ≥ 0.
func (b Box) check(fn string, eps float64) {
	if !(b.Lo <= b.Hi) {
		panic(fmt.Sprintf("linear: %s: box [%v, %v] is empty", fn, b.Lo, b.Hi))
	}
	if !(eps >= 0) {
		panic(fmt.Sprintf("linear: %s: budget %v is not ≥ 0", fn, eps))
	}
}

// room returns how far xⱼ may move in direction dir ∈ {±1} within the
// box, 0 if it is already on or beyond that face.
func (b Box) room(x, dir float64) float64 {
	r := b.Hi - x
	if dir < 0 {
		r = x - b.Lo
	}
	if r > 0 {
		return r
	}
	return 0
}

// checkPoint panics unless x is of m's dimension and label is 0 or 1.
func (m Model) checkPoint(fn string, x []float64, label int) {
	if len(x) != len(m.W) {
		panic(fmt.Sprintf("linear: %s: point of length %d, model of dimension %d", fn, len(x), len(m.W)))
	}
	if label != 0 && label != 1 {
		panic(fmt.Sprintf("linear: %s: label %d is not 0 or 1", fn, label))
	}
}

// PerturbBox writes into dst (which may be x) the worst point for m within
// the L∞ ball of radius eps around x and the box, FGSM clipped to the box,
//
//	x'ⱼ = min(xⱼ + ε, max(xⱼ, hi)) where −s·wⱼ > 0,
//	x'ⱼ = max(xⱼ − ε, min(xⱼ, lo)) where −s·wⱼ < 0,   x'ⱼ = xⱼ where wⱼ = 0,
//
// so a coordinate never leaves the box, nor moves outward if it is already
// outside, and returns it. Its margin is s·(w·x + b) − BoxDrop, up to
// rounding. It panics if dst or x is not of length Dim, label is not 0 or
// 1, eps is negative or NaN, or the box is empty.
func (m Model) PerturbBox(dst, x []float64, label int, eps float64, box Box) []float64 {
	m.checkPoint("PerturbBox", x, label)
	box.check("PerturbBox", eps)
	if len(dst) != len(m.W) {
		panic(fmt.Sprintf("linear: PerturbBox: dst of length %d, model of dimension %d", len(dst), len(m.W)))
	}
	s := signedLabel(label)
	for j, w := range m.W {
		v := x[j]
		switch d := -s * w; {
		case d > 0:
			v = min(v+eps, max(v, box.Hi))
		case d < 0:
			v = max(v-eps, min(v, box.Lo))
		}
		dst[j] = v
	}
	return dst
}

// BoxDrop returns by how much the worst attack within the L∞ ball of
// radius eps and the box lowers the margin s·(w·x + b) of x,
//
//	Δ = Σⱼ |wⱼ|·min(ε, roomⱼ),
//
// summed in coordinate order, where roomⱼ is how far xⱼ can move towards
// the face −s·sign(wⱼ) points to (see the package's closed form). It is at
// most ε‖w‖₁, with equality when every room is at least ε. It panics as
// PerturbBox does.
func (m Model) BoxDrop(x []float64, label int, eps float64, box Box) float64 {
	m.checkPoint("BoxDrop", x, label)
	box.check("BoxDrop", eps)
	s := signedLabel(label)
	var drop float64
	for j, w := range m.W {
		if w == 0 {
			continue
		}
		drop += math.Abs(w) * min(eps, box.room(x[j], -s*w))
	}
	return drop
}

// wrong reports whether the logit z misclassifies a point of the label:
// class 1 iff z > 0.
func wrong(z float64, label int) bool { return (z > 0) != (label == 1) }

// BoxErrorRate returns the fraction of the points of s that m
// misclassifies after the worst attack within the L∞ ball of radius eps and
// the box (PerturbBox), or 0 for no points; eps = 0 gives the clean error.
// Each attacked point's logit is summed in coordinate order, as Logit
// does. It panics if s is not of m's dimension, or as PerturbBox does.
func BoxErrorRate(m Model, s data.Samples, eps float64, box Box) float64 {
	if s.Dim != m.Dim() {
		panic(fmt.Sprintf("linear: BoxErrorRate: samples of dimension %d, model of %d", s.Dim, m.Dim()))
	}
	box.check("BoxErrorRate", eps)
	if s.Len() == 0 {
		return 0
	}
	adv := make([]float64, s.Dim)
	n := 0
	for i := range s.Len() {
		label := s.Label(i)
		if wrong(m.Logit(m.PerturbBox(adv, s.Row(i), label, eps, box)), label) {
			n++
		}
	}
	return float64(n) / float64(s.Len())
}

// FlipThreshold returns the smallest budget that misclassifies x within
// the box: the infimum of the ε at which the worst attack in the L∞ ball
// of radius ε and the box (PerturbBox) is misclassified, 0 for a point
// misclassified already and +Inf for one that no budget flips (its margin
// exceeds the most the box allows, Σ|wⱼ|·roomⱼ). With the rooms sorted,
// r₍₁₎ ≤ r₍₂₎ ≤ …, the drop Δ(ε) is C_k + S_k·ε on [r₍ₖ₋₁₎, r₍ₖ₎] with
// C_k = Σ_{i<k} |w₍ᵢ₎|·r₍ᵢ₎ and S_k = Σ_{i≥k} |w₍ᵢ₎|, and the threshold is
// (m₀ − C_k)/S_k in the first segment where Δ reaches the clean margin
// m₀ = s·(w·x + b). Without the box, and with all rooms above it, it is
// m₀/‖w‖₁. It costs a sort of the d rooms. It panics as PerturbBox does
// (with eps 0).
func (m Model) FlipThreshold(x []float64, label int, box Box) float64 {
	m.checkPoint("FlipThreshold", x, label)
	box.check("FlipThreshold", 0)
	return m.flipThreshold(x, label, box, nil)
}

// slot is one coordinate's room and weight |wⱼ|, and the sum of the
// weights of the coordinates with this room or more.
type slot struct {
	room, w, suffix float64
	j               int
}

// flipThreshold is FlipThreshold with a buffer for the slots, of
// capacity at least 2·len(x), or nil.
func (m Model) flipThreshold(x []float64, label int, box Box, buf []slot) float64 {
	z := m.Logit(x)
	if wrong(z, label) {
		return 0
	}
	s := signedLabel(label)
	margin := s * z
	if cap(buf) < 2*len(x) {
		buf = make([]slot, 0, 2*len(x))
	}
	// The rooms of a whole box's width (a picture's blank pixels, pushed
	// into the ink) need no sort: they come last, in order of j, as a
	// sort by room and then j puts them. Only the others are sorted,
	// unless a coordinate outside the box has a room wider still.
	width := box.Hi - box.Lo
	slots, full := buf[:0:len(x)], buf[len(x):len(x)]
	outside := false
	for j, w := range m.W {
		if w == 0 {
			continue
		}
		r := box.room(x[j], -s*w)
		switch sl := (slot{room: r, w: math.Abs(w), j: j}); {
		case r <= 0:
		case r == width:
			full = append(full, sl)
		default:
			outside = outside || r > width
			slots = append(slots, sl)
		}
	}
	if outside {
		slots, full = append(slots, full...), nil
	}
	slices.SortFunc(slots, func(a, b slot) int {
		return cmp.Or(cmp.Compare(a.room, b.room), cmp.Compare(a.j, b.j))
	})
	slots = append(slots, full...)
	var suffix float64
	for k := len(slots) - 1; k >= 0; k-- {
		suffix += slots[k].w
		slots[k].suffix = suffix
	}
	// On [prev, r₍ₖ₎] the drop is c + S_k·ε.
	var c, prev float64
	for _, sl := range slots {
		if t := (margin - c) / sl.suffix; t <= sl.room {
			return max(t, prev)
		}
		c += sl.w * sl.room
		prev = sl.room
	}
	// From the largest room on the drop is c: only rounding can make it
	// reach the margin here.
	if len(slots) > 0 && c >= margin {
		return prev
	}
	return math.Inf(1)
}

// ErrorCurve is the error rate of a model on a set of points under the
// worst attack within the box, as a function of the budget ε, exactly:
// the sorted flip thresholds of the points.
type ErrorCurve struct {
	// Thresholds holds each point's FlipThreshold, in increasing order.
	Thresholds []float64
}

// NewErrorCurve returns the ErrorCurve of m on s within the box: one sort
// of d rooms per point, and one of the n thresholds. It panics if s is not
// of m's dimension or the box is empty.
func NewErrorCurve(m Model, s data.Samples, box Box) ErrorCurve {
	if s.Dim != m.Dim() {
		panic(fmt.Sprintf("linear: NewErrorCurve: samples of dimension %d, model of %d", s.Dim, m.Dim()))
	}
	box.check("NewErrorCurve", 0)
	c := ErrorCurve{Thresholds: make([]float64, s.Len())}
	buf := make([]slot, 0, 2*s.Dim)
	for i := range s.Len() {
		c.Thresholds[i] = m.flipThreshold(s.Row(i), s.Label(i), box, buf)
	}
	slices.Sort(c.Thresholds)
	return c
}

// Rate returns the fraction of the points flipped at budget eps, those
// whose threshold is at most eps, or 0 for no points. It equals
// BoxErrorRate at eps except for points within rounding of the boundary
// and a class-0 point that the attack at eps brings exactly onto the
// boundary, which is counted as flipped here but not there.
func (c ErrorCurve) Rate(eps float64) float64 {
	if len(c.Thresholds) == 0 {
		return 0
	}
	n := sort.Search(len(c.Thresholds), func(i int) bool { return c.Thresholds[i] > eps })
	return float64(n) / float64(len(c.Thresholds))
}
