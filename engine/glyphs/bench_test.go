package glyphs

import (
	"testing"

	"advplay/engine/attack"
	"advplay/engine/linear"
)

// benchPreset times what the page does for the preset: render and draw
// the images, fit to convergence and count the errors under FGSM.
func benchPreset(b *testing.B, c Config) {
	for b.Loop() {
		s, err := Generate(c, 1)
		if err != nil {
			b.Fatal(err)
		}
		res, err := linear.Fit(s, linear.FitOptions{})
		if err != nil {
			b.Fatal(err)
		}
		linear.ErrorRate(res.Model, s, 0.1, attack.LInf)
	}
}

func BenchmarkGenerateFitAttack784x2000(b *testing.B) { benchPreset(b, Default) }
