//go:build !js

package browsertest

// postMessage between a host page and an embed (README, "postMessage"):
// the commands the embed takes, the replies and changes it posts back, and
// the messages it refuses.

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// hostPage is a page that embeds play.html (with the query q) in an
// iframe with the id f.
func hostPage(q string) string {
	return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>host</title></head>
<body><iframe id="f" src="play.html` + q + `" width="720" height="480" title="advplay"></iframe></body></html>`
}

// frameMsg is hostPage's iframe's window, seen from the host page.
const frameMsg = `document.getElementById("f").contentWindow`

// Message is a message the embed posts to its host.
type Message struct {
	Type    string `json:"type"`
	ID      any    `json:"id"` // a number (float64) or a string, as sent
	Message string `json:"message"`
	State   *State `json:"state"`
}

func (m Message) String() string {
	s := m.Type
	if m.ID != nil {
		s += fmt.Sprintf(" (id %v)", m.ID)
	}
	if m.Message != "" {
		s += fmt.Sprintf(" %q", m.Message)
	}
	return s
}

// exchange posts the message msg (a JavaScript expression) from the host
// page to the window frame and returns the messages frame posts back,
// until the JavaScript predicate until (over the array got) holds or wait
// has passed.
func (tb *tab) exchange(frame, msg, until string, wait time.Duration) []Message {
	tb.t.Helper()
	s, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`new Promise((res) => {
	  const f = `+frame+`;
	  const got = [];
	  let timer = 0;
	  const finish = () => { removeEventListener("message", on); clearTimeout(timer); res(JSON.stringify(got)); };
	  const on = (e) => { if (e.source !== f) return; got.push(e.data); if (`+until+`) finish(); };
	  addEventListener("message", on);
	  f.postMessage(`+msg+`, "*");
	  timer = setTimeout(finish, `+fmt.Sprint(wait.Milliseconds())+`);
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("posting %s: %v", abbrev(msg), err)
	}
	var got []Message
	if err := json.Unmarshal([]byte(s), &got); err != nil {
		tb.t.Fatalf("decoding the replies to %s: %v", abbrev(msg), err)
	}
	return got
}

// request posts msg with the numeric id to the window frame and returns
// the reply with that id, or one of type "no reply within 10 s".
func (tb *tab) request(frame string, id int, msg string) Message {
	tb.t.Helper()
	got := withID(tb.exchange(frame, fmt.Sprintf(`Object.assign(%s, {id: %d})`, msg, id),
		fmt.Sprintf(`got.some((m) => m && m.id === %d)`, id), 10*time.Second), float64(id))
	if len(got) == 0 {
		return Message{Type: "no reply within 10 s"}
	}
	return got[0]
}

// withID returns the messages whose id is id.
func withID(msgs []Message, id any) []Message {
	var out []Message
	for _, m := range msgs {
		if m.ID == id {
			out = append(out, m)
		}
	}
	return out
}

// types lists the messages' types.
func types(msgs []Message) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.Type)
	}
	return out
}

