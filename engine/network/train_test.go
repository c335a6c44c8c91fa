package network

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"strings"
	"testing"

	"advplay/engine/data"
)

// bars returns count side×side pictures in [0, 1]: class 0 a horizontal
// bar, class 1 a vertical one, each two pixels wide at a random place, on a
// background of uniform noise up to 0.3 (a pixel of the bar is 0.7 plus
// such noise). Labels alternate 0, 1. No linear model separates them well,
// a small network does.
func bars(count, side int, seed uint64) data.Samples {
	rnd := data.NewRand(seed)
	d := side * side
	s := data.Samples{Dim: d, X: make([]float64, count*d), Labels: make([]uint8, count)}
	for i := range count {
		row := s.X[i*d : (i+1)*d]
		for k := range row {
			row[k] = 0.3 * rnd.Float64()
		}
		at := rnd.IntN(side - 1)
		for k := range side {
			for w := range 2 {
				px := (at+w)*side + k // horizontal
				if i%2 == 1 {
					px = k*side + at + w // vertical
				}
				row[px] += 0.7
			}
		}
		s.Labels[i] = uint8(i % 2)
	}
	return s
}

func newTrainer(t *testing.T, n *Network, s data.Samples, c TrainConfig) *Trainer {
	t.Helper()
	tr, err := NewTrainer(n, s, c)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestAdamHandSteps checks two full-batch Adam steps against Kingma and
// Ba's update computed here from ParamGrad: m ← β₁m + (1−β₁)g,
// v ← β₂v + (1−β₂)g², θ ← θ − lr·(m/(1−β₁ᵗ))/(√(v/(1−β₂ᵗ)) + ε). The
// trainer sums the batch in shuffled order with weights 1/n, this test in
// order and divides by n, so the gradients differ by rounding (≈1e-16
// relative); through Adam's ratio that moves a parameter by ≈1e-16·lr,
// and 1e-14 absolute leaves room while catching any wrong term.
func TestAdamHandSteps(t *testing.T) {
	const lr = 0.01
	s := randomPoints(3, 5, 1)
	n, _ := New(5, Config{Hidden: []int{3}, Activation: Tanh}, 2)
	ref := n.Clone()
	tr := newTrainer(t, n, s, TrainConfig{BatchSize: 3, LearningRate: lr, Epochs: 2})
	np := n.NumParams()
	mom, vel := make([]float64, np), make([]float64, np)
	for step := 1; step <= 2; step++ {
		g := make([]float64, np)
		for p := range s.Len() {
			ref.ParamGrad(g, s.Row(p), float64(s.Labels[p]))
		}
		b1t, b2t := math.Pow(AdamBeta1, float64(step)), math.Pow(AdamBeta2, float64(step))
		for k := range g {
			gk := g[k] / 3
			mom[k] = AdamBeta1*mom[k] + (1-AdamBeta1)*gk
			vel[k] = AdamBeta2*vel[k] + (1-AdamBeta2)*gk*gk
			ref.params[k] -= lr * (mom[k] / (1 - b1t)) / (math.Sqrt(vel[k]/(1-b2t)) + AdamEpsilon)
		}
		if p := tr.Step(1); p.Batch != step || p.Epoch != step {
			t.Fatalf("after step %d: progress %+v", step, p)
		}
		for k := range g {
			if math.Abs(n.params[k]-ref.params[k]) > 1e-14 {
				t.Errorf("step %d: θ%d = %v, by hand %v", step, k, n.params[k], ref.params[k])
			}
		}
	}
	if !tr.Done() {
		t.Error("not done after 2 epochs of 1 batch")
	}
}

// sliceConfigs are the trainings whose results must not depend on how
// their batches are split into Steps: plain (with a last, shorter batch),
// PGD, strongest-point PGD mixed with the clean loss, and FGSM's mix.
var sliceConfigs = []TrainConfig{
	{Epochs: 2, BatchSize: 7, Seed: 3},
	{Epochs: 2, BatchSize: 8, Seed: 4, Adversary: Attack{Method: PGD, Epsilon: 0.2, Steps: 3, Seed: 5, Last: true}},
	{Epochs: 2, BatchSize: 8, Seed: 4, Adversary: Attack{Method: PGD, Epsilon: 0.1, Steps: 2, Seed: 6}, Alpha: 0.3},
	{Epochs: 2, BatchSize: 8, Adversary: Attack{Method: FGSM, Epsilon: 0.2}, Alpha: 0.5},
}

// TestStepSlicing checks that Step(N) and N Steps of 1 (and 3 + the rest)
// leave the same bits and the same progress.
func TestStepSlicing(t *testing.T) {
	s := bars(40, 6, 1)
	for _, c := range sliceConfigs {
		var params [3][]float64
		var progress [3]Progress
		for way := range 3 {
			n, _ := New(s.Dim, Config{Hidden: []int{5, 3}}, 7)
			tr := newTrainer(t, n, s, c)
			total := c.Epochs * tr.BatchesPerEpoch()
			switch way {
			case 0:
				tr.Step(total + 5) // more than there are
			case 1:
				for range total {
					tr.Step(1)
				}
			case 2:
				tr.Step(3)
				tr.Step(0)
				tr.Step(total)
			}
			params[way], progress[way] = n.Params(make([]float64, n.NumParams())), tr.Progress()
		}
		for way := 1; way < 3; way++ {
			if progress[way] != progress[0] {
				t.Errorf("%+v: progress %+v, in one step %+v", c, progress[way], progress[0])
			}
			for k := range params[0] {
				if math.Float64bits(params[way][k]) != math.Float64bits(params[0][k]) {
					t.Fatalf("%+v: way %d: θ%d = %v, in one step %v", c, way, k, params[way][k], params[0][k])
				}
			}
		}
		if p := progress[0]; !p.Done || p.Failed || p.Epoch != 2 || p.Batch != p.Batches || !(p.Loss > 0) {
			t.Errorf("%+v: final progress %+v", c, p)
		}
	}
}

// TestTrainerDiverges trains on coordinates near the largest float64, whose
// sums overflow to ±Inf, which ReLU passes on, and then to NaN: the
// trainer must report it, restore the parameters and stop.
func TestTrainerDiverges(t *testing.T) {
	s := data.Samples{Dim: 4, X: []float64{1e308, -1e308, 1e308, 1e308, 1e308, 1e308, -1e308, 1e308}, Labels: []uint8{0, 1}}
	n, _ := New(4, Config{Hidden: []int{8}, Activation: ReLU}, 1)
	before := n.Params(make([]float64, n.NumParams()))
	tr := newTrainer(t, n, s, TrainConfig{})
	p := tr.Step(5)
	if !p.Failed || !p.Done || tr.Err() == nil || p.Batch != 0 {
		t.Fatalf("progress %+v, error %v; want a failure at the first batch", p, tr.Err())
	}
	for k, v := range n.Params(make([]float64, n.NumParams())) {
		if v != before[k] {
			t.Fatalf("θ%d changed to %v after the failure", k, v)
		}
	}
	if q := tr.Step(1); q.Batch != 0 || !q.Failed || !math.IsNaN(q.Loss) {
		t.Errorf("Step trained on after a failure: %+v", q)
	}
}

// TestNewTrainerValidates checks NewTrainer's errors.
func TestNewTrainerValidates(t *testing.T) {
	good := bars(4, 3, 1)
	outside := bars(4, 3, 1)
	outside.X[5] = 1.5
	n, _ := New(9, Config{Hidden: []int{2}}, 1)
	for _, tc := range []struct {
		s    data.Samples
		c    TrainConfig
		want string // in the error; "" for none
	}{
		{good, TrainConfig{}, ""},
		{outside, TrainConfig{}, ""}, // plain training takes any finite point
		{good, PGDTraining(0.2), ""},
		{good, FGSMTraining(0.1), ""},
		{data.Samples{Dim: 9}, TrainConfig{}, "no points"},
		{data.Samples{Dim: 9, X: make([]float64, 9), Labels: []uint8{2}}, TrainConfig{}, "label is 2"},
		{bars(4, 2, 1), TrainConfig{}, "dimension 4"},
		{good, TrainConfig{Epochs: -1}, "epochs"},
		{good, TrainConfig{BatchSize: MaxBatchSize + 1}, "batch size"},
		{good, TrainConfig{LearningRate: 2}, "learning rate"},
		{good, TrainConfig{LearningRate: math.NaN()}, "learning rate"},
		{good, TrainConfig{Alpha: 1.5}, "alpha"},
		{good, TrainConfig{Adversary: Attack{Method: "cw"}}, `method "cw"`},
		{good, TrainConfig{Adversary: Attack{Method: PGD, Epsilon: 2}}, "epsilon"},
		{outside, PGDTraining(0.2), "outside the pixel box"},
	} {
		_, err := NewTrainer(n, tc.s, tc.c)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%+v: %v", tc.c, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%+v: error %v, want one containing %q", tc.c, err, tc.want)
		}
	}
}

