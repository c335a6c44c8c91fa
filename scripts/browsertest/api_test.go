//go:build !js

package browsertest

// The JavaScript API, window.advplay (README, "The JavaScript API"): the
// state the page reports, as one typed State, and the calls that change
// it.

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/model"
	"advplay/engine/scene"
)

// State mirrors advplay.state() and advplay.summary() (README, "The
// JavaScript API"): the fields the tests read, decoded from the page's
// JSON. It is written out here, not taken from engine/scene's Go types: it
// states the contract the page keeps with JavaScript, which those types
// may reach by other routes. The page goes through JSON.stringify, whose
// shortest round-trip numbers Go parses back bit for bit.
type State struct {
	Preset   string   `json:"preset"`
	Seed     uint64   `json:"seed"`
	N        int      `json:"n"`
	Noise    float64  `json:"noise"`
	Epsilon  float64  `json:"epsilon"`
	Attack   Attack   `json:"attack"`
	Defense  Defense  `json:"defense"`
	Show     Show     `json:"show"`
	Class    int      `json:"class"`
	Mode     string   `json:"mode"`
	Points   []Point  `json:"points"` // state() only
	Model    Model    `json:"model"`
	Training Training `json:"training"`
	Metrics  Metrics  `json:"metrics"`
	Perf     Perf     `json:"perf"`
	Cursor   Cursor   `json:"cursor"` // summary() only
}

// Attack is state().attack; Steps, StepSize, Norm and RandomStart are
// PGD's.
type Attack struct {
	Method      string  `json:"method"`
	Steps       int     `json:"steps"`
	StepSize    float64 `json:"stepSize"`
	Norm        string  `json:"norm"`
	RandomStart bool    `json:"randomStart"`
}

// Defense is state().defense, the adversarial training.
type Defense struct {
	Method  string  `json:"method"`
	Epsilon float64 `json:"epsilon"`
}

// Show is state().show: the overlays drawn and the controls shown.
type Show struct {
	Arrows   bool   `json:"arrows"`
	Shading  bool   `json:"shading"`
	Chart    bool   `json:"chart"`
	Theory   bool   `json:"theory"`
	Controls string `json:"controls"`
}

// Point is a point of state().points.
type Point struct {
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	Label int     `json:"label"`
}

// Model is state().model: logistic regression's weights and bias, or the
// network's layers.
type Model struct {
	Kind       string    `json:"kind"`
	Weights    []float64 `json:"weights"`
	Bias       float64   `json:"bias"`
	Hidden     []int     `json:"hidden"`
	Activation string    `json:"activation"`
}

// Training is state().training.
type Training struct {
	Recipe    string  `json:"recipe"`
	Optimizer string  `json:"optimizer"`
	Epoch     int     `json:"epoch"`
	Epochs    int     `json:"epochs"`
	Running   bool    `json:"running"`
	Loss      float64 `json:"loss"`
	Error     string  `json:"error"`
}

// Metrics is state().metrics, the error figures.
type Metrics struct {
	CleanError       float64 `json:"cleanError"`
	AdversarialError float64 `json:"adversarialError"`
	N                int     `json:"n"`
	Flipped          int     `json:"flipped"`
}

// Perf is state().perf, in milliseconds.
type Perf struct {
	UpdateMs        float64 `json:"updateMs"`
	DrawMs          float64 `json:"drawMs"`
	Work95Ms        float64 `json:"work95Ms"` // Update+Draw per frame, 95th percentile
	FrameIntervalMs float64 `json:"frameIntervalMs"`
	Frames          int     `json:"frames"`
	Composed        int     `json:"composed"` // frames that drew the screen
	Asleep          bool    `json:"asleep"`   // the loop rests, nothing pending
	Calls           int     `json:"calls"`    // calls into the module
	Pushes          int     `json:"pushes"`   // summaries pushed to the page
	TrainMs         float64 `json:"trainMs"`
	AttackMs        float64 `json:"attackMs"`
	// ShadeMs and PointsLayerMs time the rebuilds of the cached layers.
	ShadeMs       float64 `json:"shadeMs"`
	PointsLayerMs float64 `json:"pointsLayerMs"`
	// Phases are the medians of Update's phases, such as "train" and
	// "layers".
	Phases map[string]float64 `json:"phases"`
}

