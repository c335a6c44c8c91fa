package network

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"advplay/engine/data"
)

// edgyPoints returns random points in [0, 1] with every fifth coordinate
// exactly 0 and every fifth 1, where the box clips the ball.
func edgyPoints(count, dim int, seed uint64) data.Samples {
	s := randomPoints(count, dim, seed)
	for i := range s.X {
		switch i % 5 {
		case 1:
			s.X[i] = 0
		case 3:
			s.X[i] = 1
		}
	}
	return s
}

// TestAttacksStayInBallAndBox checks every attack at ε from 0 to 1: each
// attacked coordinate lies in the pixel box and within ε of the original
// (up to 1e-15, two roundings of numbers below 2), the perturbation is
// adv − x, and the labels are kept. FGSM moves each coordinate by exactly
// ±ε along the gradient's sign, or not at all where it is 0, before the
// box clips it.
func TestAttacksStayInBallAndBox(t *testing.T) {
	n := newSmall(t, 3) // 7 inputs, two ReLU layers
	s := edgyPoints(70, 7, 9)
	for _, eps := range []float64{0, 0.05, 0.3, 1} {
		for _, a := range []Attack{
			{Method: FGSM, Epsilon: eps},
			{Method: PGD, Epsilon: eps, Steps: 5, Seed: 1},
			{Method: PGD, Epsilon: eps, Steps: 5, Seed: 1, Last: true},
			{Method: PGD, Epsilon: eps, Steps: 3, StepSize: 0.5, Seed: 2, Last: true},
		} {
			adv, delta, err := a.Perturb(n, s)
			if err != nil {
				t.Fatal(err)
			}
			if string(adv.Labels) != string(s.Labels) || adv.Dim != s.Dim {
				t.Fatalf("%v: labels or dimension changed", a)
			}
			for i, v := range adv.X {
				x := s.X[i]
				if !(v >= 0 && v <= 1) || math.Abs(v-x) > eps+1e-15 || delta[i] != v-x {
					t.Fatalf("%v: coordinate %d: %v → %v (delta %v)", a, i, x, v, delta[i])
				}
			}
			if a.Method != FGSM {
				continue
			}
			for p := range s.Len() {
				g := n.InputGrad(s.Row(p), float64(s.Labels[p]), nil)
				for k, gk := range g {
					want := s.Row(p)[k] + eps*sign(gk)
					want = math.Min(1, math.Max(0, want))
					if got := adv.Row(p)[k]; got != want {
						t.Fatalf("%v point %d x%d: %v, want %v", a, p, k, got, want)
					}
				}
			}
		}
	}
}

