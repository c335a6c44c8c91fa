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

// BenchmarkFitLinear20000FGSM times the converged FGSM-trained logistic
// regression on the article's 2×10,000 points, as the page fits it.
func BenchmarkFitLinear20000FGSM(b *testing.B) {
	points := data.GaussianClouds(data.ArticlePerClass, data.CloudSigma, 1)
	for b.Loop() {
		if _, err := FitLinear(points, DefaultConfig(FGSM, 0.3)); err != nil {
			b.Fatal(err)
		}
	}
}