// Cursor is summary().cursor: the keyboard cursor in data coordinates,
// with the point it carries (−1 for none).
type Cursor struct {
	Visible  bool    `json:"visible"`
	X        float64 `json:"x"`
	Y        float64 `json:"y"`
	Carrying int     `json:"carrying"`
}

// defaultPoints is the number of points in the default scene, the small
// preset's two classes of n points (scene.DefaultSettings).
var defaultPoints = 2 * scene.DefaultSettings().N

// state returns advplay.state().
func (tb *tab) state() State {
	tb.t.Helper()
	return tb.decodeState(`advplay.state()`)
}

// summary returns advplay.summary().
func (tb *tab) summary() State {
	tb.t.Helper()
	return tb.decodeState(`advplay.summary()`)
}

// decodeState returns the State that the JavaScript expression call
// returns, such as a frame's advplay.state().
func (tb *tab) decodeState(call string) State {
	tb.t.Helper()
	return evalDecode[State](tb, call, `JSON.stringify(`+call+`)`)
}

// rawState returns win.advplay.state() as generic JSON values, without
// perf (which changes every frame), to compare whole states with
// sameState and sameFields: the order of keys is not part of the
// contract, and a field the page adds is compared too.
func (tb *tab) rawState(win string) map[string]any {
	tb.t.Helper()
	return evalDecode[map[string]any](tb, win+`.advplay.state()`,
		`(() => { const s = `+win+`.advplay.state(); delete s.perf; return JSON.stringify(s); })()`)
}

// sameState reports whether two rawState values are equal, and if not,
// the first field that differs.
func sameState(a, b map[string]any) (bool, string) {
	if reflect.DeepEqual(a, b) {
		return true, ""
	}
	return false, firstDiff("state()", a, b)
}

// sameFields compares the named top-level fields of two rawState values
// exactly.
func sameFields(t *testing.T, what string, got, want map[string]any, fields ...string) {
	t.Helper()
	for _, f := range fields {
		if !reflect.DeepEqual(got[f], want[f]) {
			t.Errorf("%s: state().%s differs: %s", what, f, firstDiff("", want[f], got[f]))
		}
	}
}

func firstDiff(path string, a, b any) string {
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if aok && bok {
		for k, v := range am {
			if !reflect.DeepEqual(v, bm[k]) {
				return firstDiff(path+"."+k, v, bm[k])
			}
		}
		for k := range bm {
			if _, ok := am[k]; !ok {
				return path + "." + k + " appeared"
			}
		}
	}
	as, aok := a.([]any)
	bs, bok := b.([]any)
	if aok && bok && len(as) == len(bs) {
		for i := range as {
			if !reflect.DeepEqual(as[i], bs[i]) {
				return firstDiff(fmt.Sprintf("%s[%d]", path, i), as[i], bs[i])
			}
		}
	}
	return fmt.Sprintf("%s: %s → %s", path, abbrev(fmt.Sprint(a)), abbrev(fmt.Sprint(b)))
}

// attackConfig is the engine's attack for a state, as the page builds it.
func attackConfig(st State) attack.Config {
	return attack.Config{
		Method:      attack.Method(st.Attack.Method),
		Epsilon:     st.Epsilon,
		Steps:       st.Attack.Steps,
		StepSize:    st.Attack.StepSize,
		Norm:        attack.Norm(st.Attack.Norm),
		RandomStart: st.Attack.RandomStart,
		Seed:        st.Seed,
	}
}

// linear returns the state's model as the engine's logistic regression,
// failing the test if it is not a model of the plane.
func linear(t *testing.T, st State) *model.Linear {
	t.Helper()
	if len(st.Model.Weights) != 2 {
		t.Fatalf("state().model.weights has %d entries, want the plane's 2", len(st.Model.Weights))
	}
	return &model.Linear{W: [2]float64(st.Model.Weights), B: st.Model.Bias}
}

// dataPoints converts state points to the engine's.
func dataPoints(ps []Point) []data.Point {
	out := make([]data.Point, len(ps))
	for i, p := range ps {
		out[i] = data.Point{X: p.X, Y: p.Y, Label: p.Label}
	}
	return out
}

