package scene

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"advplay/engine/article"
	"advplay/engine/data"
)

// gridValue returns the float64 nearest to k·10⁻⁴, computed exactly with
// big.Rat (independent of Quantize's float arithmetic).
func gridValue(k int64) float64 {
	f, _ := new(big.Rat).SetFrac(big.NewInt(k), big.NewInt(10000)).Float64()
	return f
}

func TestQuantize(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 12))
	type tc struct {
		v float64
		k int64 // the grid index v must snap to
	}
	var cases []tc
	// Random grid indices up to ±1e10 (coordinates up to ±MaxCoordinate),
	// offset by less than 0.4 of a quantum so that the nearest grid point
	// is unambiguous.
	for range 20000 {
		k := rnd.Int64N(2e10+1) - 1e10
		if rnd.IntN(2) == 0 {
			k = rnd.Int64N(200001) - 100000 // around the clouds, |v| ≤ 10
		}
		off := (rnd.Float64()*0.8 - 0.4) / 10000
		cases = append(cases, tc{gridValue(k) + off, k})
	}
	cases = append(cases,
		tc{0, 0}, tc{0.1, 1000}, tc{0.1 + 0.2, 3000}, tc{-2.71828, -27183}, tc{1e6, 1e10}, tc{-1e6, -1e10},
		tc{0.00004, 0}, tc{0.00006, 1}, tc{-0.00006, -1}, tc{1.23456789, 12346}, tc{999999.99996, 1e10},
	)
	for _, c := range cases {
		q := Quantize(c.v)
		if want := gridValue(c.k); q != want {
			t.Fatalf("Quantize(%v) = %v, want %v (k = %d)", c.v, q, want, c.k)
		}
		if qq := Quantize(q); math.Float64bits(qq) != math.Float64bits(q) {
			t.Fatalf("Quantize not idempotent at %v: %v → %v", c.v, q, qq)
		}
		s := strconv.FormatFloat(q, 'g', -1, 64)
		if back, err := strconv.ParseFloat(s, 64); err != nil || back != q {
			t.Fatalf("Quantize(%v) = %v prints %q, which reads back as %v", c.v, q, s, back)
		}
		// The shortest form is the short decimal k·10⁻⁴ itself: at most
		// four decimals, no 0.30000000000000004.
		r, ok := new(big.Rat).SetString(s)
		if !ok || r.Cmp(new(big.Rat).SetFrac(big.NewInt(c.k), big.NewInt(10000))) != 0 {
			t.Fatalf("Quantize(%v) prints %q, want the decimal %d·10⁻⁴", c.v, s, c.k)
		}
		if strings.HasPrefix(s, "-0") && c.k == 0 {
			t.Fatalf("Quantize(%v) prints %q", c.v, s)
		}
	}
}

func TestQuantizeSpecial(t *testing.T) {
	// Zero is +0, whatever side it comes from, so it never prints "-0".
	for _, v := range []float64{math.Copysign(0, -1), -0.00001, -4.9e-5, -1e-300} {
		if q := Quantize(v); q != 0 || math.Signbit(q) {
			t.Errorf("Quantize(%v) = %v (sign bit %v), want +0", v, q, math.Signbit(q))
		}
	}
	// Beyond 1e15 every float64 is already on the grid; nothing overflows.
	for _, v := range []float64{1e15, -3e17, math.MaxFloat64, -math.MaxFloat64, math.Inf(1), math.Inf(-1)} {
		if q := Quantize(v); q != v {
			t.Errorf("Quantize(%v) = %v, want it unchanged", v, q)
		}
	}
	if q := Quantize(math.NaN()); !math.IsNaN(q) {
		t.Errorf("Quantize(NaN) = %v", q)
	}
}

