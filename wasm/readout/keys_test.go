package readout

import (
	"testing"

	"advplay/engine/data"
)

// TestKeySentences checks the live region's sentences after a key, word
// for word: a screen reader reads them as they are.
func TestKeySentences(t *testing.T) {
	red := data.Point{X: 1, Y: -0.5, Label: 0}
	blue := data.Point{X: 2.345, Y: 0.125, Label: 1}
	all := []data.Point{red, blue, {X: 0, Y: 0, Label: 1}}
	cases := []struct{ got, want string }{
		{Added(blue, all), "Added a blue square at (2.35, 0.12); 1 red, 2 blue."},
		{Removed(red, all[1:]), "Removed the red circle at (1.00, -0.50); 0 red, 2 blue."},
		{PickedUp(red), "Picked up the red circle at (1.00, -0.50). Arrows move it, Space puts it down, Escape puts it back."},
		{Carrying(blue), "Moving the point to (2.35, 0.12)."},
		{PutDown(blue), "Put the point down at (2.35, 0.12)."},
		{PutBack(red), "Put the point back at (1.00, -0.50)."},
		{Zoomed(true, -1, 3, -0.5, 2.25), "Zoomed in: x from -1.00 to 3.00, y from -0.50 to 2.25."},
		{Zoomed(false, -10, 30, -5, 22.5), "Zoomed out: x from -10.00 to 30.00, y from -5.00 to 22.50."},
		{Sentence("no point near the cursor to remove"), "No point near the cursor to remove."},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q\nwant %q", c.got, c.want)
		}
	}
}
