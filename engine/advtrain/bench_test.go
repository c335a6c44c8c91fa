package advtrain

import (
	"testing"

	"advplay/engine/data"
	"advplay/engine/mlp"
	"advplay/engine/model"
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

// BenchmarkLinearEpoch1000FGSM times one FGSM-training epoch of logistic
// regression on 1,000 points of the article's clouds.
func BenchmarkLinearEpoch1000FGSM(b *testing.B) {
	var m model.Linear
	tr, err := NewModel(&m, data.GaussianClouds(500, data.CloudSigma, 1), DefaultConfig(FGSM, 0.2), Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		tr.Step(1)
	}
}

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