// phases formats Update's phases in a fixed order.
func (p Perf) phases() string {
	var b strings.Builder
	for i, k := range slices.Sorted(maps.Keys(p.Phases)) {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %.1f", k, p.Phases[k])
	}
	return b.String()
}

// xy is a position, in data units or CSS pixels.
type xy struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

func (tb *tab) toClient(x, y float64) xy {
	tb.t.Helper()
	return evalJS[xy](tb, fmt.Sprintf(`advplay.toClient(%v, %v)`, x, y))
}

func (tb *tab) fromClient(px, py float64) xy {
	tb.t.Helper()
	return evalJS[xy](tb, fmt.Sprintf(`advplay.fromClient(%v, %v)`, px, py))
}

// TestStateFields checks that state() has the fields that README's table
// of the JavaScript API names, with their JSON types, and is a plain
// JSON-able object. It reads the JSON itself, not State: a field missing
// from the page would decode as a zero value.
func TestStateFields(t *testing.T) {
	tb := openPlay(t, desktop)
	m := evalDecode[map[string]any](tb, "state()", `JSON.stringify(advplay.state())`)
	get := func(path string) any {
		var v any = m
		for _, k := range strings.Split(path, ".") {
			o, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = o[k]
		}
		return v
	}
	for _, f := range []struct {
		path, kind string
	}{
		{"points", "array"},
		{"epsilon", "number"},
		{"attack.method", "string"},
		{"model.kind", "string"},
		{"model.weights", "array"},
		{"model.bias", "number"},
		{"training.recipe", "string"},
		{"training.epoch", "number"},
		{"training.epochs", "number"},
		{"training.running", "boolean"},
		{"metrics.cleanError", "number"},
		{"metrics.adversarialError", "number"},
		{"metrics.n", "number"},
		{"perf", "object"},
		{"perf.work95Ms", "number"},
	} {
		v := get(f.path)
		got := "missing"
		switch v.(type) {
		case []any:
			got = "array"
		case float64:
			got = "number"
		case string:
			got = "string"
		case bool:
			got = "boolean"
		case map[string]any:
			got = "object"
		}
		if got != f.kind {
			t.Errorf("state().%s is %s, want %s", f.path, got, f.kind)
		}
	}
	st := tb.state()
	if w := get("model.weights"); w != nil && len(w.([]any)) != 2 {
		t.Errorf("state().model.weights has %d entries, want 2", len(w.([]any)))
	}
	if len(st.Points) == 0 || st.Metrics.N != len(st.Points) {
		t.Errorf("the default scene has %d points and metrics.n %d", len(st.Points), st.Metrics.N)
	}
	for i, p := range st.Points {
		if p.Label != 0 && p.Label != 1 {
			t.Fatalf("point %d has label %d", i, p.Label)
		}
	}
	if st.Model.Kind != "logreg" || st.Attack.Method != "fgsm" || st.Training.Recipe != "converged" {
		t.Errorf("default model %q, attack %q, recipe %q; want logreg, fgsm, converged", st.Model.Kind, st.Attack.Method, st.Training.Recipe)
	}
	if st.Perf.Frames <= 0 {
		t.Errorf("state().perf.frames is %d after the first frame", st.Perf.Frames)
	}
	// A plain object: no functions, a fresh copy each call.
	if !evalJS[bool](tb, `(() => { const a = advplay.state(), b = advplay.state(); a.epsilon = 99; a.points.length = 0;
	  return b.epsilon !== 99 && advplay.state().points.length > 0 && Object.getPrototypeOf(a) === Object.prototype; })()`) {
		t.Errorf("state() must return a fresh plain object; changing it must not change the scene")
	}
}

