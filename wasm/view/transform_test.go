package view

import (
	"math"
	"math/rand/v2"
	"testing"
)

// tol is the tolerance for screen and data coordinates that went through a
// handful of float64 operations on values up to about 1e4.
const tol = 1e-9

func near(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

var transforms = []Transform{
	{Plot: Rect{0, 0, 800, 600}, CX: 1, CY: 1, Scale: 100},
	{Plot: Rect{250, 40, 1030, 760}, CX: -3.5, CY: 12.25, Scale: 7.5},
	{Plot: Rect{0, 300, 390, 400}, CX: 1e5, CY: -1e5, Scale: 0.01},
	{Plot: Rect{10, 10, 3, 3}, CX: 0, CY: 0, Scale: 1e5},
}

func TestRoundTrip(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for i, tf := range transforms {
		for range 200 {
			x, y := tf.CX+(rnd.Float64()-0.5)*1000/tf.Scale, tf.CY+(rnd.Float64()-0.5)*1000/tf.Scale
			sx, sy := tf.ToScreen(x, y)
			gx, gy := tf.ToData(sx, sy)
			if !near(gx, x, tol) || !near(gy, y, tol) {
				t.Fatalf("transform %d: ToData(ToScreen(%v, %v)) = (%v, %v)", i, x, y, gx, gy)
			}
			px, py := tf.Plot.X+rnd.Float64()*tf.Plot.W, tf.Plot.Y+rnd.Float64()*tf.Plot.H
			dx, dy := tf.ToData(px, py)
			qx, qy := tf.ToScreen(dx, dy)
			if !near(qx, px, tol) || !near(qy, py, tol) {
				t.Fatalf("transform %d: ToScreen(ToData(%v, %v)) = (%v, %v)", i, px, py, qx, qy)
			}
		}
	}
}

// TestOrientation checks the conventions of the package doc: the centre
// maps to the plot's middle, x grows to the right, y grows upwards (screen
// y down), and one data unit is Scale pixels on both axes.
func TestOrientation(t *testing.T) {
	for i, tf := range transforms {
		mx, my := tf.ToScreen(tf.CX, tf.CY)
		if !near(mx, tf.Plot.X+tf.Plot.W/2, tol) || !near(my, tf.Plot.Y+tf.Plot.H/2, tol) {
			t.Errorf("transform %d: centre maps to (%v, %v), want the plot's middle", i, mx, my)
		}
		rx, ry := tf.ToScreen(tf.CX+1, tf.CY)
		ux, uy := tf.ToScreen(tf.CX, tf.CY+1)
		if !near(rx-mx, tf.Scale, tol) || !near(ry, my, tol) {
			t.Errorf("transform %d: one unit right moves the screen point by (%v, %v), want (%v, 0)", i, rx-mx, ry-my, tf.Scale)
		}
		if !near(ux, mx, tol) || !near(my-uy, tf.Scale, tol) {
			t.Errorf("transform %d: one unit up moves the screen point by (%v, %v), want (0, %v)", i, ux-mx, uy-my, -tf.Scale)
		}
	}
}

func TestVisible(t *testing.T) {
	for i, tf := range transforms {
		minX, minY, maxX, maxY := tf.Visible()
		// The plot is W/Scale by H/Scale data units, centred on (CX, CY).
		hw, hh := tf.Plot.W/2/tf.Scale, tf.Plot.H/2/tf.Scale
		want := [4]float64{tf.CX - hw, tf.CY - hh, tf.CX + hw, tf.CY + hh}
		got := [4]float64{minX, minY, maxX, maxY}
		for k := range got {
			if !near(got[k], want[k], tol) {
				t.Errorf("transform %d: Visible() = %v, want %v", i, got, want)
				break
			}
		}
	}
}

func TestZoomKeepsAnchor(t *testing.T) {
	factors := []float64{2, 0.5, 1.1, 1 / 1.1, 37, 1e-3}
	rnd := rand.New(rand.NewPCG(3, 4))
	for i, tf := range transforms {
		for _, f := range factors {
			sx, sy := tf.Plot.X+rnd.Float64()*tf.Plot.W, tf.Plot.Y+rnd.Float64()*tf.Plot.H
			x, y := tf.ToData(sx, sy)
			z := tf.Zoom(f, sx, sy)
			want := clamp(tf.Scale*f, MinScale, MaxScale)
			if !near(z.Scale, want, 1e-12) {
				t.Errorf("transform %d: Zoom(%v).Scale = %v, want %v", i, f, z.Scale, want)
			}
			gx, gy := z.ToScreen(x, y)
			if !near(gx, sx, tol) || !near(gy, sy, tol) {
				t.Errorf("transform %d: Zoom(%v) about (%v, %v) moved the anchor to (%v, %v)", i, f, sx, sy, gx, gy)
			}
		}
	}
}

func TestZoomClamps(t *testing.T) {
	tf := transforms[0]
	if got := tf.Zoom(1e12, 400, 300).Scale; got != MaxScale {
		t.Errorf("zoom in by 1e12: scale %v, want MaxScale %v", got, MaxScale)
	}
	if got := tf.Zoom(1e-12, 400, 300).Scale; got != MinScale {
		t.Errorf("zoom out by 1e-12: scale %v, want MinScale %v", got, MinScale)
	}
	// Even when clamped, the anchor stays put.
	x, y := tf.ToData(123, 456)
	z := tf.Zoom(1e12, 123, 456)
	if gx, gy := z.ToScreen(x, y); !near(gx, 123, 1e-6) || !near(gy, 456, 1e-6) {
		t.Errorf("clamped zoom moved the anchor to (%v, %v)", gx, gy)
	}
}

func TestZoomPanRejectNonFinite(t *testing.T) {
	tf := transforms[1]
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct{ f, x, y float64 }{
		{nan, 100, 100}, {inf, 100, 100}, {0, 100, 100}, {-2, 100, 100}, {2, nan, 100}, {2, 100, inf},
	} {
		if got := tf.Zoom(c.f, c.x, c.y); got != tf {
			t.Errorf("Zoom(%v, %v, %v) = %+v, want unchanged", c.f, c.x, c.y, got)
		}
	}
	for _, d := range [][2]float64{{nan, 0}, {0, inf}, {-inf, 1}} {
		if got := tf.Pan(d[0], d[1]); got != tf {
			t.Errorf("Pan(%v, %v) = %+v, want unchanged", d[0], d[1], got)
		}
	}
}

func TestPan(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	for i, tf := range transforms {
		for range 20 {
			dx, dy := (rnd.Float64()-0.5)*500, (rnd.Float64()-0.5)*500
			// A data point under the cursor follows the drag.
			sx, sy := tf.Plot.X+rnd.Float64()*tf.Plot.W, tf.Plot.Y+rnd.Float64()*tf.Plot.H
			x, y := tf.ToData(sx, sy)
			p := tf.Pan(dx, dy)
			if p.Scale != tf.Scale || p.Plot != tf.Plot {
				t.Fatalf("transform %d: Pan changed scale or plot: %+v", i, p)
			}
			gx, gy := p.ToScreen(x, y)
			if !near(gx, sx+dx, tol) || !near(gy, sy+dy, tol) {
				t.Fatalf("transform %d: after Pan(%v, %v) the point at (%v, %v) is at (%v, %v)", i, dx, dy, sx, sy, gx, gy)
			}
		}
	}
}

func TestFit(t *testing.T) {
	cases := []struct {
		name                   string
		plot                   Rect
		minX, minY, maxX, maxY float64
		margin                 float64
		// want is the data box that must be visible.
		want [4]float64
	}{
		{"article box, wide plot", Rect{0, 0, 1280, 800}, -1, -1, 3, 3, 0.06, [4]float64{-1, -1, 3, 3}},
		{"tall plot", Rect{0, 100, 390, 700}, -1, -1, 3, 3, 0.06, [4]float64{-1, -1, 3, 3}},
		{"wide box", Rect{260, 0, 1020, 800}, -50, 0, 50, 2, 0, [4]float64{-50, 0, 50, 2}},
		{"tall box", Rect{0, 0, 800, 800}, 0, -1000, 1, 1000, 0.1, [4]float64{0, -1000, 1, 1000}},
		// A single point is widened to a unit box around it.
		{"one point", Rect{0, 0, 640, 480}, 2, 3, 2, 3, 0.06, [4]float64{1.5, 2.5, 2.5, 3.5}},
		// An inverted, NaN or infinite box falls back to the article's.
		{"inverted", Rect{0, 0, 640, 480}, 3, 3, -1, -1, 0, [4]float64{-1, -1, 3, 3}},
		{"NaN", Rect{0, 0, 640, 480}, math.NaN(), 0, 1, 1, 0, [4]float64{-1, -1, 3, 3}},
		{"infinite", Rect{0, 0, 640, 480}, math.Inf(-1), 0, math.Inf(1), 1, 0, [4]float64{-1, -1, 3, 3}},
	}
	for _, c := range cases {
		tf := Fit(c.plot, c.minX, c.minY, c.maxX, c.maxY, c.margin)
		if !(tf.Scale >= MinScale && tf.Scale <= MaxScale) || math.IsNaN(tf.CX) || math.IsNaN(tf.CY) {
			t.Errorf("%s: Fit = %+v", c.name, tf)
			continue
		}
		if tf.Plot != c.plot {
			t.Errorf("%s: plot %+v, want %+v", c.name, tf.Plot, c.plot)
		}
		// The whole box (with its margin) is visible, ...
		vx0, vy0, vx1, vy1 := tf.Visible()
		w, h := c.want[2]-c.want[0], c.want[3]-c.want[1]
		mx, my := c.margin*w, c.margin*h
		if vx0 > c.want[0]-mx+tol || vy0 > c.want[1]-my+tol || vx1 < c.want[2]+mx-tol || vy1 < c.want[3]+my-tol {
			t.Errorf("%s: visible [%v,%v]×[%v,%v] does not contain the box %v with margin %v", c.name, vx0, vx1, vy0, vy1, c.want, c.margin)
		}
		// ... centred, and it fills the plot on one axis exactly.
		if !near(tf.CX, (c.want[0]+c.want[2])/2, tol) || !near(tf.CY, (c.want[1]+c.want[3])/2, tol) {
			t.Errorf("%s: centre (%v, %v), want the box's centre", c.name, tf.CX, tf.CY)
		}
		fillX := near(vx1-vx0, w*(1+2*c.margin), tol)
		fillY := near(vy1-vy0, h*(1+2*c.margin), tol)
		if !fillX && !fillY {
			t.Errorf("%s: the box fills neither axis: visible %v×%v, box %v×%v", c.name, vx1-vx0, vy1-vy0, w, h)
		}
		// Equal scale on both axes: a unit square is a square on screen.
		x0, y0 := tf.ToScreen(0, 0)
		x1, y1 := tf.ToScreen(1, 1)
		if !near(x1-x0, y0-y1, tol) {
			t.Errorf("%s: unit square is %v×%v pixels", c.name, x1-x0, y0-y1)
		}
	}
}

func TestWithPlot(t *testing.T) {
	tf := transforms[1]
	r := Rect{0, 0, 500, 500}
	got := tf.WithPlot(r)
	if got.Plot != r || got.CX != tf.CX || got.CY != tf.CY || got.Scale != tf.Scale {
		t.Errorf("WithPlot = %+v", got)
	}
	if mx, my := got.ToScreen(tf.CX, tf.CY); mx != 250 || my != 250 {
		t.Errorf("centre maps to (%v, %v), want (250, 250)", mx, my)
	}
}

func TestRectContains(t *testing.T) {
	r := Rect{10, 20, 30, 40}
	cases := []struct {
		x, y float64
		want bool
	}{
		{10, 20, true}, {39.999, 59.999, true}, {40, 30, false}, {20, 60, false},
		{9.999, 30, false}, {20, 19.999, false}, {math.NaN(), 30, false},
	}
	for _, c := range cases {
		if got := r.Contains(c.x, c.y); got != c.want {
			t.Errorf("Contains(%v, %v) = %v, want %v", c.x, c.y, got, c.want)
		}
	}
}
