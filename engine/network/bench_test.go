package network

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"
)

// The benchmarks measure the MNIST preset's budgets (3 vs 7, 2×2,000
// training digits, errors on the 2,038 test digits), natively and under
// js/wasm:
//
//	go test -run=NONE -bench=. -benchtime=1x ./engine/network
//	GOOS=js GOARCH=wasm go test -run=NONE -bench=. -benchtime=1x \
//		-exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./engine/network
//
// The training benchmarks time one whole training per iteration and log
// `figure:` lines: the median seconds per training (-benchtime=3x for three
// runs) and, after the timing, the errors of the last network trained
// (the same bits on both platforms).

// benchTrain trains a network with c and tc on the preset per iteration
// and logs the training time and the errors at the ε of epsilons.
func benchTrain(b *testing.B, label string, c Config, tc TrainConfig, epsilons []float64) {
	train, test := mnistPair(b, 3, 7)
	var n *Network
	var secs []float64
	for b.Loop() {
		start := time.Now()
		n, _ = New(train.Dim, c, 1)
		tr, err := NewTrainer(n, train, tc)
		if err != nil {
			b.Fatal(err)
		}
		if p := tr.Step(math.MaxInt); p.Failed {
			b.Fatal(tr.Err())
		}
		secs = append(secs, time.Since(start).Seconds())
	}
	slices.Sort(secs)
	med := secs[len(secs)/2]
	b.ReportMetric(med, "s/training")
	b.Logf("figure: %s (%v, %s): %.2f s per training (median of %d, from %.2f to %.2f)", label, c, describe(tc), med, len(secs), secs[0], secs[len(secs)-1])
	figures(b, label, n, test, epsilons)
}

// describe returns the training settings as "10 epochs, batch 32, lr
// 0.001, PGD ε=0.2 (7×0.0714, last)".
func describe(tc TrainConfig) string {
	tc = tc.withDefaults()
	s := fmt.Sprintf("%d epochs, batch %d, lr %g", tc.Epochs, tc.BatchSize, tc.LearningRate)
	if tc.Adversary.Method != "" {
		s += fmt.Sprintf(", %v, α %g", tc.Adversary, tc.Alpha)
	}
	return s
}

// BenchmarkTrainPlain times the default plain training (target: ≤ 5 s in
// WebAssembly, about 1 % clean error).
func BenchmarkTrainPlain(b *testing.B) {
	benchTrain(b, "plain", DefaultConfig(), TrainConfig{}, evalEpsilons)
}

// BenchmarkTrainPGD times the tuned PGD training at ε = 0.2 (target: ≤ 45 s
// in WebAssembly, at most 20 % error under PGD at ε = 0.2).
func BenchmarkTrainPGD(b *testing.B) {
	benchTrain(b, "PGD-trained", DefaultConfig(), PGDTraining(0.2), evalEpsilons)
}

// BenchmarkTrainFGSMMix times Goodfellow et al.'s mix at ε = 0.2.
func BenchmarkTrainFGSMMix(b *testing.B) {
	benchTrain(b, "FGSM-mix-trained", DefaultConfig(), fgsmMix, evalEpsilons)
}

// fgsmMix is FGSMTraining at ε = 0.2 for as many epochs as the plain
// default, each twice the work.
var fgsmMix = FGSMTraining(0.2)

// costTable lists the settings of the package doc's cost table, each a
// variation of the defaults.
var costTable = []struct {
	name string
	c    Config
	tc   TrainConfig
}{
	{"plain/default", DefaultConfig(), TrainConfig{}},
	{"plain/epochs=4", DefaultConfig(), TrainConfig{Epochs: 4}},
	{"plain/units=128", Config{Hidden: []int{128}}, TrainConfig{}},
	{"plain/tanh", Config{Hidden: []int{DefaultUnits}, Activation: Tanh}, TrainConfig{}},
	{"plain/64-32", Config{Hidden: []int{DefaultUnits, 32}}, TrainConfig{}},
	{"pgd/default", DefaultConfig(), PGDTraining(0.2)},
	{"pgd/epochs=5", DefaultConfig(), withEpochs(PGDTraining(0.2), 5)},
	{"pgd/epochs=20", DefaultConfig(), withEpochs(PGDTraining(0.2), 20)},
	{"pgd/steps=1", DefaultConfig(), withSteps(PGDTraining(0.2), 1)},
	{"pgd/steps=2", DefaultConfig(), withSteps(PGDTraining(0.2), 2)},
	{"pgd/steps=7", DefaultConfig(), withSteps(PGDTraining(0.2), 7)},
	{"pgd/units=32", Config{Hidden: []int{32}}, PGDTraining(0.2)},
	{"pgd/units=128", Config{Hidden: []int{128}}, PGDTraining(0.2)},
	{"pgd/batch=64,lr=0.002", DefaultConfig(), withBatch(PGDTraining(0.2), 64, 0.002)},
	{"pgd/tanh", Config{Hidden: []int{DefaultUnits}, Activation: Tanh}, PGDTraining(0.2)},
	{"pgd/64-32", Config{Hidden: []int{DefaultUnits, 32}}, PGDTraining(0.2)},
	{"pgd/64-32,steps=2", Config{Hidden: []int{DefaultUnits, 32}}, withSteps(PGDTraining(0.2), 2)},
}