// TestSetInvalid sends invalid patches: each throws an Error that names
// the field, and the state is unchanged.
func TestSetInvalid(t *testing.T) {
	tb := openPlay(t, desktop)
	for _, tc := range []struct {
		patch, field string
	}{
		{`{epsilon: -1}`, "epsilon"},
		{`{epsilon: 1.5}`, "epsilon"},
		{`{epsilon: "0.2"}`, "epsilon"},
		{`{epsilon: null}`, "epsilon"},
		{`{attack: {method: "nope"}}`, "attack.method"},
		{`{attack: "fgsm"}`, "attack"},
		{`{training: {recipe: "sgd"}}`, "training.recipe"},
		{`{training: {running: "yes"}}`, "training.running"},
		{`{preset: "nope"}`, "preset"},
		{`{seed: -1}`, "seed"},
		{`{seed: 1.5}`, "seed"},
		{`{class: 2}`, "class"},
		{`{mode: "erase"}`, "mode"},
		{`{show: {arrows: 1}}`, "show.arrows"},
		{`{bogus: 1}`, "bogus"},
		{`{points: "none"}`, "points"},
		{`{points: [{x: 0, y: 0, label: 7}]}`, "points[0].label"},
		// A valid field with an invalid one: nothing applies.
		{`{epsilon: 0.2, attack: {method: "nope"}}`, "attack.method"},
		{`{epsilon: 0.2, preset: "article", seed: "x"}`, "seed"},
	} {
		before := tb.rawState("window")
		e := tb.try(`advplay.set(` + tc.patch + `)`)
		switch {
		case e == "":
			t.Errorf("set(%s) did not throw", tc.patch)
		case !strings.HasPrefix(e, "Error: "):
			t.Errorf("set(%s) threw %s, want an Error", tc.patch, e)
		case !strings.Contains(e, tc.field):
			t.Errorf("set(%s) threw %q, which does not name the field %s", tc.patch, e, tc.field)
		}
		if same, diff := sameState(before, tb.rawState("window")); !same {
			t.Errorf("set(%s) threw but changed the state: %s", tc.patch, diff)
		}
		t.Logf("set(%s): %s", tc.patch, e)
	}
}

