package dimsweep

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/linear"
	"advplay/engine/theory"
)

var update = flag.Bool("update", false, "rewrite testdata/sweep.golden")

// small is a sweep that runs in a few milliseconds.
var small = Config{Epsilon: 0.1, PerClass: 300, Seed: 5, Dims: []int{2, 16, 128}}

// TestSlicing checks that the results do not depend on the budget of the
// Steps, from one point at a time to everything at once.
func TestSlicing(t *testing.T) {
	t.Parallel()
	want, err := Run(small)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != len(small.Dims) {
		t.Fatalf("Run: %d results, want %d", len(want), len(small.Dims))
	}
	for _, budget := range []int{1, 100, 5000} {
		s, err := New(small)
		if err != nil {
			t.Fatal(err)
		}
		last := 0.0
		for !s.Step(budget) {
			if p := s.Progress(); p < last || p > 1 {
				t.Fatalf("budget %d: Progress went from %v to %v", budget, last, p)
			} else {
				last = p
			}
		}
		if s.Err() != nil || !reflect.DeepEqual(s.Results(), want) {
			t.Errorf("budget %d: results differ from Run's (error %v)", budget, s.Err())
		}
		if s.Progress() != 1 {
			t.Errorf("budget %d: Progress at the end is %v", budget, s.Progress())
		}
	}
}

// TestMatchesPieces checks that a dimension's result is what the page gets
// by drawing the points again with Seeds, fitting them and counting the
// errors on the test points, bit for bit.
func TestMatchesPieces(t *testing.T) {
	t.Parallel()
	results, err := Run(small)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		train, test := Seeds(small.Seed, r.Dim)
		s, _ := data.CloudsIn(r.Dim, small.PerClass, data.CloudSigma, train)
		fit, err := linear.Fit(s, linear.FitOptions{})
		if err != nil || !reflect.DeepEqual(fit, r.Fit) {
			t.Errorf("d = %d: fit %+v, sweep %+v (%v)", r.Dim, fit, r.Fit, err)
		}
		ts, _ := data.CloudsIn(r.Dim, small.PerClass, data.CloudSigma, test)
		best := linear.Bisector(data.CloudMeans(r.Dim))
		for _, c := range []struct {
			name string
			m    linear.Model
			got  Errors
		}{{"fit", fit.Model, r.Fitted}, {"best line", best, r.Best}} {
			want := Errors{
				Clean: linear.ErrorRate(c.m, ts, 0, attack.LInf),
				LInf:  linear.ErrorRate(c.m, ts, small.Epsilon, attack.LInf),
				L2:    linear.ErrorRate(c.m, ts, small.Epsilon, attack.L2),
			}
			if c.got != want {
				t.Errorf("d = %d, %s: sweep %+v, counted again %+v", r.Dim, c.name, c.got, want)
			}
		}
		if r.TestPoints != 2*small.PerClass {
			t.Errorf("d = %d: %d test points, want %d", r.Dim, r.TestPoints, 2*small.PerClass)
		}
		if want := theory.DimensionError(r.Dim, data.CloudSigma, small.Epsilon, attack.LInf); r.BestTheory.LInf != want {
			t.Errorf("d = %d: BestTheory.LInf %v, DimensionError %v", r.Dim, r.BestTheory.LInf, want)
		}
	}
}