// TestTrainingLearns checks that each recipe learns the bars: the test
// error of plain training falls below 5 %, and PGD training at ε = 0.1
// brings the PGD error at ε = 0.1 below what plain training leaves. (The
// bars are 0.7 above a background of at most 0.3, so ε = 0.1 cannot erase
// them; the bounds leave a margin of a few points on these seeds.)
func TestTrainingLearns(t *testing.T) {
	train, test := bars(400, 8, 1), bars(200, 8, 2)
	eval := Attack{Method: PGD, Epsilon: 0.1, Steps: 10}
	errs := map[string]float64{}
	for name, c := range map[string]TrainConfig{
		"plain": {Epochs: 10},
		"pgd":   {Epochs: 10, Adversary: Attack{Method: PGD, Epsilon: 0.1, Steps: 5, Last: true}},
	} {
		n, _ := New(train.Dim, Config{Hidden: []int{16}}, 1)
		tr := newTrainer(t, n, train, c)
		if p := tr.Step(math.MaxInt); !p.Done || p.Failed {
			t.Fatalf("%s: %+v, %v", name, p, tr.Err())
		}
		errs[name+" clean"] = n.ErrorRate(test)
		r, err := eval.ErrorRate(n, test)
		if err != nil {
			t.Fatal(err)
		}
		errs[name+" pgd"] = r
	}
	t.Logf("bars: %v", errs)
	if errs["plain clean"] > 0.05 {
		t.Errorf("plain training: test error %.3f, want ≤ 0.05", errs["plain clean"])
	}
	if errs["pgd pgd"] >= errs["plain pgd"] {
		t.Errorf("PGD error %.3f after PGD training, %.3f after plain training; want lower", errs["pgd pgd"], errs["plain pgd"])
	}
}