// TestPostMessage drives an embed from a host page with postMessage.
func TestPostMessage(t *testing.T) {
	s := newSite(t, siteOptions{pages: map[string]string{
		"/host.html":       hostPage(""),
		"/host-other.html": hostPage("?origin=https://other.example"),
	}})
	tb := s.open(t, "host.html", desktop)
	tb.waitReady(frameMsg)
	tb.waitJS("advplay:ready posted to the host", stepTimeout, `__bt.messages.some((m) => m && m.type === "advplay:ready")`)
	tb.waitTrained(frameMsg)

	// An idle embed is quiet: advplay:change comes only when the scene
	// changes.
	tb.waitFramesIn(frameMsg, 10)
	idle := evalAwait[int](tb, `new Promise((res) => { const n0 = __bt.messages.length;
	  setTimeout(() => res(__bt.messages.slice(n0).filter((m) => m && m.type === "advplay:change").length), 2000); })`)
	if idle > 0 {
		t.Errorf("an idle embed posted %d advplay:change messages in 2 s, with nothing changing; want none (README: \"whenever the scene changes\")", idle)
	}

	// set: ok, then a change with the new ε.
	got := tb.exchange(frameMsg, `{advplay: "set", patch: {epsilon: 0.4}, id: 1}`,
		`got.some((m) => m && m.type === "advplay:change" && m.state && m.state.epsilon === 0.4)`, 3*time.Second)
	t.Logf("set ε 0.4 → %v", types(got))
	if r := withID(got, 1.0); len(r) != 1 || r[0].Type != "advplay:ok" {
		t.Errorf("set ε 0.4 with id 1: replies %v, want one advplay:ok with id 1", r)
	}
	if !slices.ContainsFunc(got, func(m Message) bool {
		return m.Type == "advplay:change" && m.State != nil && m.State.Epsilon == 0.4
	}) {
		t.Errorf("set ε 0.4: no advplay:change with state.epsilon 0.4 within 3 s (got %v)", types(got))
	}
	if eps := evalJS[float64](tb, frameMsg+`.advplay.state().epsilon`); eps != 0.4 {
		t.Errorf("after set ε 0.4 by message, the embed's ε is %v", eps)
	}

	// addPoint: ok, and one more point.
	n0 := evalJS[int](tb, frameMsg+`.advplay.summary().metrics.n`)
	got = tb.exchange(frameMsg, `{advplay: "addPoint", x: 1, y: 1, label: "blue", id: 2}`, `got.some((m) => m && m.id === 2)`, 3*time.Second)
	if r := withID(got, 2.0); len(r) != 1 || r[0].Type != "advplay:ok" {
		t.Errorf("addPoint with id 2: replies %v, want one advplay:ok", r)
	}
	if n := evalJS[int](tb, frameMsg+`.advplay.summary().metrics.n`); n != n0+1 {
		t.Errorf("after addPoint by message, metrics.n is %d, want %d", n, n0+1)
	}

	// state: the full state, points included.
	got = tb.exchange(frameMsg, `{advplay: "state", id: "s"}`, `got.some((m) => m && m.id === "s")`, 3*time.Second)
	if r := withID(got, "s"); len(r) != 1 || r[0].Type != "advplay:state" {
		t.Errorf("state with id \"s\": replies %v, want one advplay:state", types(r))
	} else {
		var pts []Point
		if r[0].State != nil {
			pts = r[0].State.Points
		}
		if len(pts) != n0+1 {
			t.Errorf("advplay:state has %d points, want %d", len(pts), n0+1)
		} else if last := pts[len(pts)-1]; last != (Point{1, 1, 1}) {
			t.Errorf("advplay:state's last point is %+v, want {x: 1, y: 1, label: 1}", last)
		}
	}

	// Malformed messages: an error naming the field, and no change.
	for i, tc := range []struct{ name, msg, field string }{
		{"unknown command", `{advplay: "explode"}`, "advplay"},
		{"ε NaN", `{advplay: "set", patch: {epsilon: NaN}}`, "epsilon"},
		{"ε −1", `{advplay: "set", patch: {epsilon: -1}}`, "epsilon"},
		{"ε huge", `{advplay: "set", patch: {epsilon: 1e308}}`, "epsilon"},
		{"ε a string", `{advplay: "set", patch: {epsilon: "0.2"}}`, "epsilon"},
		{"patch not an object", `{advplay: "set", patch: 5}`, "patch"},
		{"patch missing", `{advplay: "set"}`, "patch"},
		{"extra field", `{advplay: "set", patch: {epsilon: 0.1}, force: true}`, "force"},
		{"addPoint without y", `{advplay: "addPoint", x: 1}`, "y"},
		{"addPoint bad label", `{advplay: "addPoint", x: 1, y: 1, label: "green"}`, "label"},
		{"100,001 points", `{advplay: "set", patch: {points: Array.from({length: 100001}, (_, i) => ({x: i % 300 / 100, y: Math.floor(i / 300) / 100, label: i % 2}))}}`, "points"},
	} {
		id := float64(100 + i)
		before := tb.rawState(frameMsg)
		msg := fmt.Sprintf(`Object.assign(%s, {id: %v})`, tc.msg, id)
		start := time.Now()
		got := tb.exchange(frameMsg, msg, fmt.Sprintf(`got.some((m) => m && (m.id === %v || m.type === "advplay:error"))`, id), 5*time.Second)
		took := time.Since(start)
		var errs []Message
		for _, m := range got {
			if m.Type == "advplay:error" {
				errs = append(errs, m)
			}
		}
		switch {
		case len(errs) == 0:
			t.Errorf("%s: no advplay:error within 5 s (got %v)", tc.name, types(got))
		case !strings.Contains(errs[0].Message, tc.field):
			t.Errorf("%s: advplay:error %q does not name %s", tc.name, errs[0].Message, tc.field)
		case errs[0].ID != id:
			t.Errorf("%s: the advplay:error %q does not echo the message's id %v (its id: %v)", tc.name, errs[0].Message, id, errs[0].ID)
		default:
			t.Logf("%s → %q (%v)", tc.name, errs[0].Message, took.Round(time.Millisecond))
		}
		if same, diff := sameState(before, tb.rawState(frameMsg)); !same {
			t.Errorf("%s: the refused message changed the state: %s", tc.name, diff)
		}
	}

	// A message that is not for advplay gets no reply.
	got = tb.exchange(frameMsg, `{type: "webpackOk", hello: 1, id: 77}`, `false`, 1500*time.Millisecond)
	for _, m := range got {
		if m.ID != nil || m.Type != "advplay:change" {
			t.Errorf("a message without an advplay field got the reply %v, want none", m)
		}
	}

	// origin=https://other.example: the host's own origin is not heard.
	other := s.open(t, "host-other.html", desktop)
	other.waitReady(frameMsg)
	other.waitTrained(frameMsg)
	before := other.rawState(frameMsg)
	got = other.exchange(frameMsg, `{advplay: "set", patch: {epsilon: 0.4}, id: 5}`, `false`, 1500*time.Millisecond)
	if len(got) != 0 {
		t.Errorf("origin=https://other.example: a message from %s got replies %v, want none", s.URL, types(got))
	}
	if same, diff := sameState(before, other.rawState(frameMsg)); !same {
		t.Errorf("origin=https://other.example: a message from %s changed the state: %s", s.URL, diff)
	}
	if n := evalJS[int](other, `__bt.messages.filter((m) => m && m.type === "advplay:ready").length`); n != 0 {
		t.Errorf("origin=https://other.example: the host at %s received advplay:ready", s.URL)
	}
}