func withSteps(tc TrainConfig, k int) TrainConfig  { tc.Adversary.Steps = k; return tc }
func withEpochs(tc TrainConfig, e int) TrainConfig { tc.Epochs = e; return tc }
func withBatch(tc TrainConfig, size int, lr float64) TrainConfig {
	tc.BatchSize, tc.LearningRate = size, lr
	return tc
}

// BenchmarkCostTable times each setting of costTable and logs its errors
// at ε = 0.2: -bench=CostTable/pgd runs the PGD rows.
func BenchmarkCostTable(b *testing.B) {
	for _, row := range costTable {
		b.Run(row.name, func(b *testing.B) {
			benchTrain(b, row.name, row.c, row.tc, []float64{0.2})
		})
	}
}

// BenchmarkStrongAttacks checks that the PGD-trained network's figures do
// not flatter it: it attacks the network harder than the figures do.
func BenchmarkStrongAttacks(b *testing.B) {
	for _, row := range strongTable {
		b.Run(row.name, func(b *testing.B) { benchStrong(b, row.c, row.tc) })
	}
}

// strongTable lists the PGD-trained networks that BenchmarkStrongAttacks
// attacks.
var strongTable = []struct {
	name string
	c    Config
	tc   TrainConfig
}{
	{"default", DefaultConfig(), PGDTraining(0.2)},
	{"tanh", Config{Hidden: []int{DefaultUnits}, Activation: Tanh}, PGDTraining(0.2)},
	{"64-32", Config{Hidden: []int{DefaultUnits, 32}}, PGDTraining(0.2)},
	{"steps=2", DefaultConfig(), withSteps(PGDTraining(0.2), 2)},
	{"64-32,steps=2", Config{Hidden: []int{DefaultUnits, 32}}, withSteps(PGDTraining(0.2), 2)},
}

// benchStrong trains the default PGD recipe at ε = 0.2 (untimed) and logs,
// as figures, its error at ε = 0.2 under PGD with 100 steps and 5 random
// restarts (a digit counts as broken when any restart breaks it), under
// PGD with 100 steps of 0.01 (Madry et al.'s MNIST evaluation, scaled to
// ε = 0.2), and under PGD at ε = 0.3 to 0.5, where the error must climb
// towards 100 % if the gradients are informative (a network that masked
// its gradients would keep a low error there too). Run it natively: the
// bits are the browser's.
func benchStrong(b *testing.B, c Config, tc TrainConfig) {
	train, test := mnistPair(b, 3, 7)
	n, _ := New(train.Dim, c, 1)
	tr, err := NewTrainer(n, train, tc)
	if err != nil {
		b.Fatal(err)
	}
	tr.Step(math.MaxInt)
	b.Logf("figure: PGD-trained (%v, %s): clean error %.2f %%", c, describe(tc), 100*n.ErrorRate(test))
	for b.Loop() {
		broken := make([]bool, test.Len())
		for seed := uint64(1); seed <= 5; seed++ {
			adv, _, err := Attack{Method: PGD, Epsilon: 0.2, Steps: 100, Seed: seed}.Perturb(n, test)
			if err != nil {
				b.Fatal(err)
			}
			z := make([]float64, test.Len())
			n.Logits(adv.X, z)
			count := 0
			for i, v := range z {
				if (v > 0) != (test.Labels[i] == 1) {
					broken[i] = true
				}
				if broken[i] {
					count++
				}
			}
			b.Logf("figure: PGD-trained: error %.2f %% under PGD ε=0.2 (100 steps) with %d random restarts", 100*float64(count)/float64(test.Len()), seed)
		}
		for _, a := range []Attack{
			{Method: PGD, Epsilon: 0.2, Steps: 100, StepSize: 0.01, Seed: 6},
			{Method: PGD, Epsilon: 0.3, Seed: 1},
			{Method: PGD, Epsilon: 0.4, Seed: 1},
			{Method: PGD, Epsilon: 0.5, Seed: 1},
		} {
			r, err := a.ErrorRate(n, test)
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("figure: PGD-trained: error %.2f %% under %v", 100*r, a)
		}
	}
}

