//go:build !js

package browsertest

// The ε slider and its number box, and the page's error figures, which
// are the engine's computed natively on the same points and model.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"advplay/engine/attack"
	"advplay/engine/logreg"
	"advplay/engine/metrics"
	"advplay/engine/scene"
)

// nativeErrors computes the clean and adversarial error natively with the
// engine, for the page's model and points.
func nativeErrors(t *testing.T, st State) (clean, adv float64) {
	t.Helper()
	m := linear(t, st)
	pts := dataPoints(st.Points)
	a, err := attack.Apply(m, pts, attackConfig(st))
	if err != nil {
		t.Fatalf("native attack: %v", err)
	}
	return metrics.ErrorRate(m, pts), metrics.ErrorRate(m, a)
}

// checkAgainstEngine compares the page's error figures with the engine's,
// exactly: the engine is deterministic and bit-identical natively and as
// WebAssembly.
func checkAgainstEngine(t *testing.T, what string, st State) {
	t.Helper()
	clean, adv := nativeErrors(t, st)
	t.Logf("%s: ε %v: page adversarialError %v, engine %v; cleanError page %v, engine %v",
		what, st.Epsilon, st.Metrics.AdversarialError, adv, st.Metrics.CleanError, clean)
	if st.Metrics.AdversarialError != adv {
		t.Errorf("%s: at ε %v the page's metrics.adversarialError is %v, the engine gives %v", what, st.Epsilon, st.Metrics.AdversarialError, adv)
	}
	if st.Metrics.CleanError != clean {
		t.Errorf("%s: the page's metrics.cleanError is %v, the engine gives %v", what, st.Metrics.CleanError, clean)
	}
	if st.Metrics.N != len(st.Points) {
		t.Errorf("%s: metrics.n is %d, but there are %d points", what, st.Metrics.N, len(st.Points))
	}
}

// sliderValues returns the ε slider's value, the number box's value and
// the active element's id.
func (tb *tab) sliderValues() (slider, box, focus string) {
	tb.t.Helper()
	v := evalJS[[]string](tb, `[document.getElementById("eps").value, document.getElementById("eps-num").value, document.activeElement ? document.activeElement.id : ""]`)
	return v[0], v[1], v[2]
}

// TestEpsilonSlider moves the ε slider element from the keyboard and by
// its input event: state().epsilon follows, and the adversarial error is
// the engine's, computed natively on the same points and model.
func TestEpsilonSlider(t *testing.T) {
	tb := openPlay(t, desktop)
	st := tb.state()
	if want := scene.DefaultSettings().Epsilon; st.Epsilon != want {
		t.Errorf("the default ε is %v, want scene.DefaultSettings's %v", st.Epsilon, want)
	}
	if s, _, _ := tb.sliderValues(); s != fmt.Sprint(st.Epsilon) {
		t.Errorf("the slider shows %q, but state().epsilon is %v", s, st.Epsilon)
	}

	// The converged fit natively, from zero, on the same points: the
	// default scene was trained once, from zero.
	fit, err := logreg.Fit(dataPoints(st.Points), logreg.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("converged fit on %d points: page w %v b %v; native w %v b %v", len(st.Points), st.Model.Weights, st.Model.Bias, fit.Model.W, fit.Model.B)
	if fit.Model != *linear(t, st) {
		t.Errorf("the page's converged model w %v b %v differs from logreg.Fit natively: w %v b %v", st.Model.Weights, st.Model.Bias, fit.Model.W, fit.Model.B)
	}
	checkAgainstEngine(t, "default scene", st)

	// The keyboard: focus the slider and press the arrows. Each step is
	// 0.01.
	tb.do(chromedp.Focus(chromedp.ID("eps")))
	for _, tc := range []struct {
		key   string
		n     int
		value string
	}{
		{kb.ArrowRight, 7, "0.37"},
		{kb.ArrowLeft, 20, "0.17"},
	} {
		tb.do(chromedp.KeyEvent(strings.Repeat(tc.key, tc.n)))
		// The number box follows the summary the module pushes with the
		// next frame.
		tb.waitFrames(2)
		slider, box, focus := tb.sliderValues()
		if focus != "eps" {
			t.Fatalf("the slider lost the focus to %q", focus)
		}
		if slider != tc.value {
			t.Errorf("after %d arrow keys the slider's value is %q, want %q", tc.n, slider, tc.value)
		}
		if box != slider {
			t.Errorf("the ε number box shows %q, the slider %q", box, slider)
		}
		st := tb.state()
		if fmt.Sprint(st.Epsilon) != slider {
			t.Errorf("the slider is at %q, but state().epsilon is %v", slider, st.Epsilon)
		}
		checkAgainstEngine(t, "keyboard", st)
	}

	// Setting the value and dispatching an input event, as a drag does.
	for _, v := range []string{"0.5", "0", "1", "0.05"} {
		if e := tb.try(`const el = document.getElementById("eps"); el.value = "` + v + `"; el.dispatchEvent(new Event("input", {bubbles: true}))`); e != "" {
			t.Fatalf("input event: %s", e)
		}
		st := tb.state()
		if fmt.Sprint(st.Epsilon) != v {
			t.Errorf("the slider's input event with %q left state().epsilon at %v", v, st.Epsilon)
		}
		checkAgainstEngine(t, "input event", st)
	}

	// The number box takes an out-of-range value on change: it is refused
	// with a notice naming ε, and nothing changes.
	before := tb.state().Epsilon
	if e := tb.try(`const el = document.getElementById("eps-num"); el.value = "5"; el.dispatchEvent(new Event("change", {bubbles: true}))`); e != "" {
		t.Fatalf("change event: %s", e)
	}
	if got := tb.state().Epsilon; got != before {
		t.Errorf("ε 5 in the number box changed state().epsilon from %v to %v", before, got)
	}
	if n := tb.notice(); !strings.Contains(n, "epsilon") {
		t.Errorf("ε 5 in the number box: the notice line says %q, want a message naming epsilon", n)
	}
}
