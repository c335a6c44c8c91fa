//go:build !js

package browsertest

// The MNIST preset in the page: the digit files come only when it is
// chosen, bad choices are refused naming the field, a missing or corrupt
// file leaves the scene as it was, and Goodfellow et al.'s Fig. 2 comes
// out of the page as out of a native recomputation of the same scene.

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"advplay/engine/digitfit"
	"advplay/engine/mnist"
	"advplay/engine/scene"
	"advplay/engine/scene/share"
)

// The native recomputations train the digits' models as the worker does.
func init() { scene.DigitTrainers = digitfit.All() }

// mnistRequests returns the requests for digit files among paths.
func mnistRequests(paths []string) []string {
	var out []string
	for _, p := range paths {
		if strings.HasPrefix(p, "/mnist/") {
			out = append(out, p)
		}
	}
	return out
}

// putDigitFiles puts the built digit files of 3 and 7 on the native
// shelf, the bytes the page fetches.
func putDigitFiles(t *testing.T) {
	t.Helper()
	for _, name := range mnist.DefaultPair.FileNames() {
		b, err := os.ReadFile(filepath.Join(snapDir, "mnist", name))
		if err != nil {
			t.Fatalf("the build's digit file: %v", err)
		}
		if err := mnist.Put(name, b); err != nil {
			t.Fatal(err)
		}
	}
}

// nativeDigits recomputes the page's scene of the digits natively from its
// link, trained to its end and attacked, and returns its figures.
func nativeDigits(t *testing.T, tb *tab) scene.Metrics {
	t.Helper()
	putDigitFiles(t)
	link := evalJS[string](tb, `advplay.summary().link || location.hash`)
	sc, err := share.Decode(link)
	if err != nil {
		t.Fatalf("the page's link %q: %v", link, err)
	}
	for sc.Running() {
		sc.Tick(1000)
	}
	sc.Flush()
	return sc.Summary().Metrics
}

// trainedIn sets patch, a JavaScript object, which must start a training,
// and returns how long the page took from the set's promise settling (the
// digits fetched) to the first push whose training has stopped, by the
// page's own clock: polling state() would itself hold the page up, as it
// converts every test digit.
func trainedIn(tb *tab, patch string) time.Duration {
	tb.t.Helper()
	ms := evalAwait[float64](tb, `new Promise((resolve, reject) => {
  let settled = 0;
  addEventListener("advplay:change", function stopped(e) {
    if (settled && e.detail.training && !e.detail.training.running) {
      removeEventListener("advplay:change", stopped);
      resolve(performance.now() - settled);
    }
  });
  Promise.resolve(advplay.set(`+patch+`)).then(() => { settled = performance.now(); }, reject);
})`)
	return time.Duration(ms * float64(time.Millisecond))
}

// TestMNISTFig2 chooses the MNIST preset in the page: nothing is fetched
// before, bad digit choices are refused naming the field, and the
// logistic regression on 3 against 7 gives Goodfellow et al.'s Fig. 2
// (1.6 % clean test error, 99 % under FGSM at ε 0.25), the same figures as
// the scene recomputed natively from the page's link, bit for bit.
func TestMNISTFig2(t *testing.T) {
	s := newSite(t, siteOptions{})
	tb := s.openPlay(t, "", desktop)
	before := tb.state()
	for _, bad := range []string{`{preset: "mnist", digits: "33"}`, `{preset: "mnist", digits: "3"}`,
		`{preset: "mnist", digits: 37}`, `{preset: "mnist", digits: "3a"}`} {
		e := tb.try(`advplay.set(` + bad + `)`)
		if !strings.Contains(e, "digits") {
			t.Errorf("set(%s): %q, want an error naming digits", bad, e)
		}
	}
	if after := tb.state(); after.Metrics != before.Metrics || len(after.Points) != len(before.Points) {
		t.Errorf("the refused choices changed the scene: %+v, was %+v", after.Metrics, before.Metrics)
	}
	if got := mnistRequests(s.served()); len(got) != 0 {
		t.Errorf("digit files fetched before the preset was chosen: %v", got)
	}

	trained := trainedIn(tb, `{preset: "mnist", digits: "37", epsilon: 0.25}`)
	t.Logf("figure: logistic regression on 2×2000 digits in the page's worker, fetch excluded: %.2f s (target 1 s; %s)",
		trained.Seconds(), machineLoad())
	tb.waitJS("the attack of the test digits", stepTimeout, `(() => { const s = advplay.summary(); return s.metrics.n === 2038; })()`)
	got := mnistRequests(s.served())
	t.Logf("fetched: %v", got)
	for _, name := range mnist.DefaultPair.FileNames() {
		if !strings.Contains(strings.Join(got, " "), "/mnist/"+name) {
			t.Errorf("the page did not fetch %s", name)
		}
	}
	st := tb.summary()
	clean, fgsm := st.Metrics.CleanError, st.Metrics.AdversarialError
	t.Logf("figure: Fig. 2 in the page: logistic regression on MNIST 3 against 7 (2×2000 training digits), clean test error %.2f %% (paper 1.6 %%), FGSM at ε 0.25 %.2f %% (paper 99 %%)", 100*clean, 100*fgsm)
	// Goodfellow, Shlens & Szegedy 2015, Fig. 2: 1.6 % and 99 %; the issue
	// allows a point either way for the clean error and asks 98 % at least.
	if math.Abs(clean-0.016) > 0.01 || fgsm < 0.98 {
		t.Errorf("clean %.4f, FGSM %.4f; want within 0.01 of 0.016 and at least 0.98", clean, fgsm)
	}

	native := nativeDigits(t, tb)
	if native.CleanError != clean || native.AdversarialError != fgsm || native.N != st.Metrics.N {
		t.Errorf("the page shows clean %v, FGSM %v on %d digits; the same scene natively %v, %v on %d",
			clean, fgsm, st.Metrics.N, native.CleanError, native.AdversarialError, native.N)
	}
	tb.waitFrames(3)
	tb.screenshot("mnist-1280x800")
}