// TestAPICalls checks addPoint, removePoint, clear, toClient/fromClient
// and that calls take effect synchronously.
func TestAPICalls(t *testing.T) {
	tb := openPlay(t, desktop)

	// Synchronous: state() right after a call shows it, in one task.
	type syncResult struct {
		Eps, Method string
		N0, N1, N2  int
		Last        Point
		Preset      string
	}
	r := evalJS[syncResult](tb, `(() => {
	  const out = {};
	  advplay.set({epsilon: 0.42, attack: {method: "pgd"}});
	  out.eps = String(advplay.state().epsilon);
	  out.method = advplay.state().attack.method;
	  out.n0 = advplay.state().points.length;
	  const i = advplay.addPoint(0.25, -0.5, 1);
	  out.n1 = advplay.state().points.length;
	  out.last = advplay.state().points[i];
	  advplay.removePoint(0);
	  out.n2 = advplay.state().points.length;
	  advplay.set({preset: "article"});
	  out.preset = advplay.state().preset;
	  return out;
	})()`)
	if r.Eps != "0.42" || r.Method != "pgd" {
		t.Errorf("right after set({epsilon: 0.42, attack: {method: \"pgd\"}}), state() says ε %s, attack %s", r.Eps, r.Method)
	}
	if r.N1 != r.N0+1 || r.N2 != r.N0 {
		t.Errorf("point counts %d → addPoint → %d → removePoint → %d, want n, n+1, n", r.N0, r.N1, r.N2)
	}
	if r.Last != (Point{0.25, -0.5, 1}) {
		t.Errorf("addPoint(0.25, -0.5, 1) added %+v", r.Last)
	}
	if r.Preset != "article" {
		t.Errorf("right after set({preset: \"article\"}), state().preset is %q", r.Preset)
	}
	if n := len(tb.state().Points); n != 2*data.ArticlePerClass {
		t.Errorf("the article preset has %d points, want %d", n, 2*data.ArticlePerClass)
	}

	// addPoint: labels 0, 1, "red", "blue"; bad arguments throw naming them.
	if e := tb.try(`advplay.clear()`); e != "" {
		t.Fatal(e)
	}
	if st := tb.state(); len(st.Points) != 0 || st.Metrics.N != 0 {
		t.Fatalf("after clear(), %d points, metrics.n %d", len(st.Points), st.Metrics.N)
	}
	tb.waitFrames(2) // the empty scene draws
	got := evalJS[[]int](tb, `[advplay.addPoint(0, 0, 0), advplay.addPoint(1, 1, 1), advplay.addPoint(2, 0, "red"), advplay.addPoint(0, 2, "blue")]`)
	if !slices.Equal(got, []int{0, 1, 2, 3}) {
		t.Errorf("addPoint returned indices %v, want 0 1 2 3", got)
	}
	want := []Point{{0, 0, 0}, {1, 1, 1}, {2, 0, 0}, {0, 2, 1}}
	if pts := tb.state().Points; !reflect.DeepEqual(pts, want) {
		t.Errorf("after four addPoint calls: %+v, want %+v", pts, want)
	}
	for _, tc := range []struct{ call, field string }{
		{`advplay.addPoint(NaN, 0, 0)`, "x"},
		{`advplay.addPoint(0, Infinity, 0)`, "y"},
		{`advplay.addPoint("1", 0, 0)`, "x"},
		{`advplay.addPoint(0, 0, 2)`, "label"},
		{`advplay.addPoint(0, 0, "green")`, "label"},
		{`advplay.addPoint(1e300, 0, 0)`, "x"},
		{`advplay.removePoint(4)`, "index"},
		{`advplay.removePoint(-1)`, "index"},
		{`advplay.removePoint(0.5)`, "index"},
		{`advplay.removePoint()`, "index"},
	} {
		before := tb.rawState("window")
		e := tb.try(tc.call)
		if !strings.HasPrefix(e, "Error: ") || !strings.Contains(e, tc.field) {
			t.Errorf("%s threw %q, want an Error naming %s", tc.call, e, tc.field)
		}
		if same, diff := sameState(before, tb.rawState("window")); !same {
			t.Errorf("%s threw but changed the state: %s", tc.call, diff)
		}
	}
	if e := tb.try(`advplay.removePoint(1)`); e != "" {
		t.Fatal(e)
	}
	want = append(want[:1], want[2:]...)
	if pts := tb.state().Points; !reflect.DeepEqual(pts, want) {
		t.Errorf("after removePoint(1): %+v, want %+v", pts, want)
	}

	// toClient and fromClient are inverses; a data unit spans the same
	// pixels on both axes, and y grows upwards.
	type pair struct{ C, D xy }
	for _, d := range [][2]float64{{0, 0}, {1, 2}, {-0.75, 2.5}, {2.9, -0.9}} {
		p := evalJS[pair](tb, fmt.Sprintf(`(() => { const c = advplay.toClient(%v, %v); return {c, d: advplay.fromClient(c.x, c.y)}; })()`, d[0], d[1]))
		if math.Abs(p.D.X-d[0]) > 1e-9 || math.Abs(p.D.Y-d[1]) > 1e-9 {
			t.Errorf("fromClient(toClient(%v, %v)) = (%v, %v)", d[0], d[1], p.D.X, p.D.Y)
		}
	}
	a, b := tb.toClient(0, 0), tb.toClient(1, 1)
	if dx, dy := b.X-a.X, a.Y-b.Y; dx <= 0 || dy <= 0 || math.Abs(dx-dy) > 1e-6 {
		t.Errorf("toClient(1,1) − toClient(0,0) = (%v, %v) px: want equal positive scales, y up", b.X-a.X, b.Y-a.Y)
	}
}

