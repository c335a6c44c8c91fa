package mlp

import (
	"testing"

	"advplay/engine/data"
)

// benchTrainer returns a trainer on 1,000 moons points (500 per class), the
// issue's budget case: one epoch of [16, 16] in 2 ms or less under
// WebAssembly.
func benchTrainer(b *testing.B, c Config, tc TrainConfig) *Trainer {
	m, err := New(c, 1)
	if err != nil {
		b.Fatal(err)
	}
	t, err := NewTrainer(m, data.Moons(500, data.MoonsNoise, 1), tc)
	if err != nil {
		b.Fatal(err)
	}
	return t
}

func benchEpoch(b *testing.B, c Config, tc TrainConfig) {
	t := benchTrainer(b, c, tc)
	for b.Loop() {
		t.Step(1)
	}
}

func BenchmarkEpoch1000Tanh16x16(b *testing.B) { benchEpoch(b, DefaultConfig(), TrainConfig{}) }
func BenchmarkEpoch1000ReLU16x16(b *testing.B) {
	benchEpoch(b, Config{Hidden: []int{16, 16}, Activation: ReLU}, TrainConfig{})
}
func BenchmarkEpoch1000Tanh16x16Batch32(b *testing.B) {
	benchEpoch(b, DefaultConfig(), TrainConfig{BatchSize: 32})
}
func BenchmarkEpoch1000Tanh32x32x32(b *testing.B) {
	benchEpoch(b, Config{Hidden: []int{32, 32, 32}}, TrainConfig{})
}

// BenchmarkLBFGSIteration1000 times one L-BFGS major iteration (usually one
// or two full-batch evaluations).
func BenchmarkLBFGSIteration1000Tanh16x16(b *testing.B) {
	t := benchTrainer(b, DefaultConfig(), TrainConfig{Optimizer: LBFGS, L2: 1e-3})
	for b.Loop() {
		if t.Converged() {
			b.StopTimer()
			t = benchTrainer(b, DefaultConfig(), TrainConfig{Optimizer: LBFGS, L2: 1e-3})
			b.StartTimer()
		}
		t.Step(1)
	}
}

// benchGrid shades an n×n grid over [−1.5, 3.5]².
func benchGrid(b *testing.B, c Config, n int) {
	m, err := New(c, 1)
	if err != nil {
		b.Fatal(err)
	}
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = -1.5 + 5*float64(i)/float64(n-1)
	}
	out := make([]float64, n*n)
	for b.Loop() {
		m.LogitGrid(xs, xs, out)
	}
}

func BenchmarkLogitGrid128Tanh16x16(b *testing.B) { benchGrid(b, DefaultConfig(), 128) }
func BenchmarkLogitGrid128ReLU16x16(b *testing.B) {
	benchGrid(b, Config{Hidden: []int{16, 16}, Activation: ReLU}, 128)
}
func BenchmarkLogitGrid256Tanh16x16(b *testing.B) { benchGrid(b, DefaultConfig(), 256) }

func BenchmarkInputGradTanh16x16(b *testing.B) {
	m, _ := New(DefaultConfig(), 1)
	x := [2]float64{0.5, 1.5}
	for b.Loop() {
		g := m.InputGrad(x, 1)
		x[0] += g[0] * 1e-9
	}
}

// BenchmarkLogit128PerPoint shades the same grid as
// BenchmarkLogitGrid128Tanh16x16 one Logit call at a time, for comparison.
func BenchmarkLogit128PerPointTanh16x16(b *testing.B) {
	m, _ := New(DefaultConfig(), 1)
	for b.Loop() {
		for j := range 128 {
			for i := range 128 {
				m.Logit([2]float64{-1.5 + 5*float64(i)/127, -1.5 + 5*float64(j)/127})
			}
		}
	}
}

// BenchmarkInputGrads1000Tanh16x16 times one PGD step's gradients on 1,000
// points, batched.
func BenchmarkInputGrads1000Tanh16x16(b *testing.B) {
	m, _ := New(DefaultConfig(), 1)
	c := data.ToColumns(data.Moons(500, data.MoonsNoise, 1))
	g1, g2 := make([]float64, len(c.X1)), make([]float64, len(c.X1))
	for b.Loop() {
		m.InputGrads(c.X1, c.X2, c.Y, g1, g2)
	}
}