func TestAddPoint(t *testing.T) {
	s := newScene(t)
	n := len(s.View().Points)
	i, err := s.AddPoint(1.23456789, -0.00004, 1)
	if err != nil || i != n {
		t.Fatalf("AddPoint = %d, %v; want %d, nil", i, err, n)
	}
	st := s.State()
	// Stored snapped to the 10⁻⁴ grid: 1.2346 and 0.
	if p := st.Points[i]; p.X != 1.2346 || p.Y != 0 || math.Signbit(p.Y) || p.Label != 1 {
		t.Errorf("added point %+v, want {1.2346, 0, 1}", p)
	}
	if st.Metrics.N != n+1 || st.Preset != "small" {
		t.Errorf("after AddPoint: n %d, preset %s", st.Metrics.N, st.Preset)
	}
	// The earlier points are untouched.
	eqPoints(t, points(st)[:n], generate(t, "small", 100, article.Sigma, 1))
	// The edge of the coordinate range is allowed.
	if _, err := s.AddPoint(-MaxCoordinate, MaxCoordinate, 0); err != nil {
		t.Errorf("AddPoint at ±MaxCoordinate: %v", err)
	}
}

func TestEditErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	s := newScene(t)
	n := len(s.View().Points)
	cases := []struct {
		name string
		do   func() error
		path string
	}{
		{"add x NaN", func() error { _, err := s.AddPoint(nan, 0, 0); return err }, "x"},
		{"add y +Inf", func() error { _, err := s.AddPoint(0, inf, 0); return err }, "y"},
		{"add x beyond 1e6", func() error { _, err := s.AddPoint(1e6+0.001, 0, 0); return err }, "x"},
		{"add y beyond −1e6", func() error { _, err := s.AddPoint(0, -2e6, 0); return err }, "y"},
		{"add label 2", func() error { _, err := s.AddPoint(0, 0, 2); return err }, "label"},
		{"add label −1", func() error { _, err := s.AddPoint(0, 0, -1); return err }, "label"},
		{"move −1", func() error { return s.MovePoint(-1, 0, 0) }, "index"},
		{"move n", func() error { return s.MovePoint(n, 0, 0) }, "index"},
		{"move to NaN", func() error { return s.MovePoint(0, nan, 0) }, "x"},
		{"move beyond 1e6", func() error { return s.MovePoint(0, 0, 1e7) }, "y"},
		{"remove −1", func() error { return s.RemovePoint(-1) }, "index"},
		{"remove n", func() error { return s.RemovePoint(n) }, "index"},
		{"set a bad point", func() error {
			return setPoints(s, []data.Point{{X: 0, Y: 0, Label: 0}, {X: 0, Y: 0, Label: 1}, {X: 0, Y: 3e6, Label: 1}})
		}, "points[2].y"},
		{"set a bad label", func() error { return setPoints(s, []data.Point{{X: 0, Y: 0, Label: 5}}) }, "points[0].label"},
		{"set too many", func() error { return setPoints(s, make([]data.Point, MaxPoints+1)) }, "points"},
	}
	for _, c := range cases {
		before := stateJSON(t, s)
		err := c.do()
		if err == nil || !strings.HasPrefix(err.Error(), c.path+": ") {
			t.Errorf("%s: error %v, want one starting %q", c.name, err, c.path+": ")
		}
		if after := stateJSON(t, s); after != before {
			t.Errorf("%s: failed but changed the scene", c.name)
		}
	}
	// An index error says which indices are valid.
	if err := s.RemovePoint(n); err == nil || !strings.Contains(err.Error(), fmt.Sprint(n-1)) {
		t.Errorf("RemovePoint(%d) = %v, want the valid range 0 to %d", n, err, n-1)
	}
}

func TestMoveRemove(t *testing.T) {
	s := newScene(t)
	orig := append([]data.Point(nil), s.View().Points...)
	if err := s.MovePoint(3, 7.77777, -8.88888); err != nil {
		t.Fatal(err)
	}
	st := s.State()
	if p := st.Points[3]; p.X != 7.7778 || p.Y != -8.8889 || p.Label != orig[3].Label {
		t.Errorf("moved point %+v, want {7.7778, -8.8889, %d}", p, orig[3].Label)
	}
	if len(st.Points) != len(orig) {
		t.Errorf("MovePoint changed the count to %d", len(st.Points))
	}
	if err := s.RemovePoint(0); err != nil {
		t.Fatal(err)
	}
	if err := s.RemovePoint(len(orig) - 2); err != nil { // the last one
		t.Fatal(err)
	}
	got := s.View().Points
	want := append([]data.Point(nil), orig[1:len(orig)-1]...)
	want[2] = data.Point{X: 7.7778, Y: -8.8889, Label: orig[3].Label}
	eqPoints(t, got, want)
	checkFigures(t, "after moves and removals", s.State())
}

