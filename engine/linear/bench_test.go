package linear

import (
	"testing"

	"advplay/engine/attack"
	"advplay/engine/data"
)

// benchPipeline times what the page does for one scene: draw 2×perClass
// points of the clouds in d dimensions, fit to convergence and count the
// errors under FGSM with ε = 0.1.
func benchPipeline(b *testing.B, d, perClass int) {
	for b.Loop() {
		s, err := data.CloudsIn(d, perClass, data.CloudSigma, 1)
		if err != nil {
			b.Fatal(err)
		}
		res, err := Fit(s, FitOptions{})
		if err != nil {
			b.Fatal(err)
		}
		ErrorRate(res.Model, s, 0.1, attack.LInf)
	}
}

// benchFit times the fit alone.
func benchFit(b *testing.B, d, perClass int) {
	s, _ := data.CloudsIn(d, perClass, data.CloudSigma, 1)
	for b.Loop() {
		if _, err := Fit(s, FitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGenerateFitAttack784x2000(b *testing.B) { benchPipeline(b, 784, 1000) }
func BenchmarkFit784x2000(b *testing.B)               { benchFit(b, 784, 1000) }
