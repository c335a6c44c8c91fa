package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"advplay/engine/linear"
	"advplay/engine/mnist"
	"advplay/engine/mnist/mnisttest"
	"advplay/engine/scene"
	"advplay/engine/scene/share"
)

// digitDoc is the -json document of the MNIST preset.
type digitDoc struct {
	Recipe     string
	Seed       uint64
	N, Points  int
	Dimension  int
	Digits     string
	Attack     string
	Model      string
	Weights    []float64
	Bias       float64
	Hidden     []int
	Activation string
	Epochs     int
	Parameters []float64
	Defense    *struct {
		Method  string
		Epsilon float64
	}
	TestSet    bool
	TrainError *float64
	Rows       []struct {
		Epsilon, Error float64
		Clean          *float64
	}
}

// runDigits runs the command with args and -json, or skips the test when
// MNIST's module is not in the module cache.
func runDigits(t *testing.T, args ...string) digitDoc {
	t.Helper()
	mnisttest.IDX(t)
	return runJSON[digitDoc](t, args...)
}

// trainedScene returns the default scene changed by p, trained to the end
// as the page trains it, in slices, with the digits on the shelf.
func trainedScene(t *testing.T, p scene.Patch) *scene.Scene {
	t.Helper()
	mnisttest.Stock(t, 3, 4, 7, 9)
	sc, err := scene.New(scene.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if err := sc.Apply(p); err != nil {
		t.Fatalf("Apply(%v): %v", p, err)
	}
	for sc.Running() {
		sc.Tick(7) // the page trains in slices of any size
	}
	return sc
}

// TestDigitsFig2 reproduces Goodfellow, Shlens and Szegedy's Fig. 2
// ("Explaining and Harnessing Adversarial Examples", ICLR 2015,
// arXiv:1412.6572) from the command line: logistic regression on MNIST's
// 3s against 7s errs on 1.6 % of the clean test digits and on 99 % of
// their FGSM versions at ε = 0.25. The command's clean test error must be
// within a point of 1.6 %, and FGSM at 0.25 at least 98 %; and every
// figure must be the page's, bit for bit: the same scene built natively
// through engine/scene, and the error recomputed from the weights the
// command prints (linear.BoxErrorRate on the test digits).
func TestDigitsFig2(t *testing.T) {
	t.Parallel()
	doc := runDigits(t, "-preset", "mnist", "-digits", "37", "-n", "2000", "-eps", "0,0.1,0.25")
	if len(doc.Rows) != 3 || doc.Rows[2].Clean == nil || doc.TrainError == nil {
		t.Fatalf("rows %+v, training error %v: want three rows with the clean error", doc.Rows, doc.TrainError)
	}
	clean, fgsm := *doc.Rows[2].Clean, doc.Rows[2].Error
	t.Logf("figure: Fig. 2 from the command line: clean test error %.2f %% (paper 1.6 %%), FGSM at ε = 0.25 %.2f %% (paper 99 %%), on %d test digits",
		100*clean, 100*fgsm, doc.Points)
	if doc.Digits != "37" || doc.N != 2000 || doc.Points != 1010+1028 || !doc.TestSet || doc.Dimension != mnist.Dim ||
		doc.Model != scene.KindLogReg || doc.Attack != "fgsm" || len(doc.Weights) != mnist.Dim {
		t.Errorf("digits %q, n %d, %d test digits (test set %v), d = %d, model %s, attack %s, %d weights; want 37, 2000, 2038, true, 784, logreg, fgsm, 784",
			doc.Digits, doc.N, doc.Points, doc.TestSet, doc.Dimension, doc.Model, doc.Attack, len(doc.Weights))
	}
	if math.Abs(clean-0.016) > 0.01 {
		t.Errorf("clean test error %.4f, want within 0.01 of Fig. 2's 0.016", clean)
	}
	if fgsm < 0.98 {
		t.Errorf("FGSM error at ε = 0.25 is %.4f, want ≥ 0.98 (Fig. 2: 0.99)", fgsm)
	}

	// The same scene, natively, as the page builds it.
	sc := trainedScene(t, scene.Patch{"preset": "mnist", "digits": "37", "n": 2000.0, "epsilon": 0.25})
	page := sc.Summary()
	if !slices.Equal(doc.Weights, page.Model.Weights) || doc.Bias != page.Model.Bias {
		t.Errorf("the command's weights differ from the scene's (b = %v, the scene's %v)", doc.Bias, page.Model.Bias)
	}
	if clean != page.Metrics.CleanError || fgsm != page.Metrics.AdversarialError || *doc.TrainError != page.Metrics.TrainError {
		t.Errorf("clean %v, FGSM %v, training %v; the scene's %v, %v, %v",
			clean, fgsm, *doc.TrainError, page.Metrics.CleanError, page.Metrics.AdversarialError, page.Metrics.TrainError)
	}
	_, test, err := mnist.Load(mnist.DefaultPair)
	if err != nil {
		t.Fatal(err)
	}
	w := linear.Model{W: doc.Weights, B: doc.Bias}
	for _, r := range doc.Rows {
		if *r.Clean != clean {
			t.Errorf("ε = %v: clean error %v, not the other rows' %v", r.Epsilon, *r.Clean, clean)
		}
		if got := sc.ErrorAt(r.Epsilon); got != r.Error {
			t.Errorf("ε = %v: error %v, the scene's %v", r.Epsilon, r.Error, got)
		}
		if got := linear.BoxErrorRate(w, test, r.Epsilon, linear.PixelBox); got != r.Error {
			t.Errorf("ε = %v: error %v, recomputed from the weights %v", r.Epsilon, r.Error, got)
		}
	}
}

// TestDigitsSameScene: the MNIST preset's flags build the scene the page
// builds from the same choices, here a network trained with PGD on 4s
// against 9s: the command's parameters are the scene's bit for bit, and
// the scene's share link, run with -scene, gives the same document.
func TestDigitsSameScene(t *testing.T) {
	t.Parallel()
	flags := []string{"-preset", "mnist", "-digits", "49", "-n", "150", "-seed", "4", "-model", "mlp", "-hidden", "6,3",
		"-activation", "tanh", "-epochs", "2", "-defense", "pgd", "-defense-eps", "0.1", "-attack", "pgd", "-eps", "0,0.1"}
	doc := runDigits(t, flags...)
	p := scene.Patch{"preset": "mnist", "digits": "49", "n": 150.0, "seed": 4.0, "epsilon": 0.1,
		"model":    scene.Patch{"kind": "mlp", "hidden": []any{6.0, 3.0}, "activation": "tanh"},
		"training": scene.Patch{"epochs": 2.0}, "defense": scene.Patch{"method": "pgd", "epsilon": 0.1},
		"attack": scene.Patch{"method": "pgd"}}
	sc := trainedScene(t, p)
	page := sc.State()
	if doc.Model != scene.KindMLP || !slices.Equal(doc.Hidden, []int{6, 3}) || doc.Activation != "tanh" || doc.Epochs != 2 ||
		doc.Defense == nil || doc.Defense.Method != "pgd" || doc.Defense.Epsilon != 0.1 || doc.Points != 982+1009 {
		t.Errorf("the document says %s %v %s, %d epochs, defense %+v, %d test digits", doc.Model, doc.Hidden, doc.Activation, doc.Epochs, doc.Defense, doc.Points)
	}
	if len(page.Model.Parameters) == 0 || !slices.Equal(doc.Parameters, page.Model.Parameters) {
		t.Fatalf("the command's %d parameters differ from the scene's %d", len(doc.Parameters), len(page.Model.Parameters))
	}
	for _, r := range doc.Rows {
		if got := sc.ErrorAt(r.Epsilon); got != r.Error || *r.Clean != page.Metrics.CleanError {
			t.Errorf("ε = %v: error %v, clean %v; the scene's %v, %v", r.Epsilon, r.Error, *r.Clean, got, page.Metrics.CleanError)
		}
	}
	shared := runDigits(t, "-scene", "https://example.org/play.html#"+share.Encode(sc), "-eps", "0,0.1")
	a, _ := json.Marshal(doc)
	b, _ := json.Marshal(shared)
	if string(a) != string(b) {
		t.Errorf("-scene gives another document than the flags:\n%.300s\n%.300s", b, a)
	}
	// A digit's attack stays in the pixel box, of width 1.
	code, _, stderr := runArgs("-scene", "#"+share.Encode(sc), "-eps", "0,1.5")
	if code != 2 || !strings.Contains(stderr, "-eps: 1.5 is more than 1") {
		t.Errorf("-eps 1.5 on a scene of the digits: exit %d, stderr %q; want 2 and -eps named", code, stderr)
	}
}

// TestDigitsFolder: -mnist reads the digits from the files
// scripts/mnistdata writes, with the same figures as from the GoMNIST
// module; a folder without them, or with a corrupt one, is an error
// naming the folder and the file.
func TestDigitsFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	sets, err := mnisttest.IDX(t).Sets(mnist.DefaultTrainImages, 3, 7)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sets {
		b, err := mnist.Encode(s)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, mnist.FileName(s.Digit, s.Split)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{"-preset", "mnist", "-n", "500", "-eps", "0.2"}
	fromModule, fromFolder := runDigits(t, args...), runDigits(t, append(args, "-mnist", dir)...)
	m, f := fromModule.Rows[0], fromFolder.Rows[0]
	if !slices.Equal(fromModule.Weights, fromFolder.Weights) || m.Error != f.Error || *m.Clean != *f.Clean {
		t.Errorf("-mnist: errors %v and %v, from the module %v and %v", *f.Clean, f.Error, *m.Clean, m.Error)
	}

	if err := os.WriteFile(filepath.Join(dir, "7-test.bin"), []byte("ADVMNIST but no more"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runArgs(append(args, "-mnist", dir)...)
	if code != 1 || stdout != "" || !strings.Contains(stderr, "-mnist "+dir) || !strings.Contains(stderr, "7-test.bin: mnist: truncated") {
		t.Errorf("a corrupt 7-test.bin: exit %d, stderr %q; want 1 and the folder and file named", code, stderr)
	}
	empty := t.TempDir()
	code, _, stderr = runArgs(append(args, "-mnist", empty)...)
	if code != 1 || !strings.Contains(stderr, "-mnist "+empty) || !strings.Contains(stderr, "3-train.bin") {
		t.Errorf("a folder without the files: exit %d, stderr %q; want 1 and the missing file named", code, stderr)
	}
}
