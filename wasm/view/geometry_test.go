package view

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestNearest(t *testing.T) {
	xs := []float64{10, 20, 20, 100, 50}
	ys := []float64{10, 20, 20, 100, 52}
	cases := []struct {
		name       string
		sx, sy, r  float64
		want       int
		wantReason string
	}{
		{"on a point", 10, 10, 5, 0, "distance 0"},
		{"closest of two in range", 14, 14, 10, 0, "√32 ≈ 5.7 to point 0, √72 ≈ 8.5 to point 1"},
		{"tie goes to the later point", 20, 20, 5, 2, "points 1 and 2 coincide"},
		{"exactly on the radius", 50, 57, 5, 4, "distance 5"},
		{"just outside", 50, 57.001, 5, -1, "distance 5.001"},
		{"nothing near", 300, 300, 10, -1, "nearest is 100·√2·… away"},
		{"zero radius, exact hit", 100, 100, 0, 3, "distance 0"},
		{"zero radius, miss", 100, 100.5, 0, -1, "distance 0.5"},
		{"NaN radius", 10, 10, math.NaN(), -1, "nothing is within NaN"},
	}
	for _, c := range cases {
		if got := Nearest(xs, ys, c.sx, c.sy, c.r); got != c.want {
			t.Errorf("%s: Nearest(%v, %v, %v) = %d, want %d (%s)", c.name, c.sx, c.sy, c.r, got, c.want, c.wantReason)
		}
	}
	if got := Nearest(nil, nil, 0, 0, 100); got != -1 {
		t.Errorf("no points: %d, want -1", got)
	}
}

// TestNearestBruteForce compares Nearest with a direct search over many
// random layouts.
func TestNearestBruteForce(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	for trial := range 300 {
		n := rnd.IntN(40)
		xs, ys := make([]float64, n), make([]float64, n)
		for i := range xs {
			xs[i], ys[i] = math.Round(rnd.Float64()*200), math.Round(rnd.Float64()*200)
		}
		sx, sy, r := rnd.Float64()*200, rnd.Float64()*200, rnd.Float64()*30
		want, bestD := -1, math.Inf(1)
		for i := range xs {
			d := math.Hypot(xs[i]-sx, ys[i]-sy)
			if d <= r && d <= bestD { // later wins ties
				want, bestD = i, d
			}
		}
		got := Nearest(xs, ys, sx, sy, r)
		if got != want {
			// Hypot and the squared distance may round differently at an
			// exact tie; accept an equally near point.
			if got >= 0 && want >= 0 && math.Abs(math.Hypot(xs[got]-sx, ys[got]-sy)-bestD) < 1e-9 {
				continue
			}
			t.Fatalf("trial %d: Nearest = %d, brute force %d", trial, got, want)
		}
	}
}