// TestMNISTBadFiles serves a missing and then a corrupt digit file: the
// page says which file failed, and the scene before it stays.
func TestMNISTBadFiles(t *testing.T) {
	for _, c := range []struct {
		name, serve, want string
	}{
		{"missing", "", "HTTP 404"},
		{"corrupt", "<html>not a digit file</html>", "3-train.bin"},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts := siteOptions{notFound: map[string]bool{}, pages: map[string]string{}}
			if c.serve == "" {
				opts.notFound["/mnist/3-train.bin"] = true
			} else {
				opts.pages["/mnist/3-train.bin"] = c.serve
			}
			s := newSite(t, opts)
			tb := s.openPlay(t, "", desktop)
			if c.serve == "" {
				tb.expectConsoleError("404 (Not Found)")
			}
			before := tb.rawState("window")
			e := evalAwait[string](tb, `Promise.resolve(advplay.set({preset: "mnist"})).then(() => "", (e) => e.message)`)
			if !strings.Contains(e, "3-train.bin") || !strings.Contains(e, c.want) {
				t.Errorf("set({preset: \"mnist\"}) with a %s file: %q, want an error naming 3-train.bin and %q", c.name, e, c.want)
			}
			if same, field := sameState(before, tb.rawState("window")); !same {
				t.Errorf("the failed choice changed the scene's %s", field)
			}
			tb.waitJS("the notice", stepTimeout, `document.getElementById("notice").textContent.includes("3-train.bin")`)
			t.Logf("notice: %s", tb.notice())
		})
	}
}

// TestMNISTRobustNetwork trains a network with PGD on the digits in the
// page's worker, attacks it with PGD, and recomputes the same scene
// natively: the figures agree bit for bit. The network is small (300
// digits a class, 16 hidden units, 2 epochs) to keep the test short; the
// preset's own network is measured by engine/network's tests.
func TestMNISTRobustNetwork(t *testing.T) {
	tb := openPlay(t, desktop)
	patch := `{preset: "mnist", digits: "37", n: 300, epsilon: 0.2, model: {kind: "mlp", hidden: [16]}, training: {epochs: 2},
	  defense: {method: "pgd", epsilon: 0.2}, attack: {method: "pgd", steps: 10}}`
	if e := evalAwait[string](tb, `Promise.resolve(advplay.set(`+patch+`)).then(() => "", (e) => e.message)`); e != "" {
		t.Fatalf("set(%s): %s", patch, e)
	}
	tb.waitJS("the PGD training of the network", trainTimeout, `!advplay.state().training.running`)
	tb.waitJS("the PGD attack of the test digits", trainTimeout, `advplay.summary().metrics.n === 2038`)
	st := tb.summary()
	native := nativeDigits(t, tb)
	t.Logf("figure: a network of 16 hidden units PGD-trained at ε 0.2 on 2×300 digits in the page: clean %.2f %%, PGD-10 at ε 0.2 %.2f %%; natively %.2f %%, %.2f %%",
		100*st.Metrics.CleanError, 100*st.Metrics.AdversarialError, 100*native.CleanError, 100*native.AdversarialError)
	if native.CleanError != st.Metrics.CleanError || native.AdversarialError != st.Metrics.AdversarialError {
		t.Errorf("the page and the native recomputation differ")
	}
}

// TestMNISTWorkerTimes prints how long the preset's networks take to train
// in the page's worker, at its defaults (2×2000 training digits, 64 ReLU
// units, 10 epochs): plainly and against PGD at ε 0.2 (TestMNISTFig2
// prints the logistic regression's). Times are printed, never asserted;
// make bench runs it.
func TestMNISTWorkerTimes(t *testing.T) {
	figuresOnly(t)
	tb := openPlay(t, desktop)
	if e := evalAwait[string](tb, `Promise.resolve(advplay.set({preset: "mnist"})).then(() => "", (e) => e.message)`); e != "" {
		t.Fatalf("choosing the MNIST preset: %s", e)
	}
	tb.waitJS("the first fit", trainTimeout, `!advplay.state().training.running`)
	for _, c := range []struct{ what, patch, target string }{
		{"the plain network", `{model: {kind: "mlp"}}`, "5 s"},
		{"the network trained against PGD at ε 0.2", `{model: {kind: "mlp"}, defense: {method: "pgd", epsilon: 0.2}}`, "45 s"},
	} {
		trained := trainedIn(tb, c.patch)
		st := tb.summary()
		t.Logf("figure: MNIST 3 against 7 in the page's worker: %s trained in %.1f s (target %s; %s): clean %.2f %%, %s at ε %.2f %.2f %%",
			c.what, trained.Seconds(), c.target, machineLoad(), 100*st.Metrics.CleanError, st.Attack.Method, st.Epsilon, 100*st.Metrics.AdversarialError)
	}
}