// TestSetOutOfView sends set by postMessage to an embed scrolled out of
// view, where it draws nothing: the command is answered at once all the
// same, with advplay:ok and an advplay:change carrying the new state, and
// the embed drew no frame for it.
func TestSetOutOfView(t *testing.T) {
	s := newSite(t, siteOptions{pages: map[string]string{"/far.html": `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>host</title></head>
<body><iframe id="f" src="play.html" width="720" height="480" title="advplay"></iframe><div style="height: 4000px"></div></body></html>`}})
	tb := s.open(t, "far.html", desktop)
	tb.waitReady(frameMsg)
	tb.try(`scrollTo(0, 3000)`)
	tb.waitJS("the embed to rest out of view", stepTimeout, frameMsg+`.advplay.summary().perf.asleep`)
	frames := evalJS[int](tb, frameMsg+`.advplay.summary().perf.frames`)
	got := tb.exchange(frameMsg, `{advplay: "set", patch: {epsilon: 0.55, attack: {method: "fgm"}}, id: 9}`,
		`got.some((m) => m && m.type === "advplay:change" && m.state && m.state.epsilon === 0.55)`, 5*time.Second)
	t.Logf("figure: set by message to an embed out of view → %v", types(got))
	if r := withID(got, 9.0); len(r) != 1 || r[0].Type != "advplay:ok" {
		t.Errorf("set with id 9 out of view: replies %v, want advplay:ok", r)
	}
	i := slices.IndexFunc(got, func(m Message) bool { return m.Type == "advplay:change" && m.State != nil && m.State.Epsilon == 0.55 })
	if i < 0 {
		t.Fatalf("out of view, no advplay:change with the new ε within 5 s (got %v)", types(got))
	}
	if st := got[i].State; st.Attack.Method != "fgm" || st.Metrics.N != defaultPoints {
		t.Errorf("the change out of view says attack %q and %d points, want fgm and %d", st.Attack.Method, st.Metrics.N, defaultPoints)
	}
	if after := evalJS[int](tb, frameMsg+`.advplay.summary().perf.frames`); after != frames {
		t.Errorf("the embed out of view drew %d frames for the command, want none", after-frames)
	}
}
