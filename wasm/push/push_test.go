package push

import (
	"slices"
	"strings"
	"testing"
	"time"

	"advplay/engine/scene"
	"advplay/wasm/readout"
)

func newScene(t *testing.T, p scene.Patch) *scene.Scene {
	t.Helper()
	s, err := scene.New(scene.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(p); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestBuild: the first summary is pushed; the same scene again is not; a
// change is, with a new version; the link comes LinkDelay after the last
// change, alone (LinkOnly), or at once after LinkNow.
func TestBuild(t *testing.T) {
	s := newScene(t, scene.Patch{})
	var p Pusher
	t0 := time.Unix(1000, 0)
	first, ok := p.Build(s, Frame{Shown: -1}, t0)
	if !ok || first.Version != 1 || first.Link != "" || first.Readout.Announcement == "" {
		t.Fatalf("first summary: %v, version %d, link %q, announcement %q", ok, first.Version, first.Link, first.Readout.Announcement)
	}
	if _, ok := p.Build(s, Frame{Shown: -1}, t0.Add(time.Millisecond)); ok {
		t.Error("an unchanged scene was pushed again")
	}
	if err := s.Apply(scene.Patch{"epsilon": 0.4}); err != nil {
		t.Fatal(err)
	}
	sum, ok := p.Build(s, Frame{Shown: -1}, t0.Add(2*time.Millisecond))
	if !ok || sum.Version != 2 || sum.Epsilon != 0.4 || sum.Link != "" {
		t.Fatalf("after a change: %v, version %d, ε %v, link %q", ok, sum.Version, sum.Epsilon, sum.Link)
	}
	due, ok := p.LinkDue()
	if !ok || due != t0.Add(2*time.Millisecond+LinkDelay) {
		t.Errorf("link due %v (%v), want LinkDelay after the change", due, ok)
	}
	if _, ok := p.Build(s, Frame{Shown: -1}, due.Add(-time.Millisecond)); ok {
		t.Error("the link came before LinkDelay")
	}
	sum, ok = p.Build(s, Frame{Shown: -1}, due)
	if !ok || !sum.LinkOnly || !strings.HasPrefix(sum.Link, "s1.") {
		t.Fatalf("at LinkDelay: %v, link only %v, link %q", ok, sum.LinkOnly, sum.Link)
	}
	if all, links := p.Pushes(); all != 3 || links != 1 {
		t.Errorf("pushes %d, of which link only %d; want 3 and 1", all, links)
	}
	p.LinkNow()
	if sum, ok := p.Build(s, Frame{Shown: -1}, due.Add(time.Millisecond)); !ok || sum.Link == "" {
		t.Error("LinkNow did not bring the link at once")
	}
}

// TestTable: the chart's table comes in the summary after its version
// changed, and only then.
func TestTable(t *testing.T) {
	s := newScene(t, scene.Patch{})
	var p Pusher
	calls := 0
	f := Frame{Shown: -1, Chart: 1, Table: func() readout.Table { calls++; return readout.Table{Key: "ε"} }}
	sum, _ := p.Build(s, f, time.Unix(0, 0))
	if sum.Table == nil || sum.Table.Version != 1 {
		t.Fatalf("the first summary has table %+v", sum.Table)
	}
	f.SaidSeq = 1 // another change, the same chart
	if sum, ok := p.Build(s, f, time.Unix(1, 0)); !ok || sum.Table != nil || calls != 1 {
		t.Errorf("an unchanged chart's table came again (%v, %d calls)", ok, calls)
	}
}

// TestGallery: a picture preset's summary carries the pictures, the point
// shown first, with the model's weights; again only after a change; the
// clouds' summary says there is no gallery.
func TestGallery(t *testing.T) {
	s := newScene(t, scene.Patch{"preset": "glyphs", "n": 50.0})
	var p Pusher
	sum, _ := p.Build(s, Frame{Shown: 7}, time.Unix(0, 0))
	g := sum.Gallery
	if g == nil || g.Side != 28 || len(g.Samples) != GallerySamples || g.Samples[0].Index != 7 || len(g.Weights) != 784 {
		t.Fatalf("gallery %v: side %d, %d samples, first %d, %d weights", g != nil, g.Side, len(g.Samples), g.Samples[0].Index, len(g.Weights))
	}
	if len(g.Samples[0].Clean) != 784 || len(g.Samples[0].Perturbation) != 784 {
		t.Errorf("a sample has %d values and a perturbation of %d, want 784", len(g.Samples[0].Clean), len(g.Samples[0].Perturbation))
	}
	if sum, _ := p.Build(s, Frame{Shown: 7, SaidSeq: 1}, time.Unix(1, 0)); sum.Gallery != nil {
		t.Error("an unchanged gallery came again")
	}
	if sum, _ := p.Build(s, Frame{Shown: 3}, time.Unix(2, 0)); sum.Gallery == nil || sum.Gallery.Samples[0].Index != 3 {
		t.Error("another point shown did not bring the gallery again")
	}
	clouds := newScene(t, scene.Patch{})
	var q Pusher
	if sum, _ := q.Build(clouds, Frame{Shown: -1}, time.Unix(0, 0)); sum.Gallery == nil || sum.Gallery.Side != 0 {
		t.Errorf("the clouds' first summary has gallery %+v, want one saying there is none", sum.Gallery)
	}
}

// TestPicks: the point shown first, then points spread evenly, none twice,
// at most GallerySamples.
func TestPicks(t *testing.T) {
	for _, c := range []struct {
		n, shown int
		want     []int
	}{
		{100, -1, []int{6, 18, 31, 43, 56, 68, 81, 93}},
		{100, 50, []int{50, 6, 18, 31, 43, 56, 68, 81}},
		{100, 6, []int{6, 18, 31, 43, 56, 68, 81, 93}},
		{3, -1, []int{0, 1, 2}},
		{0, -1, nil},
	} {
		if got := Picks(c.n, c.shown); !slices.Equal(got, c.want) {
			t.Errorf("Picks(%d, %d) = %v, want %v", c.n, c.shown, got, c.want)
		}
	}
}
