//go:build !js

package browsertest

// Data flows one way: the page only sends commands, and the module pushes
// one versioned summary per changed frame.

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// traffic is what crossed between the page and the module: calls into the
// module, summaries it pushed, the advplay:change events the page fired
// for them, and frames run.
type traffic struct {
	Calls, Pushes, LinkPushes, Events, Frames int
	Version                                   int
}

// TestOneSliderInput moves the ε slider by one step from the keyboard and
// counts the crossings: one call into the module (set), and one pushed
// summary for it, fired as one advplay:change event, which the controls,
// the link and the readout all follow, then one with the link.
func TestOneSliderInput(t *testing.T) {
	tb := openPlay(t, desktop)
	tb.waitJS("the page to rest", stepTimeout, `advplay.summary().perf.asleep`)
	// Counting starts inside the page: reading perf is itself a call.
	read := `(() => { const s = advplay.summary(); return {calls: s.perf.calls, pushes: s.perf.pushes, linkPushes: s.perf.linkPushes, events: window.__btEvents,
	  frames: s.perf.frames, version: s.version}; })()`
	evalJS[bool](tb, `(window.__btEvents = 0, addEventListener("advplay:change", () => window.__btEvents++), true)`)
	before := evalJS[traffic](tb, read)
	tb.do(chromedp.Focus(chromedp.ID("eps")), chromedp.KeyEvent(kb.ArrowRight))
	tb.waitJS("the page to rest again", stepTimeout, `advplay.summary().perf.asleep`)
	after := evalJS[traffic](tb, read)
	// The waitJS polls and the second read call summary() too: count
	// only set, by the version it made and the calls the page made
	// between the reads, less the test's own.
	calls := after.Calls - before.Calls
	pushes, events, frames := after.Pushes-before.Pushes, after.Events-before.Events, after.Frames-before.Frames
	links := after.LinkPushes - before.LinkPushes
	t.Logf("figure: one ε step from the keyboard: %d frames, %d summaries pushed (%d with only the link), %d advplay:change events; version %d → %d; calls into the module including the test's own polling: %d",
		frames, pushes, links, events, before.Version, after.Version, calls)
	// At rest a command is answered by one push, frames or not, and the
	// link follows once the scene has settled.
	if pushes-links != 1 {
		t.Errorf("%d summaries pushed for one command at rest (%d of them only the link), want one and the link's", pushes, links)
	}
	// At rest the link of the change has come too, in a push of its own
	// that fires no event: the scene did not change.
	if links != 1 || events != pushes-links {
		t.Errorf("%d advplay:change events for %d pushes of which %d brought only the link; want one link push and one event for each other push", events, pushes, links)
	}
	if got := evalJS[string](tb, `document.getElementById("eps-num").value`); got != "0.31" {
		t.Errorf("the number box shows %q after the push, want 0.31", got)
	}
	// The page's own calls: count them with the test's polling stopped.
	before = evalJS[traffic](tb, read)
	tb.do(chromedp.KeyEvent(kb.ArrowRight))
	tb.waitJS("the page to rest again", stepTimeout, `advplay.summary().perf.asleep`, `window.__btPoll0 = advplay.summary().perf.calls`)
	polls := evalJS[int](tb, `advplay.summary().perf.calls - window.__btPoll0`)
	after = evalJS[traffic](tb, read)
	own := after.Calls - before.Calls - polls - 2 // the two reads
	t.Logf("figure: one ε step: %d call into the module from the page; the link comes in a push once the scene has settled", own)
	if own != 1 {
		t.Errorf("one slider step made %d calls into the module, want one (set)", own)
	}
}