func sign(v float64) float64 {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// linearNet returns a network on dim inputs whose logit is linear on the
// pixel box: one ReLU unit w·x + 2·dim, which stays positive since |w_i| <
// 1, and an output weight 1 with bias −2·dim − w·(½, …, ½), so that z =
// w·(x − ½).
func linearNet(t *testing.T, dim int) *Network {
	t.Helper()
	n, err := New(dim, Config{Hidden: []int{1}, Activation: ReLU}, 1)
	if err != nil {
		t.Fatal(err)
	}
	rnd := data.NewRand(4)
	var center float64
	for i := range dim {
		w := 2*rnd.Float64() - 1
		n.params[i] = w
		center += w / 2
	}
	bias := 2 * float64(dim)
	n.params[dim] = bias
	n.params[dim+1] = 1
	n.params[dim+2] = -bias - center
	return n
}

// TestPGDOnLinear checks PGD against FGSM where the logit is linear: the
// gradient's sign never changes, so PGD (from any start, with steps adding
// up to 2.5·ε ≥ 2ε) ends in FGSM's corner of ball ∩ box, bit for bit, and
// misclassifies exactly as often; with steps adding up to less than ε it
// cannot get there and does worse, which shows that the comparison can
// fail.
func TestPGDOnLinear(t *testing.T) {
	n := linearNet(t, 12)
	s := edgyPoints(150, 12, 5)
	for _, eps := range []float64{0.05, 0.1, 0.3} {
		fgsm := Attack{Method: FGSM, Epsilon: eps}
		want, _, err := fgsm.Perturb(n, s)
		if err != nil {
			t.Fatal(err)
		}
		fgsmErr, _ := fgsm.ErrorRate(n, s)
		for _, pgd := range []Attack{
			{Method: PGD, Epsilon: eps, Steps: 10, Seed: 3, Last: true},
			{Method: PGD, Epsilon: eps, Steps: 10, Seed: 3},
		} {
			got, _, _ := pgd.Perturb(n, s)
			for i := range got.X {
				if got.X[i] != want.X[i] {
					t.Fatalf("ε=%v %v: coordinate %d = %v, FGSM %v", eps, pgd, i, got.X[i], want.X[i])
				}
			}
			if r, _ := pgd.ErrorRate(n, s); r != fgsmErr {
				t.Errorf("ε=%v %v: error %v, FGSM %v", eps, pgd, r, fgsmErr)
			}
		}
		short := Attack{Method: PGD, Epsilon: eps, Steps: 2, StepSize: eps / 4, Seed: 3, Last: true}
		if r, _ := short.ErrorRate(n, s); r >= fgsmErr {
			t.Errorf("ε=%v %v: error %v, not below FGSM's %v", eps, short, r, fgsmErr)
		}
	}
}

// TestPGDAtLeastFGSM checks that PGD without Last is never weaker than
// FGSM on a non-linear network, point by point: its point's loss is at
// least the FGSM point's.
func TestPGDAtLeastFGSM(t *testing.T) {
	for i := range smallNets {
		n := newSmall(t, i)
		s := edgyPoints(40, smallNets[i].dim, uint64(i))
		fgsm, _, _ := Attack{Method: FGSM, Epsilon: 0.2}.Perturb(n, s)
		pgd, _, _ := Attack{Method: PGD, Epsilon: 0.2, Steps: 3, Seed: 1}.Perturb(n, s)
		for p := range s.Len() {
			y := float64(s.Labels[p])
			if lp, lf := n.Loss(pgd.Row(p), y), n.Loss(fgsm.Row(p), y); lp < lf {
				t.Errorf("%v point %d: PGD loss %v below FGSM's %v", smallNets[i].c, p, lp, lf)
			}
		}
	}
}

// TestErrorRateMatchesPerturb checks that ErrorRate counts the points that
// Perturb returns, and that a seed gives the same points every time.
func TestErrorRateMatchesPerturb(t *testing.T) {
	n := newSmall(t, 1)
	s := edgyPoints(150, 5, 2) // three chunks
	for _, a := range []Attack{
		{Method: FGSM, Epsilon: 0.1},
		{Method: PGD, Epsilon: 0.1, Steps: 4, Seed: 8},
		{Method: PGD, Epsilon: 0.1, Steps: 4, Seed: 8, Last: true},
	} {
		adv, _, _ := a.Perturb(n, s)
		again, _, _ := a.Perturb(n, s)
		for i := range adv.X {
			if adv.X[i] != again.X[i] {
				t.Fatalf("%v: coordinate %d differs between two runs", a, i)
			}
		}
		got, err := a.ErrorRate(n, s)
		if err != nil {
			t.Fatal(err)
		}
		if want := n.ErrorRate(adv); got != want {
			t.Errorf("%v: ErrorRate %v, error on Perturb's points %v", a, got, want)
		}
	}
}

// TestEvaluationSlicing checks that an Evaluation stepped a few points at
// a time ends with ErrorRate's figure, and reports its progress by whole
// chunks.
func TestEvaluationSlicing(t *testing.T) {
	n := newSmall(t, 1)
	s := edgyPoints(150, 5, 3) // chunks of 64, 64 and 22
	a := Attack{Method: PGD, Epsilon: 0.15, Steps: 3, Seed: 2}
	want, _ := a.ErrorRate(n, s)
	e, err := a.Evaluate(n, s)
	if err != nil {
		t.Fatal(err)
	}
	var progress []int
	for !e.Done() {
		done, total := e.Step(10)
		if total != 150 {
			t.Fatalf("total %d, want 150", total)
		}
		progress = append(progress, done)
	}
	if fmt.Sprint(progress) != "[64 128 150]" {
		t.Errorf("progress %v, want [64 128 150]", progress)
	}
	if got := e.ErrorRate(); got != want {
		t.Errorf("stepped error rate %v, ErrorRate %v", got, want)
	}
	if done, _ := e.Step(10); done != 150 {
		t.Errorf("Step after the end: done %d", done)
	}
}

// TestAttackValidates checks the attacks' errors.
func TestAttackValidates(t *testing.T) {
	n := newSmall(t, 0) // 5 inputs
	good := edgyPoints(3, 5, 1)
	outside := edgyPoints(3, 5, 1)
	outside.X[7] = -0.01
	for _, tc := range []struct {
		a    Attack
		s    data.Samples
		want string // in the error; "" for none
	}{
		{Attack{Method: PGD, Epsilon: 0.3}, good, ""},
		{Attack{Method: FGSM, Epsilon: 1}, data.Samples{Dim: 5}, ""},
		{Attack{Method: "bim", Epsilon: 0.3}, good, `method "bim"`},
		{Attack{Method: FGSM, Epsilon: -0.1}, good, "epsilon"},
		{Attack{Method: FGSM, Epsilon: math.NaN()}, good, "epsilon"},
		{Attack{Method: PGD, Epsilon: 0.1, Steps: MaxSteps + 1}, good, "steps"},
		{Attack{Method: PGD, Epsilon: 0.1, StepSize: math.Inf(1)}, good, "step size"},
		{Attack{Method: FGSM, Epsilon: 0.1}, outside, "point 1: x3 is -0.01, outside the pixel box"},
		{Attack{Method: FGSM, Epsilon: 0.1}, edgyPoints(3, 4, 1), "dimension 4"},
	} {
		_, _, err := tc.a.Perturb(n, tc.s)
		_, err2 := tc.a.ErrorRate(n, tc.s)
		_, err3 := tc.a.Evaluate(n, tc.s)
		for _, e := range []error{err, err2, err3} {
			switch {
			case tc.want == "" && e != nil:
				t.Errorf("%v: %v", tc.a, e)
			case tc.want != "" && (e == nil || !strings.Contains(e.Error(), tc.want)):
				t.Errorf("%v: error %v, want one containing %q", tc.a, e, tc.want)
			}
		}
	}
}
