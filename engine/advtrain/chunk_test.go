package advtrain

import (
	"fmt"
	"math"
	"testing"

	"advplay/engine/data"
	"advplay/engine/logreg"
	"advplay/engine/mlp"
)

// chunkEpochs is the length of the runs TestStepChunks compares: long
// enough for chunks of 7 to end at every phase of a 10-epoch cycle, short
// enough to run under js/wasm.
const chunkEpochs = 23

// TestStepChunks checks that every trainer gives the same bits whether its
// epochs come one at a time, 7 at a time or all at once: the page calls
// Step with as many epochs as fit in a frame, so any dependence on the
// split would make a scene's weights depend on the speed of the machine.
// It covers the article's gradient descent (on one goroutine and, above
// 2×2048 points, on two), and the MLP trained by Adam (full batch, and
// mini-batches with weight decay) and by L-BFGS, each plainly and with
// FGSM and PGD adversarial training.
func TestStepChunks(t *testing.T) {
	t.Parallel()
	type run struct {
		step   func(k int)
		params func() []float64
	}
	article := func(points []data.Point) func() run {
		return func() run {
			a, err := logreg.NewArticle(points)
			if err != nil {
				t.Fatal(err)
			}
			a.Epochs = chunkEpochs
			return run{
				step: func(k int) { a.Step(k) },
				params: func() []float64 {
					m := a.Model()
					return m.Params(make([]float64, 3))
				},
			}
		}
	}
	network := func(c Config, tc mlp.TrainConfig) func() run {
		return func() run {
			m, err := mlp.New(mlp.Config{Hidden: []int{8, 8}}, 3)
			if err != nil {
				t.Fatal(err)
			}
			tr, err := NewMLP(m, moonsTrain, c, tc)
			if err != nil {
				t.Fatal(err)
			}
			return run{
				step:   func(k int) { tr.Step(k) },
				params: func() []float64 { return m.Params(make([]float64, m.NumParams())) },
			}
		}
	}
	type trainer struct {
		name string
		make func() run
	}
	small, _ := data.Clouds(50, 6)
	big, _ := data.Clouds(2500, 6)
	trainers := []trainer{
		{"article, 2×50 points", article(small)},
		{"article, 2×2500 points", article(big)},
	}
	for _, o := range []struct {
		name string
		tc   mlp.TrainConfig
	}{
		{"Adam", mlp.TrainConfig{}},
		{"Adam, mini-batches, L2", mlp.TrainConfig{BatchSize: 37, Seed: 9, L2: 1e-3}},
		{"L-BFGS", mlp.TrainConfig{Optimizer: mlp.LBFGS}},
		{"L-BFGS, L2", mlp.TrainConfig{Optimizer: mlp.LBFGS, L2: 1e-2}},
	} {
		for _, c := range []Config{
			DefaultConfig(None, 0),
			DefaultConfig(FGSM, trainingEpsilon),
			{Method: PGD, Epsilon: trainingEpsilon, Steps: 3, Seed: 4},
		} {
			trainers = append(trainers, trainer{fmt.Sprintf("MLP by %s, adversarial training %s", o.name, c.Method), network(c, o.tc)})
		}
	}
	for _, tr := range trainers {
		var want []float64
		for _, chunk := range []int{chunkEpochs, 1, 7} {
			r := tr.make()
			for done := 0; done < chunkEpochs; done += chunk {
				r.step(min(chunk, chunkEpochs-done))
			}
			got := r.params()
			if want == nil {
				want = got
				continue
			}
			for k := range got {
				if math.Float64bits(got[k]) != math.Float64bits(want[k]) {
					t.Errorf("%s: in chunks of %d, parameter %d is %v; in one Step %v", tr.name, chunk, k, got[k], want[k])
					break
				}
			}
		}
	}
}
