package push

import (
	"slices"
	"time"

	"advplay/engine/scene"
	"advplay/engine/scene/share"
	"advplay/wasm/readout"
)

// GallerySamples is the most points the gallery shows.
const GallerySamples = 8

// Pusher decides what the page must be told and builds the summary. The
// zero Pusher has told the page nothing.
type Pusher struct {
	seen    seen
	version int
	// linked is what the last link pushed described; pending and due
	// what the next one will, and when.
	linked, pending linkState
	due             time.Time
	linkNow         bool
	linkPushes      int
	// table and gallery are what the page was last sent of each.
	table   int
	gallery galleryKey
	sent    bool
}

// seen identifies what the page shows, to tell it only of changes.
type seen struct {
	versions  scene.Versions
	settings  scene.Settings
	running   bool
	compact   bool
	chart     int
	saidSeq   int
	noticeSeq int
	cursor    Cursor
	shown     int
	plot      Box
}

// linkState is what a scene's link describes.
type linkState struct {
	points   int
	settings scene.Settings
	running  bool
}

type galleryKey struct {
	attack, shown int
	on            bool
}

// Pushes returns the summaries built, and LinkPushes those that brought
// only a new link.
func (p *Pusher) Pushes() (all, linkOnly int) { return p.version, p.linkPushes }

// LinkNow asks for the link in the next summary, without waiting for the
// scene to settle: for Share, Embed, and a page about to close.
func (p *Pusher) LinkNow() { p.linkNow = true }

// LinkDue returns when the next link is due, and false when none is.
func (p *Pusher) LinkDue() (time.Time, bool) { return p.due, !p.due.IsZero() }

// Build returns the summary of s and f at now, and true, when the page
// must be told: something it shows changed, or the link is due. Its
// figures are the scene's as of its last Flush.
func (p *Pusher) Build(s *scene.Scene, f Frame, now time.Time) (Summary, bool) {
	st := s.Peek()
	v := s.View()
	link := p.link(s, v, st, now)
	n := seen{versions: v.Versions, settings: st.Settings, running: st.Training.Running, compact: f.Compact, chart: f.Chart,
		saidSeq: f.SaidSeq, noticeSeq: f.Notice.Seq, cursor: f.Cursor, shown: f.Shown, plot: f.Plot}
	if p.sent && n == p.seen && link == "" {
		return Summary{}, false
	}
	linkOnly := p.sent && n == p.seen
	p.seen, p.sent = n, true
	p.version++
	if linkOnly {
		p.linkPushes++
	}
	sum := p.summary(st, v, f)
	sum.Link, sum.LinkOnly = link, linkOnly
	if f.Chart != p.table && f.Table != nil {
		p.table = f.Chart
		sum.Table = &Table{Table: f.Table(), Version: f.Chart}
	}
	if g, ok := p.buildGallery(s, v, st, f.Shown); ok {
		sum.Gallery = g
	}
	return sum, true
}

// Peek returns the summary of s and f as the last one pushed would read
// now, without the link, the table and the gallery, and records nothing:
// what advplay.summary() returns.
func (p *Pusher) Peek(s *scene.Scene, f Frame) Summary {
	return p.summary(s.Peek(), s.View(), f)
}

func (p *Pusher) summary(st scene.State, v scene.View, f Frame) Summary {
	return Summary{Version: p.version, State: st, Perf: f.Perf,
		Readout: Text{
			Lines:        readout.Lines(st, f.Compact),
			Announcement: readout.Announcement(st),
			Description:  readout.Describe(st, v.Points),
			Said:         f.Said,
			SaidSeq:      f.SaidSeq,
		},
		Cursor: f.Cursor, Shown: f.Shown, Notice: f.Notice, Plot: f.Plot}
}

// link returns the scene's link when it changed and has stayed as it is
// for LinkDelay (or LinkNow asked for it), and "" otherwise.
func (p *Pusher) link(s *scene.Scene, v scene.View, st scene.State, now time.Time) string {
	cur := linkState{points: v.Versions.Points, settings: st.Settings, running: st.Training.Running}
	switch {
	case p.linkNow:
	case cur == p.linked:
		p.due = time.Time{}
		return ""
	case p.due.IsZero() || cur != p.pending:
		p.pending, p.due = cur, now.Add(LinkDelay)
		return ""
	case now.Before(p.due):
		return ""
	}
	p.linkNow = false
	p.linked, p.pending, p.due = cur, cur, time.Time{}
	return share.Encode(s)
}

// buildGallery returns the gallery's pictures when they changed: for a
// preset whose points are pictures (scene.Pictures).
func (p *Pusher) buildGallery(s *scene.Scene, v scene.View, st scene.State, shown int) (*Gallery, bool) {
	side := scene.Pictures(st.Preset)
	key := galleryKey{attack: v.Versions.Attack, shown: shown, on: side > 0}
	if key == p.gallery {
		return nil, false
	}
	p.gallery = key
	if !key.on {
		return &Gallery{}, true
	}
	g := &Gallery{Side: side}
	if st.Model.Kind == scene.KindLogReg {
		g.Weights = st.Model.Weights
	}
	for _, i := range Picks(len(v.Points), shown) {
		sv, err := s.Sample(i)
		if err != nil {
			continue
		}
		g.Samples = append(g.Samples, Sample{Index: i, SampleView: sv})
	}
	return g, true
}

// Picks returns the points the gallery shows of n: shown first, when it is
// one (≥ 0), then points spread evenly over the rest, GallerySamples in
// all at most.
func Picks(n, shown int) []int {
	var picks []int
	if shown >= 0 && shown < n {
		picks = append(picks, shown)
	}
	for k := 0; k < GallerySamples && n > 0 && len(picks) < GallerySamples; k++ {
		i := int((float64(k) + 0.5) * float64(n) / GallerySamples)
		if !slices.Contains(picks, i) {
			picks = append(picks, i)
		}
	}
	return picks
}
