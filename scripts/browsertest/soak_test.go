//go:build !js

package browsertest

// The soak test: seeded random actions for minutes on end, across every
// preset, model, attack, defense and chart mode, with every kind of input,
// and the invariants checked after each.

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"advplay/engine/scene"
	"advplay/engine/scene/share"
)

// soakDuration is how long TestSoak acts: a minute, or ADVPLAY_SOAK (a
// Go duration). Every run draws a new seed, so runs add up.
func soakDuration(t *testing.T) time.Duration {
	if v := os.Getenv("ADVPLAY_SOAK"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("ADVPLAY_SOAK: %v", err)
		}
		return d
	}
	return time.Minute
}

// soakHost embeds play.html over the whole viewport, with room below to
// scroll it out of view.
const soakHost = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>soak</title>
<style>body { margin: 0 } iframe { display: block; border: 0; width: 100vw; height: 100vh }</style></head>
<body><iframe id="f" src="play.html" title="advplay"></iframe><div style="height: 3000px"></div></body></html>`

// soakFrame is the embed's window, seen from the host page.
const soakFrame = `document.getElementById("f").contentWindow`

// soakAction does one random thing to the embed and says what.
type soakAction struct {
	weight int
	do     func(tb *tab, rnd *rand.Rand) string
}

// soakPatches are settings a visitor may choose, one at a time or
// together: small enough that a network trains in seconds in the page.
var soakPatches = []string{
	`{"preset": "small"}`, `{"preset": "moons", "n": 80}`, `{"preset": "circles", "n": 60}`, `{"preset": "xor", "n": 60}`,
	`{"preset": "spiral", "n": 60}`, `{"preset": "article", "n": 400}`, `{"preset": "glyphs", "n": 40}`, `{"preset": "empty"}`,
	`{"dimension": 16}`, `{"dimension": 2}`, `{"seed": 7}`, `{"noise": 0.8}`,
	`{"model": {"kind": "mlp", "hidden": [6], "activation": "tanh"}, "training": {"epochs": 60}}`,
	`{"model": {"kind": "mlp", "hidden": [8, 4], "activation": "relu"}, "training": {"optimizer": "lbfgs", "epochs": 20}}`,
	`{"model": {"kind": "logreg"}}`, `{"training": {"recipe": "article"}, "preset": "small", "n": 40}`,
	`{"training": {"recipe": "converged"}}`,
	`{"defense": {"method": "fgsm", "epsilon": 0.2}}`, `{"defense": {"method": "pgd", "epsilon": 0.1}}`, `{"defense": {"method": "none"}}`,
	`{"attack": {"method": "fgsm"}}`, `{"attack": {"method": "fgm"}}`, `{"attack": {"method": "pgd", "steps": 5}}`,
	`{"chart": {"mode": "dimension"}}`, `{"chart": {"mode": "epsilon"}}`,
	`{"show": {"arrows": false, "shading": false}}`, `{"show": {"arrows": true, "shading": true}}`,
}

// soakRefused are calls the embed must refuse, changing nothing.
var soakRefused = []string{
	`A.set({epsilon: -1})`, `A.set({attack: {method: "cw"}})`, `A.set({n: 1e9})`, `A.set({model: {hidden: [1000]}})`,
	`A.set({preset: "nope"})`, `A.set({points: "x"})`, `A.set({zz: 1})`, `A.addPoint(NaN, 0, 0)`, `A.addPoint(0, 0, 7)`,
	`A.removePoint(1e6)`, `A.loadHash("s1.!!!")`, `A.importCSV("x,y,label\n1,2,green\n")`, `A.set({training: {epochs: 0}})`,
}

var soakActions = []soakAction{
	{8, func(tb *tab, rnd *rand.Rand) string {
		p := soakPatches[rnd.IntN(len(soakPatches))]
		if e := tb.try(`const A = ` + soakFrame + `.advplay; A.set(` + p + `)`); e != "" && !strings.Contains(e, "is for the plane only") && !strings.Contains(e, "applies to") {
			tb.t.Fatalf("set(%s) threw %s", p, e)
		}
		return "set " + p
	}},
	{4, func(tb *tab, rnd *rand.Rand) string {
		eps := float64(rnd.IntN(101)) / 100
		tb.try(`const A = ` + soakFrame + `.advplay; A.set({epsilon: ` + fmt.Sprint(eps) + `})`)
		return fmt.Sprintf("ε %v", eps)
	}},
	{4, func(tb *tab, rnd *rand.Rand) string {
		x, y := 200+rnd.Float64()*800, 100+rnd.Float64()*500
		tb.do(chromedp.MouseClickXY(x, y))
		return fmt.Sprintf("click at (%.0f, %.0f)", x, y)
	}},
	{2, func(tb *tab, rnd *rand.Rand) string {
		x, y := 300+rnd.Float64()*600, 150+rnd.Float64()*400
		tb.drag(xy{x, y}, xy{x + 40*rnd.NormFloat64(), y + 40*rnd.NormFloat64()}, 6)
		return fmt.Sprintf("drag from (%.0f, %.0f)", x, y)
	}},
	{3, func(tb *tab, rnd *rand.Rand) string {
		keys := []string{kb.ArrowLeft, kb.ArrowRight, kb.ArrowUp, kb.ArrowDown, kb.Enter, kb.Delete, " ", "+", "-", "0", "n"}
		tb.try(soakFrame + `.document.querySelector("canvas").focus()`)
		var pressed []string
		for range 1 + rnd.IntN(5) {
			k := keys[rnd.IntN(len(keys))]
			tb.do(chromedp.KeyEvent(k))
			pressed = append(pressed, fmt.Sprintf("%q", k))
		}
		tb.do(chromedp.KeyEvent(kb.Escape))
		return "keys " + strings.Join(pressed, " ")
	}},
	{3, func(tb *tab, rnd *rand.Rand) string {
		calls := []string{`A.addPoint(0.5, 1, 1)`, `A.removePoint(0)`, `A.clear()`, `A.reset()`, `A.fitView()`, `A.set({class: 1, mode: "add"})`}
		c := calls[rnd.IntN(len(calls))]
		tb.try(`const A = ` + soakFrame + `.advplay; ` + c)
		return c
	}},
	{3, func(tb *tab, rnd *rand.Rand) string {
		c := soakRefused[rnd.IntN(len(soakRefused))]
		before := tb.rawState(soakFrame)
		if e := tb.try(`const A = ` + soakFrame + `.advplay; ` + c); e == "" {
			tb.t.Fatalf("%s was taken", c)
		}
		if same, diff := sameState(before, tb.rawState(soakFrame)); !same {
			tb.t.Fatalf("the refused %s changed the scene: %s", c, diff)
		}
		return "refused " + c
	}},
	{2, func(tb *tab, rnd *rand.Rand) string {
		// A hidden page: the command is answered all the same.
		eps := float64(rnd.IntN(101)) / 100
		tb.try(`const w = ` + soakFrame + `; Object.defineProperty(w.document, "hidden", {configurable: true, get: () => true});
		  w.document.dispatchEvent(new Event("visibilitychange")); w.advplay.set({epsilon: ` + fmt.Sprint(eps) + `})`)
		tb.waitJS("the hidden page's push", stepTimeout, soakFrame+`.document.getElementById("eps").value === "`+fmt.Sprint(eps)+`"`)
		tb.try(`const w = ` + soakFrame + `; delete w.document.hidden; w.document.dispatchEvent(new Event("visibilitychange"))`)
		return fmt.Sprintf("hidden, ε %v", eps)
	}},
	{2, func(tb *tab, rnd *rand.Rand) string {
		// Out of view: the command is answered all the same.
		eps := float64(rnd.IntN(101)) / 100
		tb.try(`scrollTo(0, 2500); ` + soakFrame + `.advplay.set({epsilon: ` + fmt.Sprint(eps) + `})`)
		tb.waitJS("the push out of view", stepTimeout, soakFrame+`.document.getElementById("eps").value === "`+fmt.Sprint(eps)+`"`)
		tb.try(`scrollTo(0, 0)`)
		return fmt.Sprintf("out of view, ε %v", eps)
	}},
}

// soakPage is what TestSoak compares after each step.
type soakPage struct {
	Link     string
	Running  bool
	Asleep   bool
	Metrics  Metrics
	Training Training
	Heap     float64
	Wasm     float64
}

// TestSoak drives an embed for soakDuration with seeded random actions
// (soakActions): settings across every preset, model, attack, defense and
// chart mode, clicks, drags, keys, API calls, refused calls, a hidden
// page and an embed out of view. After every step, once the embed rests
// (its training done): its figures are a native recomputation's, from its
// link, bit for bit; a refused call changed nothing (checked in the
// step); no error reached the console (the tab's check at the end); and
// the page's JavaScript heap and the module's memory stay bounded (their
// growth is printed).
func TestSoak(t *testing.T) {
	s := newSite(t, siteOptions{pages: map[string]string{"/soak.html": soakHost}})
	tb := s.open(t, "soak.html", desktop)
	tb.waitReady(soakFrame)
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv("ADVPLAY_SOAK_SEED"); v != "" {
		fmt.Sscan(v, &seed)
	}
	t.Logf("seed %d (ADVPLAY_SOAK_SEED=%d repeats this run)", seed, seed)
	rnd := rand.New(rand.NewPCG(seed, 1))
	total := 0
	for _, a := range soakActions {
		total += a.weight
	}
	first := tb.soakPage()
	peakHeap, peakWasm := first.Heap, first.Wasm
	start, steps := time.Now(), 0
	for time.Since(start) < soakDuration(t) {
		k := rnd.IntN(total)
		i := 0
		for ; k >= soakActions[i].weight; i++ {
			k -= soakActions[i].weight
		}
		what := soakActions[i].do(tb, rnd)
		p := tb.soakRest(what)
		tb.soakCheck(what, p)
		peakHeap, peakWasm = max(peakHeap, p.Heap), max(peakWasm, p.Wasm)
		steps++
	}
	last := tb.soakPage()
	t.Logf("figure: soak: %d random steps in %v; JS heap %.0f MB at the start, %.0f at the end, at most %.0f; the module's memory %.0f MB, %.0f, at most %.0f",
		steps, time.Since(start).Round(time.Second), first.Heap/1e6, last.Heap/1e6, peakHeap/1e6, first.Wasm/1e6, last.Wasm/1e6, peakWasm/1e6)
	// Bounds that only a leak crosses: the article's 20,000 points and
	// the glyphs' pictures take tens of MB.
	if peakHeap > 400e6 || peakWasm > 1.5e9 {
		t.Errorf("memory grew to a JS heap of %.0f MB and a module of %.0f MB", peakHeap/1e6, peakWasm/1e6)
	}
}

// soakPage reads the embed's link, figures and memory.
func (tb *tab) soakPage() soakPage {
	return evalJS[soakPage](tb, `(() => { const w = `+soakFrame+`, A = w.advplay, s = A.state();
	  return {link: A.hash(), running: s.training.running, asleep: s.perf.asleep, metrics: s.metrics, training: s.training,
	    heap: w.performance.memory ? w.performance.memory.usedJSHeapSize : 0, wasm: s.perf.memory.sysBytes}; })()`)
}

// soakRest waits until the embed's training is done and the embed rests.
func (tb *tab) soakRest(what string) soakPage {
	deadline := time.Now().Add(trainTimeout)
	for {
		p := tb.soakPage()
		if !p.Running && p.Asleep {
			return p
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("after %s the embed did not come to rest within %v (training %+v)", what, trainTimeout, p.Training)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// soakCheck recomputes the embed's scene natively from its link, trained
// to its end, and compares the figures bit for bit.
func (tb *tab) soakCheck(what string, p soakPage) {
	sc, err := share.Decode(p.Link)
	if err != nil {
		tb.t.Fatalf("after %s the embed's link does not decode: %v", what, err)
	}
	for sc.Running() {
		sc.Tick(1000)
	}
	got := sc.Summary().Metrics
	want := scene.Metrics{CleanError: p.Metrics.CleanError, AdversarialError: p.Metrics.AdversarialError, N: p.Metrics.N, Flipped: p.Metrics.Flipped}
	if got != want {
		b, _ := json.Marshal(sc.Settings())
		tb.t.Fatalf("after %s the embed shows %+v, a native recomputation of its scene %+v (settings %s)", what, want, got, b)
	}
}
