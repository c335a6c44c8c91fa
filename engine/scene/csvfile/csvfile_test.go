package csvfile

import (
	"slices"
	"strings"
	"testing"

	"advplay/engine/scene"
	"advplay/engine/scene/scenetest"
)

// TestHighCSV: points in d dimensions export with the header x1,…,xd,label
// and import back (snapped to the Quantum grid, as every imported
// coordinate is), and the errors name the line.
func TestHighCSV(t *testing.T) {
	s := scenetest.EditedHigh(t, `{"dimension": 6}`)
	text := Points(s)
	if !strings.HasPrefix(text, "x1,x2,x3,x4,x5,x6,label\n") {
		t.Fatalf("export begins %.40q", text)
	}
	d := scenetest.New(t)
	if err := Import(d, text); err != nil {
		t.Fatal(err)
	}
	got, want := d.Samples(), s.Samples()
	if got.Dim != 6 || !slices.Equal(got.Labels, want.Labels) || len(got.X) != len(want.X) {
		t.Fatalf("imported %d points in %d dimensions, want %d in 6", got.Len(), got.Dim, want.Len())
	}
	for j, v := range want.X {
		if got.X[j] != scene.Quantize(v) {
			t.Fatalf("coordinate %d imported as %v, want %v snapped to %v", j, got.X[j], v, scene.Quantize(v))
		}
	}
	if st := d.Settings(); st.Preset != "empty" || st.Dimension != 6 {
		t.Errorf("imported: preset %q, dimension %d", st.Preset, st.Dimension)
	}
	// Regenerating the empty preset drops the imported points and their
	// dimension, and with them what is refused above two dimensions.
	back := scenetest.New(t)
	if err := Import(back, text); err != nil {
		t.Fatal(err)
	}
	if err := back.Apply(scenetest.Patch(t, `{"seed": 2, "model": {"kind": "mlp"}, "training": {"running": false}}`)); err != nil || back.Settings().Dimension != 2 || len(back.View().Points) != 0 {
		t.Errorf("regenerating the imported points: %v, dimension %d, %d points", err, back.Settings().Dimension, len(back.View().Points))
	}
	// A second round trip changes nothing.
	again := scenetest.New(t)
	if err := Import(again, Points(d)); err != nil || !slices.Equal(again.Samples().X, got.X) {
		t.Errorf("second round trip: %v", err)
	}
	for _, c := range []struct {
		text, want string
	}{
		{"x1,x2,x3,label\n1,2,3,0\n4,5,x,1\n", "line 3, column 3"},
		{"x1,x2,x3,label\n1,2,3,0\n\n4,5,2e6,1\n", "line 4, column 3"},
		{"1,2,3,0\n4,5,6,7,1\n", "line 2"},
		{"x1,x2,x3,label\n1,2,3,green\n", "line 2, column 4"},
		{"x1,label\n1,0\n", "line 1"},
		{strings.Repeat("0,", scene.MaxDimension+1) + "0\n", "line 1"},
	} {
		before := scenetest.Figures(t, d)
		err := Import(d, c.text)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ImportCSV(%.30q) = %v, want an error naming %s", c.text, err, c.want)
		}
		if scenetest.Figures(t, d) != before {
			t.Errorf("ImportCSV(%.30q) failed but changed the scene", c.text)
		}
	}
}