func TestClipLineCases(t *testing.T) {
	cases := []struct {
		name string
		w    [2]float64
		b    float64
		box  [4]float64 // minX, minY, maxX, maxY
		ok   bool
		// ends are the expected endpoints, in either order, found by hand.
		ends [4]float64
	}{
		{"Bayes boundary x+y=2", [2]float64{1, 1}, -2, [4]float64{-1, -1, 3, 3}, true, [4]float64{-1, 3, 3, -1}},
		{"vertical x=1", [2]float64{2, 0}, -2, [4]float64{-1, -1, 3, 3}, true, [4]float64{1, -1, 1, 3}},
		{"horizontal y=0.5", [2]float64{0, -4}, 2, [4]float64{0, 0, 1, 1}, true, [4]float64{0, 0.5, 1, 0.5}},
		{"diagonal through a corner", [2]float64{1, -1}, 0, [4]float64{0, 0, 2, 2}, true, [4]float64{0, 0, 2, 2}},
		{"touching a corner only", [2]float64{1, 1}, 0, [4]float64{0, 0, 1, 1}, true, [4]float64{0, 0, 0, 0}},
		{"steep", [2]float64{10, 1}, -10, [4]float64{0, -5, 2, 5}, true, [4]float64{0.5, 5, 1.5, -5}},
		{"on an edge", [2]float64{1, 0}, 0, [4]float64{0, 0, 1, 1}, true, [4]float64{0, 0, 0, 1}},
		// Tiny and huge weights describe the same line as (1, 1), −2.
		{"tiny weights", [2]float64{1e-200, 1e-200}, -2e-200, [4]float64{-1, -1, 3, 3}, true, [4]float64{-1, 3, 3, -1}},
		{"huge weights", [2]float64{1e200, 1e200}, -2e200, [4]float64{-1, -1, 3, 3}, true, [4]float64{-1, 3, 3, -1}},
		{"misses", [2]float64{1, 1}, -10, [4]float64{-1, -1, 3, 3}, false, [4]float64{}},
		{"misses vertical", [2]float64{1, 0}, -5, [4]float64{-1, -1, 3, 3}, false, [4]float64{}},
		{"misses horizontal", [2]float64{0, 1}, 5, [4]float64{-1, -1, 3, 3}, false, [4]float64{}},
		{"zero weights", [2]float64{0, 0}, 1, [4]float64{-1, -1, 3, 3}, false, [4]float64{}},
		{"zero weights and bias", [2]float64{0, 0}, 0, [4]float64{-1, -1, 3, 3}, false, [4]float64{}},
		{"NaN weight", [2]float64{math.NaN(), 1}, 0, [4]float64{-1, -1, 3, 3}, false, [4]float64{}},
		{"infinite bias", [2]float64{1, 1}, math.Inf(1), [4]float64{-1, -1, 3, 3}, false, [4]float64{}},
	}
	for _, c := range cases {
		x0, y0, x1, y1, ok := ClipLine(c.w, c.b, c.box[0], c.box[1], c.box[2], c.box[3])
		if ok != c.ok {
			t.Errorf("%s: ok = %v, want %v", c.name, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		e := c.ends
		same := func(ax, ay, bx, by float64) bool { return near(ax, bx, 1e-9) && near(ay, by, 1e-9) }
		if !(same(x0, y0, e[0], e[1]) && same(x1, y1, e[2], e[3]) || same(x0, y0, e[2], e[3]) && same(x1, y1, e[0], e[1])) {
			t.Errorf("%s: segment (%v, %v)–(%v, %v), want (%v, %v)–(%v, %v)", c.name, x0, y0, x1, y1, e[0], e[1], e[2], e[3])
		}
	}
}

// TestClipLineBruteForce samples each random line densely and checks that
// the returned segment is exactly the part inside the box: both ends on
// the line and in the box, and every sample inside the box lies between
// the ends.
func TestClipLineBruteForce(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	const samples = 4000
	for trial := range 500 {
		w := [2]float64{rnd.NormFloat64(), rnd.NormFloat64()}
		if trial%10 == 0 {
			w[trial/10%2] = 0 // axis-parallel lines
		}
		b := rnd.NormFloat64() * 3
		minX, minY := rnd.NormFloat64()*2, rnd.NormFloat64()*2
		maxX, maxY := minX+rnd.Float64()*4, minY+rnd.Float64()*4
		x0, y0, x1, y1, ok := ClipLine(w, b, minX, minY, maxX, maxY)

		// Brute force: walk a long stretch of the line through the box's
		// neighbourhood and collect the samples inside.
		n := math.Hypot(w[0], w[1])
		px, py := -b*w[0]/(n*n), -b*w[1]/(n*n) // the foot of the origin
		dx, dy := -w[1]/n, w[0]/n
		reach := math.Hypot(px-(minX+maxX)/2, py-(minY+maxY)/2) + math.Hypot(maxX-minX, maxY-minY) + 1
		slack := 1e-9 * (1 + reach)
		inBox := func(x, y float64) bool {
			return x >= minX-slack && x <= maxX+slack && y >= minY-slack && y <= maxY+slack
		}
		var inside [][2]float64
		for i := 0; i <= samples; i++ {
			s := -reach + 2*reach*float64(i)/samples
			x, y := px+s*dx, py+s*dy
			if x >= minX && x <= maxX && y >= minY && y <= maxY {
				inside = append(inside, [2]float64{x, y})
			}
		}
		if !ok {
			if len(inside) > 0 {
				t.Fatalf("trial %d: ClipLine missed, but %d samples of the line are inside, e.g. %v", trial, len(inside), inside[0])
			}
			continue
		}
		for _, e := range [][2]float64{{x0, y0}, {x1, y1}} {
			if !inBox(e[0], e[1]) {
				t.Fatalf("trial %d: end %v outside the box [%v,%v]×[%v,%v]", trial, e, minX, maxX, minY, maxY)
			}
			if d := math.Abs(w[0]*e[0]+w[1]*e[1]+b) / n; d > slack {
				t.Fatalf("trial %d: end %v is %v off the line", trial, e, d)
			}
		}
		// Along the line, every inside sample lies between the ends.
		t0, t1 := (x0-px)*dx+(y0-py)*dy, (x1-px)*dx+(y1-py)*dy
		if t0 > t1 {
			t0, t1 = t1, t0
		}
		step := 2 * reach / samples
		for _, q := range inside {
			s := (q[0]-px)*dx + (q[1]-py)*dy
			if s < t0-slack || s > t1+slack {
				t.Fatalf("trial %d: inside sample %v is outside the segment", trial, q)
			}
		}
		// And the segment is not much longer than the sampled inside part.
		if len(inside) > 0 {
			s0 := (inside[0][0]-px)*dx + (inside[0][1]-py)*dy
			s1 := (inside[len(inside)-1][0]-px)*dx + (inside[len(inside)-1][1]-py)*dy
			if s0-t0 > step+slack || t1-s1 > step+slack {
				t.Fatalf("trial %d: segment [%v, %v] overshoots the inside samples [%v, %v]", trial, t0, t1, s0, s1)
			}
		} else if t1-t0 > step {
			t.Fatalf("trial %d: segment of length %v but no sample inside", trial, t1-t0)
		}
	}
}