func TestClearReset(t *testing.T) {
	s := newScene(t)
	if err := s.Apply(decode(t, `{"n": 30, "noise": 0.7, "seed": 5, "epsilon": 0.6}`)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddPoint(9, 9, 0); err != nil {
		t.Fatal(err)
	}
	if err := s.MovePoint(0, -9, -9); err != nil {
		t.Fatal(err)
	}
	if err := s.RemovePoint(1); err != nil {
		t.Fatal(err)
	}
	mustReset(t, s)
	st := s.State()
	eqPoints(t, points(st), generate(t, "small", 30, 0.7, 5))
	if st.Epsilon != 0.6 || st.Seed != 5 {
		t.Errorf("Reset changed settings: %+v", st.Settings)
	}
	checkFigures(t, "after reset", st)

	mustClear(t, s)
	st = s.State()
	if len(st.Points) != 0 || st.Preset != "empty" || st.Metrics != (Metrics{}) || st.Training.Error == "" {
		t.Errorf("after Clear: %d points, preset %s, metrics %+v, training %+v", len(st.Points), st.Preset, st.Metrics, st.Training)
	}
	if st.Epsilon != 0.6 {
		t.Errorf("Clear changed ε to %v", st.Epsilon)
	}
	// Reset of a cleared scene stays empty; points can be added again.
	mustReset(t, s)
	if len(s.View().Points) != 0 {
		t.Errorf("Reset after Clear: %d points", len(s.View().Points))
	}
	if _, err := s.AddPoint(0, 0, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddPoint(2, 2, 1); err != nil {
		t.Fatal(err)
	}
	st = s.State()
	if st.Training.Error != "" || st.Metrics.N != 2 {
		t.Errorf("two points after Clear: training %+v, metrics %+v", st.Training, st.Metrics)
	}
	checkFigures(t, "two points after clear", st)
}

// TestMaxPoints: a full scene refuses another point with a message that
// says so, and changes nothing.
func TestMaxPoints(t *testing.T) {
	s := newScene(t)
	if err := s.Apply(decode(t, `{"n": 25000}`)); err != nil { // 2×25000 = MaxPoints
		t.Fatal(err)
	}
	if len(s.View().Points) != MaxPoints {
		t.Fatalf("%d points, want %d", len(s.View().Points), MaxPoints)
	}
	before := stateJSON(t, s)
	_, err := s.AddPoint(1, 1, 1)
	if err == nil || !strings.Contains(err.Error(), "full") || !strings.Contains(err.Error(), strconv.Itoa(MaxPoints)) {
		t.Errorf("AddPoint to a full scene: %v, want a message that it is full at %d", err, MaxPoints)
	}
	if stateJSON(t, s) != before {
		t.Error("the refused AddPoint changed the scene")
	}
	// After a removal there is room for one.
	if err := s.RemovePoint(0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddPoint(1, 1, 1); err != nil {
		t.Errorf("AddPoint after a removal: %v", err)
	}
	// SetPoints takes exactly MaxPoints.
	if err := setPoints(s, make([]data.Point, MaxPoints)); err != nil {
		t.Errorf("SetPoints(MaxPoints points): %v", err)
	}
}

func TestSetPoints(t *testing.T) {
	s := newScene(t)
	in := []data.Point{{X: 0.12345, Y: 1, Label: 0}, {X: -3, Y: 0.99999, Label: 1}, {X: 2, Y: 2, Label: 1}}
	if err := setPoints(s, in); err != nil {
		t.Fatal(err)
	}
	// SetPoints copies: changing the caller's slice changes nothing.
	in[0].X = 100
	st := s.State()
	eqPoints(t, points(st), []data.Point{{X: 0.1235, Y: 1, Label: 0}, {X: -3, Y: 1, Label: 1}, {X: 2, Y: 2, Label: 1}})
	if st.Preset != "empty" || st.N != 0 {
		t.Errorf("preset %s n %d after SetPoints", st.Preset, st.N)
	}
	checkFigures(t, "SetPoints", st)
}