// BenchmarkEpochTable times one epoch of each setting of costTable: with
// -count, a median less at the mercy of a busy machine than one whole
// training; a training costs its epochs times this.
func BenchmarkEpochTable(b *testing.B) {
	for _, row := range costTable {
		b.Run(row.name, func(b *testing.B) { benchEpoch(b, row.c, row.tc) })
	}
}

// benchEpoch times one epoch of training with c and tc.
func benchEpoch(b *testing.B, c Config, tc TrainConfig) {
	train, _ := mnistPair(b, 3, 7)
	n, _ := New(train.Dim, c, 1)
	tc.Epochs = MaxEpochs
	tr, err := NewTrainer(n, train, tc)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		tr.Step(tr.BatchesPerEpoch())
	}
}

func BenchmarkEpochPlain(b *testing.B) { benchEpoch(b, DefaultConfig(), TrainConfig{}) }
func BenchmarkEpochPGD(b *testing.B)   { benchEpoch(b, DefaultConfig(), PGDTraining(0.2)) }

// benchNet returns the default network after one plain epoch, and the
// preset's test digits: what the page evaluates on its main thread.
func benchNet(b *testing.B) (*Network, []float64, []float64) {
	train, test := mnistPair(b, 3, 7)
	n, _ := New(train.Dim, DefaultConfig(), 1)
	tr, _ := NewTrainer(n, train, TrainConfig{Epochs: 1})
	tr.Step(math.MaxInt)
	return n, test.X, test.Row(0)
}

// BenchmarkLogitDigit times the logit of one digit.
func BenchmarkLogitDigit(b *testing.B) {
	n, _, x := benchNet(b)
	for b.Loop() {
		n.Logit(x)
	}
}

// BenchmarkInputGradDigit times the input gradient of one digit.
func BenchmarkInputGradDigit(b *testing.B) {
	n, _, x := benchNet(b)
	g := make([]float64, len(x))
	for b.Loop() {
		n.InputGrad(x, 1, g)
	}
}

// benchAttack times an attack's error rate on the 2,038 test digits.
func benchAttack(b *testing.B, a Attack) {
	n, _, _ := benchNet(b)
	_, test := mnistPair(b, 3, 7)
	for b.Loop() {
		if _, err := a.ErrorRate(n, test); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFGSMTestSet(b *testing.B) { benchAttack(b, Attack{Method: FGSM, Epsilon: 0.2}) }
func BenchmarkPGDTestSet(b *testing.B)  { benchAttack(b, Attack{Method: PGD, Epsilon: 0.2, Seed: 1}) }

// BenchmarkPerturbDigit times the default PGD on one digit, with its
// perturbation, as the page shows it.
func BenchmarkPerturbDigit(b *testing.B) {
	n, all, _ := benchNet(b)
	_, test := mnistPair(b, 3, 7)
	one := test
	one.X, one.Labels = all[:n.Dim()], test.Labels[:1]
	for b.Loop() {
		if _, _, err := (Attack{Method: PGD, Epsilon: 0.2, Seed: 1}).Perturb(n, one); err != nil {
			b.Fatal(err)
		}
	}
}

// benchKernel times nt or tn on a first layer's shape: a chunk of 64 digits
// through 64 units (forward), their deltas back to the pixels (input
// gradient), or the weights' gradient over the chunk.
func benchKernel(b *testing.B, which string) {
	const m, units, d = 64, DefaultUnits, 784
	x, w := randomMatrix(m, d, 1), randomMatrix(units, d, 2)
	bias, dl := randomMatrix(1, units, 3), randomMatrix(m, units, 4)
	out, wT, g := make([]float64, m*d), make([]float64, d*units), make([]float64, units*d)
	transpose(wT, w, units, d)
	for b.Loop() {
		switch which {
		case "forward":
			nt(out[:m*units], x, w, bias, m, units, d)
		case "inputgrad":
			nt(out, dl, wT, nil, m, d, units)
		case "weightgrad":
			tn(g, dl, x, m, units, d)
		}
	}
	b.ReportMetric(float64(m*units*d)*float64(b.N)/b.Elapsed().Seconds()/1e9, "Gmuladd/s")
}

func BenchmarkKernelForward(b *testing.B)    { benchKernel(b, "forward") }
func BenchmarkKernelInputGrad(b *testing.B)  { benchKernel(b, "inputgrad") }
func BenchmarkKernelWeightGrad(b *testing.B) { benchKernel(b, "weightgrad") }