// TestTrainingBitIdentical pins the parameters after short trainings on the
// bars, plain and adversarial. The hashes were computed natively on
// linux/amd64; the same test passing under GOOS=js GOARCH=wasm shows that
// the browser's worker trains the same network, bit for bit.
func TestTrainingBitIdentical(t *testing.T) {
	s := bars(64, 8, 3)
	for _, tc := range []struct {
		c    Config
		tc   TrainConfig
		want uint64
	}{
		{Config{Hidden: []int{16, 8}, Activation: Tanh}, TrainConfig{Epochs: 3, BatchSize: 10, Seed: 1}, 0x4560d44c929c4f51},
		{Config{Hidden: []int{12}, Activation: ReLU}, TrainConfig{Epochs: 2, BatchSize: 16, Seed: 2, Adversary: Attack{Method: PGD, Epsilon: 0.2, Steps: 4, Seed: 3, Last: true}}, 0xc8781910c2b4ad53},
		{Config{Hidden: []int{9, 5, 3}, Activation: ReLU}, TrainConfig{Epochs: 2, Seed: 4, Adversary: Attack{Method: FGSM, Epsilon: 0.1}, Alpha: 0.5}, 0xe5c313671f30cebf},
	} {
		n, _ := New(s.Dim, tc.c, 5)
		tr := newTrainer(t, n, s, tc.tc)
		tr.Step(math.MaxInt)
		if got := paramHash(n); got != tc.want {
			t.Errorf("%v %+v: parameters hash to %#x, want %#x", tc.c, tc.tc, got, tc.want)
		}
	}
}

// paramHash returns the FNV-1a hash of the parameters' bits.
func paramHash(n *Network) uint64 {
	h := fnv.New64a()
	var b [8]byte
	for _, v := range n.params {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
		h.Write(b[:])
	}
	return h.Sum64()
}