// TestL2Flat runs the default sweep at ε = 0.2: the L2 closed form is the
// same in every dimension, Φ((0.2 − √2)/0.5) = 0.758 % (theory's table),
// and the measured L2 errors of the best line and of the fit stay within 3
// binomial standard deviations of it and of the fit's own closed form,
// while the best line's L∞ error climbs from below 2 % at d = 2 to above
// 99 % at d = 1024 (theory.DimensionError: 1.18 % and 100.0 %).
func TestL2Flat(t *testing.T) {
	t.Parallel()
	results, err := Run(Config{Epsilon: 0.2, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	flat := theory.DimensionError(2, data.CloudSigma, 0.2, attack.L2)
	for _, r := range results {
		n := float64(r.TestPoints)
		within := func(got, want float64) bool {
			return math.Abs(got-want) <= 3*math.Sqrt(want*(1-want)/n)+1/n
		}
		if r.BestTheory.L2 != flat {
			t.Errorf("d = %d: L2 closed form %v, at d = 2 %v", r.Dim, r.BestTheory.L2, flat)
		}
		if !within(r.Best.L2, flat) || !within(r.Fitted.L2, r.FittedTheory.L2) {
			t.Errorf("d = %d: L2 errors %.4f (best line) and %.4f (fit, closed form %.4f), want %.4f", r.Dim, r.Best.L2, r.Fitted.L2, r.FittedTheory.L2, flat)
		}
		if !within(r.Best.LInf, r.BestTheory.LInf) || !within(r.Fitted.LInf, r.FittedTheory.LInf) {
			t.Errorf("d = %d: L∞ errors %.4f (closed form %.4f) and %.4f (%.4f)", r.Dim, r.Best.LInf, r.BestTheory.LInf, r.Fitted.LInf, r.FittedTheory.LInf)
		}
	}
	if first, last := results[0].Best.LInf, results[len(results)-1].Best.LInf; first > 0.02 || last < 0.99 {
		t.Errorf("best line's L∞ error from %.4f at d = 2 to %.4f at d = 1024, want below 0.02 and above 0.99", first, last)
	}
}

// goldenPath holds the default sweep at ε = 0.1 as computed natively on
// linux/amd64: for each dimension the six error counts and the fit's b and
// ‖w‖₂. Regenerate with
//
//	go test ./engine/dimsweep -run TestGolden -update
//
// Under js/wasm everything must match bit for bit, the points and the fits
// being the same there (package linear): the test passing under Node shows
// the page sweeps what the command line does.
var goldenPath = filepath.Join("testdata", "sweep.golden")

func goldenLines(t *testing.T) []string {
	results, err := Run(Config{Epsilon: 0.1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{"# dim, wrong (fit clean, L∞, L2; best clean, L∞, L2) of 2000 test points, fit b and ‖w‖₂ in hexadecimal"}
	for _, r := range results {
		n := float64(r.TestPoints)
		count := func(e Errors) string {
			return fmt.Sprintf("%d %d %d", int(math.Round(e.Clean*n)), int(math.Round(e.LInf*n)), int(math.Round(e.L2*n)))
		}
		lines = append(lines, fmt.Sprintf("%d %s %s %x %x", r.Dim, count(r.Fitted), count(r.Best), r.Fit.Model.B, r.Fit.Model.Norm2()))
	}
	return lines
}

func TestGolden(t *testing.T) {
	t.Parallel()
	got := goldenLines(t)
	if *update {
		if err := os.WriteFile(goldenPath, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	raw, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatalf("%v (run with -update natively to create it)", err)
	}
	var want []string
	for sc := bufio.NewScanner(bytes.NewReader(raw)); sc.Scan(); {
		want = append(want, sc.Text())
	}
	if len(want) != len(Dims)+1 || len(got) != len(want) {
		t.Fatalf("%s has %d lines, the sweep %d, want %d", goldenPath, len(want), len(got), len(Dims)+1)
	}
	for i := 1; i < len(want); i++ {
		if got[i] != want[i] {
			t.Errorf("%s:%d: the sweep gives %q, golden %q", goldenPath, i+1, got[i], want[i])
		}
	}
}

func TestNewErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name     string
		c        Config
		fragment string
	}{
		{"negative ε", Config{Epsilon: -0.1}, "epsilon"},
		{"NaN ε", Config{Epsilon: math.NaN()}, "epsilon"},
		{"negative n", Config{PerClass: -1}, "points per class"},
		{"negative σ", Config{Sigma: -1}, "sigma"},
		{"d = 0", Config{Dims: []int{2, 0}}, "dimension 0"},
		{"too many coordinates", Config{PerClass: 2000}, "coordinates"},
		{"bad fit option", Config{Fit: linear.FitOptions{GradTolerance: -1}}, "tolerance"},
	} {
		if _, err := New(c.c); err == nil || !strings.Contains(err.Error(), c.fragment) {
			t.Errorf("%s: New error %v, want one containing %q", c.name, err, c.fragment)
		}
	}
	s, err := New(Config{Dims: []int{}})
	if err != nil || !s.Done() || len(s.Results()) != 0 {
		t.Errorf("no dimensions: %v, done %v", err, s.Done())
	}
	if c := s.Config(); c.PerClass != DefaultPerClass || c.Sigma != data.CloudSigma {
		t.Errorf("defaults: %+v", c)
	}
}

func TestSeeds(t *testing.T) {
	t.Parallel()
	seen := map[uint64]bool{}
	for _, seed := range []uint64{0, 1, 2} {
		for _, d := range Dims {
			train, test := Seeds(seed, d)
			if seen[train] || seen[test] || train == test {
				t.Errorf("Seeds(%d, %d) = %d, %d repeats a seed", seed, d, train, test)
			}
			seen[train], seen[test] = true, true
		}
	}
}

func ExampleRun() {
	// The best line's error under FGSM with ε = 0.1, measured on 2×1000
	// test points and in closed form, as the dimension grows.
	results, err := Run(Config{Epsilon: 0.1, Seed: 1, Dims: []int{2, 128, 1024}})
	if err != nil {
		panic(err)
	}
	for _, r := range results {
		fmt.Printf("d = %4d: measured %5.1f %%, closed form %5.1f %%\n", r.Dim, 100*r.Best.LInf, 100*r.BestTheory.LInf)
	}
	// Output:
	// d =    2: measured   0.4 %, closed form   0.5 %
	// d =  128: measured  29.5 %, closed form  28.6 %
	// d = 1024: measured 100.0 %, closed form 100.0 %
}
