package advtrain

import (
	"testing"

	"advplay/engine/data"
	"advplay/engine/mlp"
)

// benchMLPEpoch times one adversarial Adam epoch of the default MLP on
// 1,000 moons points.
func benchMLPEpoch(b *testing.B, c Config) {
	m, _ := mlp.New(mlp.DefaultConfig(), 1)
	tr, err := NewMLP(m, data.Moons(500, data.MoonsNoise, 1), c, mlp.TrainConfig{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		tr.Step(1)
	}
}

func BenchmarkEpoch1000FGSM(b *testing.B) { benchMLPEpoch(b, DefaultConfig(FGSM, 0.15)) }
func BenchmarkEpoch1000PGD(b *testing.B)  { benchMLPEpoch(b, DefaultConfig(PGD, 0.15)) }

// The converged adversarially trained logistic regression on the article's
// 2×10,000 points at the page's training ε, as the page fits it; and by
// the previous method, gonum's L-BFGS (lbfgsFit), for comparison.
func BenchmarkFitLinear20000FGSM(b *testing.B) { benchFitLinear(b, DefaultConfig(FGSM, 0.3), false) }
func BenchmarkFitLinear20000PGD(b *testing.B)  { benchFitLinear(b, DefaultConfig(PGD, 0.3), false) }
func BenchmarkFitLinear20000FGSMLBFGS(b *testing.B) {
	benchFitLinear(b, DefaultConfig(FGSM, 0.3), true)
}

func benchFitLinear(b *testing.B, c Config, lbfgs bool) {
	points := data.GaussianClouds(data.ArticlePerClass, data.CloudSigma, 1)
	for b.Loop() {
		if lbfgs {
			lbfgsFit(b, points, c)
		} else if _, err := FitLinear(points, c); err != nil {
			b.Fatal(err)
		}
	}
}
