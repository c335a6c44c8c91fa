package mlp_test

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"strings"
	"testing"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/logreg"
	"advplay/engine/metrics"
	"advplay/engine/mlp"
)

// Moons used by the training tests: the preset's default noise (0.15),
// 200 points per class to train and an independent 500 per class to test.
var (
	moonsTrain = data.Moons(200, data.MoonsNoise, 1)
	moonsTest  = data.Moons(500, data.MoonsNoise, 2)
)

func train(t testing.TB, c mlp.Config, tc mlp.TrainConfig, epochs int) *mlp.MLP {
	t.Helper()
	m, err := mlp.New(c, 1)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := mlp.NewTrainer(m, moonsTrain, tc)
	if err != nil {
		t.Fatal(err)
	}
	tr.Step(epochs)
	if tr.Err() != nil {
		t.Fatal(tr.Err())
	}
	return m
}

// TestMoonsMLPBeatsLogisticRegression checks the issue's claim that the MLP
// reaches a clean error well below logistic regression's on moons. No line
// separates the interleaved arcs: the converged logistic regression
// misclassifies about 12 % of the test points, while every MLP here gets
// below 1 % (moons with noise 0.15 overlap very little). The bounds, 10 %
// and 5 %, are the issue's.
func TestMoonsMLPBeatsLogisticRegression(t *testing.T) {
	fit, err := logreg.Fit(moonsTrain, logreg.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	lin := metrics.ErrorRate(&fit.Model, moonsTest)
	if lin <= 0.10 {
		t.Errorf("logistic regression test error %.3f, want > 0.10", lin)
	}
	for _, tc := range []struct {
		c      mlp.Config
		tc     mlp.TrainConfig
		epochs int
	}{
		{mlp.DefaultConfig(), mlp.TrainConfig{}, 300},
		{mlp.Config{Hidden: []int{16, 16}, Activation: mlp.ReLU}, mlp.TrainConfig{}, 300},
		{mlp.Config{Hidden: []int{8}}, mlp.TrainConfig{LearningRate: 0.03, BatchSize: 32, Seed: 4}, 200},
		{mlp.Config{Hidden: []int{8, 8, 8}, Activation: mlp.ReLU}, mlp.TrainConfig{BatchSize: 50, L2: 1e-4, Seed: 5}, 200},
		{mlp.DefaultConfig(), mlp.TrainConfig{Optimizer: mlp.LBFGS}, 100},
		{mlp.Config{Hidden: []int{32}}, mlp.TrainConfig{Optimizer: mlp.LBFGS, L2: 1e-3}, 100},
	} {
		m := train(t, tc.c, tc.tc, tc.epochs)
		if e := metrics.ErrorRate(m, moonsTest); e >= 0.05 {
			t.Errorf("%v %+v: test error %.3f, want < 0.05 (logistic regression %.3f)", tc.c, tc.tc, e, lin)
		}
	}
}

// TestPGDAtLeastFGSM checks that on an MLP trained on moons the iterated
// attack finds at least as many errors as FGSM at the same ε, with PGD's
// defaults (10 steps of ε/4) started at the point and from a random start.
// From a random start the last iterate alone can end in a weaker local
// maximum; PGD keeps its strongest point, the FGSM step included, so it is
// never weaker.
func TestPGDAtLeastFGSM(t *testing.T) {
	for _, c := range []mlp.Config{mlp.DefaultConfig(), {Hidden: []int{16, 16}, Activation: mlp.ReLU}} {
		m := train(t, c, mlp.TrainConfig{BatchSize: 64}, 300)
		for _, eps := range []float64{0.05, 0.1, 0.15, 0.2, 0.25, 0.3} {
			fgsm, err := metrics.AdversarialError(m, moonsTest, attack.Config{Method: attack.FGSM, Epsilon: eps})
			if err != nil {
				t.Fatal(err)
			}
			pgd, _ := metrics.AdversarialError(m, moonsTest, attack.Config{Method: attack.PGD, Epsilon: eps})
			random, _ := metrics.AdversarialError(m, moonsTest, attack.Config{Method: attack.PGD, Epsilon: eps, RandomStart: true, Seed: 1})
			if pgd < fgsm {
				t.Errorf("%v ε=%v: PGD error %.3f < FGSM error %.3f", c, eps, pgd, fgsm)
			}
			if random < fgsm {
				t.Errorf("%v ε=%v: PGD (random start) error %.3f < FGSM error %.3f", c, eps, random, fgsm)
			}
		}
	}
}

func TestTrainerErrors(t *testing.T) {
	m, _ := mlp.New(mlp.DefaultConfig(), 1)
	good := data.Moons(5, 0.1, 1)
	for _, tc := range []struct {
		points []data.Point
		tc     mlp.TrainConfig
		field  string
	}{
		{nil, mlp.TrainConfig{}, "no points"},
		{[]data.Point{}, mlp.TrainConfig{}, "no points"},
		{[]data.Point{{X: math.NaN(), Y: 0, Label: 0}}, mlp.TrainConfig{}, "x is NaN"},
		{[]data.Point{{X: 0, Y: math.Inf(1), Label: 1}}, mlp.TrainConfig{}, "y is +Inf"},
		{[]data.Point{{X: 0, Y: 0, Label: 2}}, mlp.TrainConfig{}, "label"},
		{good, mlp.TrainConfig{Optimizer: "sgd"}, "optimizer"},
		{good, mlp.TrainConfig{LearningRate: -1}, "learning rate"},
		{good, mlp.TrainConfig{LearningRate: math.NaN()}, "learning rate"},
		{good, mlp.TrainConfig{LearningRate: 2}, "learning rate"},
		{good, mlp.TrainConfig{BatchSize: -1}, "batch size"},
		{good, mlp.TrainConfig{L2: -0.1}, "L2"},
		{good, mlp.TrainConfig{L2: math.Inf(1)}, "L2"},
		{good, mlp.TrainConfig{Alpha: 1.5}, "alpha"},
	} {
		tr, err := mlp.NewTrainer(m, tc.points, tc.tc)
		if err == nil || tr != nil {
			t.Errorf("%v %+v: no error", tc.points, tc.tc)
			continue
		}
		if !strings.Contains(err.Error(), tc.field) {
			t.Errorf("%v %+v: error %q does not name %q", tc.points, tc.tc, err, tc.field)
		}
	}
}

// TestLBFGSDescends checks that each L-BFGS iteration lowers the objective
// (its line search enforces sufficient decrease) and that it stops,
// reporting convergence, instead of looping once it can make no progress.
func TestLBFGSDescends(t *testing.T) {
	m, _ := mlp.New(mlp.Config{Hidden: []int{8}}, 2)
	tr, err := mlp.NewTrainer(m, moonsTrain, mlp.TrainConfig{Optimizer: mlp.LBFGS, L2: 1e-2})
	if err != nil {
		t.Fatal(err)
	}
	prev := math.Inf(1)
	for range 2000 {
		epoch, loss := tr.Step(1)
		if loss > prev {
			t.Fatalf("epoch %d: objective rose from %v to %v", epoch, prev, loss)
		}
		prev = loss
		if tr.Converged() {
			break
		}
	}
	if !tr.Converged() {
		t.Errorf("L-BFGS with L2 = 0.01 did not converge in 2000 iterations (objective %v)", prev)
	}
	epoch, loss := tr.Step(5)
	if epoch != tr.Epoch() || loss != prev {
		t.Errorf("Step after convergence moved: (%d, %v), was (%d, %v)", epoch, loss, tr.Epoch(), prev)
	}
}

// TestWeightDecay checks that L2 shrinks the weights.
func TestWeightDecay(t *testing.T) {
	norm := func(m *mlp.MLP) float64 {
		var s float64
		for _, v := range m.Params(make([]float64, m.NumParams())) {
			s += v * v
		}
		return math.Sqrt(s)
	}
	plain := train(t, mlp.DefaultConfig(), mlp.TrainConfig{}, 200)
	decayed := train(t, mlp.DefaultConfig(), mlp.TrainConfig{L2: 0.05}, 200)
	if norm(decayed) >= norm(plain) {
		t.Errorf("‖θ‖ with L2 = 0.05 is %v, without %v", norm(decayed), norm(plain))
	}
}

// TestDivergenceRestores checks that non-finite parameters stop training
// with an error and leave the parameters as they were, without a panic, for
// both optimizers.
func TestDivergenceRestores(t *testing.T) {
	for _, tc := range []mlp.TrainConfig{{}, {Optimizer: mlp.LBFGS}} {
		m, _ := mlp.New(mlp.Config{Hidden: []int{4}, Activation: mlp.ReLU}, 1)
		p := m.Params(make([]float64, m.NumParams()))
		for k := range p {
			p[k] = 1e306 // relu(1e306·x)·1e306 overflows to +Inf
		}
		m.SetParams(p)
		tr, _ := mlp.NewTrainer(m, moonsTrain, tc)
		epoch, _ := tr.Step(3)
		if tr.Err() == nil || epoch != 0 {
			t.Fatalf("%+v: no error for overflowing parameters (epoch %d)", tc, epoch)
		}
		q := m.Params(make([]float64, m.NumParams()))
		for k := range p {
			if p[k] != q[k] {
				t.Fatalf("%+v: parameter %d changed to %v", tc, k, q[k])
			}
		}
		if e, _ := tr.Step(1); e != 0 {
			t.Errorf("%+v: Step trained on after an error", tc)
		}
	}
}

// TestTrainingBitIdentical pins the parameters after short Adam runs. The
// hashes were computed natively on linux/amd64; the same test passing under
// GOOS=js GOARCH=wasm shows that the browser trains the same network as the
// command line, bit for bit. (L-BFGS is not: see TestLBFGSAcrossPlatforms.)
func TestTrainingBitIdentical(t *testing.T) {
	for _, tc := range []struct {
		c    mlp.Config
		tc   mlp.TrainConfig
		want uint64
	}{
		{mlp.DefaultConfig(), mlp.TrainConfig{BatchSize: 50, Seed: 7, L2: 1e-3}, 0xff6e3a4c7187519f},
		{mlp.Config{Hidden: []int{5, 3}, Activation: mlp.ReLU}, mlp.TrainConfig{}, 0x38977d0dfded0b70},
	} {
		m := train(t, tc.c, tc.tc, 20)
		h := fnv.New64a()
		var b [8]byte
		for _, v := range m.Params(make([]float64, m.NumParams())) {
			binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
			h.Write(b[:])
		}
		if got := h.Sum64(); got != tc.want {
			t.Errorf("%v %+v: parameters hash to %#x, want %#x", tc.c, tc.tc, got, tc.want)
		}
	}
}

// TestLBFGSAcrossPlatforms pins where L-BFGS converges, bit for bit: package
// lbfgs's updates are plain loops in a fixed order, so the command line and
// the browser follow the same path. The objective and the hash were
// measured natively; the test passing under js/wasm shows the same bits.
// (gonum's L-BFGS, used before, ended natively and under js/wasm in
// different last bits, at another local minimum, 0.0601245958652435.)
func TestLBFGSAcrossPlatforms(t *testing.T) {
	const (
		want     = 0.058771597546678739
		wantHash = 0x1edc6381132ec938
	)
	m, _ := mlp.New(mlp.Config{Hidden: []int{6}}, 1)
	tr, err := mlp.NewTrainer(m, moonsTrain, mlp.TrainConfig{Optimizer: mlp.LBFGS, L2: 1e-3})
	if err != nil {
		t.Fatal(err)
	}
	epoch, loss := tr.Step(1000)
	if !tr.Converged() || loss != want {
		t.Errorf("L-BFGS ended at epoch %d with objective %.17g (converged %v), want %.17g", epoch, loss, tr.Converged(), want)
	}
	h := fnv.New64a()
	for _, v := range m.Params(make([]float64, m.NumParams())) {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
		h.Write(b[:])
	}
	if got := h.Sum64(); got != wantHash {
		t.Errorf("L-BFGS's parameters hash to %#x, want %#x", got, uint64(wantHash))
	}
}

// Example trains the default MLP (two hidden layers of 16 tanh units) on
// moons by full-batch Adam, step by step as the browser animates it.
func Example() {
	train := data.Moons(200, data.MoonsNoise, 1)
	test := data.Moons(500, data.MoonsNoise, 2)
	m, err := mlp.New(mlp.DefaultConfig(), 1)
	if err != nil {
		panic(err)
	}
	tr, err := mlp.NewTrainer(m, train, mlp.TrainConfig{})
	if err != nil {
		panic(err)
	}
	for range 3 {
		epoch, loss := tr.Step(100)
		fmt.Printf("epoch %d: loss %.3f, test error %.1f %%\n", epoch, loss, 100*metrics.ErrorRate(m, test))
	}
	// Output:
	// epoch 100: loss 0.081, test error 2.1 %
	// epoch 200: loss 0.006, test error 0.3 %
	// epoch 300: loss 0.003, test error 0.1 %
}