// TestBadInput sends hostile values through the API: they are refused
// with a message, the page never crashes or loses the scene, and it keeps
// working afterwards.
func TestBadInput(t *testing.T) {
	tb := openPlay(t, desktop)
	for _, tc := range []struct{ call, want string }{
		{`advplay.set({epsilon: NaN})`, "epsilon"},
		{`advplay.set({epsilon: -0.1})`, "epsilon"},
		{`advplay.set({epsilon: 1e308})`, "epsilon"},
		{`advplay.set({epsilon: Infinity})`, "epsilon"},
		{`advplay.set({epsilon: -Infinity})`, "epsilon"},
		{`advplay.set("x")`, "patch"},
		{`advplay.set()`, "patch"},
		{`advplay.set(null)`, "patch"},
		{`advplay.set([1, 2])`, "patch"},
		{`advplay.set({points: [{x: 1}]})`, "points[0].y"},
		{`advplay.set({points: [{x: 1, y: NaN, label: 0}]})`, "points[0].y"},
		{`advplay.set({epsilon: () => 1})`, "epsilon: a function"},
		{`advplay.set({show: {a: {b: {c: {d: {e: {f: {g: {h: {i: 1}}}}}}}}}})`, "show.a.b.c.d.e.f.g: nested deeper"},
	} {
		before := tb.rawState("window")
		e := tb.try(tc.call)
		t.Logf("%s: %s", tc.call, e)
		if !strings.HasPrefix(e, "Error: ") {
			t.Errorf("%s threw %q, want an Error", tc.call, e)
		} else if !strings.Contains(e, tc.want) {
			t.Errorf("%s threw %q, want a message naming %s", tc.call, e, tc.want)
		}
		if same, diff := sameState(before, tb.rawState("window")); !same {
			t.Errorf("%s threw but changed the state: %s", tc.call, diff)
		}
	}

	// 100,000 points: more than a scene holds. Refused with a message that
	// names the points, quickly, and the scene is kept.
	before := tb.rawState("window")
	type big struct {
		Err string
		Ms  float64
	}
	r := evalJS[big](tb, `(() => {
	  const pts = Array.from({length: 100000}, (_, i) => ({x: (i % 1000) / 250 - 1, y: Math.floor(i / 1000) / 25 - 1, label: i % 2}));
	  const t0 = performance.now();
	  let err = "";
	  try { advplay.set({points: pts}); } catch (e) { err = String(e.message); }
	  return {err, ms: performance.now() - t0};
	})()`)
	load := machineLoad()
	t.Logf("figure: set({points: 100,000 points}) refused in %.0f ms (%s): %q", r.Ms, load, r.Err)
	if r.Err == "" {
		t.Errorf("set({points: 100,000 points}) was accepted; the scene holds at most 50,000")
	} else if !strings.Contains(r.Err, "points") {
		t.Errorf("set({points: 100,000 points}) threw %q, which does not name the field points (README: a bad value throws an Error naming the field)", r.Err)
	}
	if same, diff := sameState(before, tb.rawState("window")); !same {
		t.Errorf("the refused set({points: 100,000 points}) changed the scene: %s", diff)
	}

	// 50,000 points, the most a scene holds (scene.MaxPoints): accepted,
	// and the page stays responsive.
	r = evalJS[big](tb, `(() => {
	  const pts = Array.from({length: 50000}, (_, i) => ({x: (i % 500) / 125 - 1, y: Math.floor(i / 500) / 25 - 1, label: (i * 7919) % 3 === 0 ? 1 : 0}));
	  const t0 = performance.now();
	  let err = "";
	  try { advplay.set({points: pts}); } catch (e) { err = String(e.message); }
	  return {err, ms: performance.now() - t0};
	})()`)
	t.Logf("set({points: 50,000 points}): %.0f ms, error %q", r.Ms, r.Err)
	if r.Err != "" {
		t.Errorf("set({points: 50,000 points}), the most a scene holds (scene.MaxPoints), threw %q", r.Err)
	} else if n := tb.summary().Metrics.N; n != scene.MaxPoints {
		t.Errorf("after set({points: 50,000 points}), metrics.n is %d", n)
	} else {
		start := time.Now()
		tb.waitFrames(5)
		t.Logf("5 frames with 50,000 points took %v", time.Since(start).Round(time.Millisecond))
	}

	// Afterwards the page works: a valid set applies, state() is sound.
	if e := tb.try(`advplay.set({preset: "small", epsilon: 0.25})`); e != "" {
		t.Fatalf("a valid set after the bad input threw %s", e)
	}
	tb.waitFrames(3)
	st := tb.state()
	if st.Epsilon != 0.25 || st.Preset != "small" || len(st.Points) != defaultPoints {
		t.Errorf("after the bad input and a valid set: ε %v, preset %q, %d points; want 0.25, small, %d", st.Epsilon, st.Preset, len(st.Points), defaultPoints)
	}
	checkAgainstEngine(t, "after bad input", st)
	if got := evalJS[string](tb, `getComputedStyle(document.getElementById("loading")).display === "none" ? "" : document.getElementById("loading").textContent`); got != "" {
		t.Errorf("the page shows its failure box: %q", got)
	}
}
