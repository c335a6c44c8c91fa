package scene

import "testing"

// benchApply times a patch on a fresh default scene, Flush included: for
// the glyphs, rendering and drawing 2×1000 images of 784 pixels, the fit
// to convergence in 785 parameters, the attack and the points' places in
// the plane — everything between choosing the preset and the next frame.
func benchApply(b *testing.B, patch string) {
	p := decode(b, patch)
	for b.Loop() {
		if err := newScene(b).Apply(p); err != nil {
			b.Fatal(err)
		}
	}
}

// benchEdit times a point added to the scene of patch, with the refit
// from scratch it calls for.
func benchEdit(b *testing.B, patch string) {
	s := mustApply(b, patch)
	for b.Loop() {
		if _, err := s.AddPoint(0.5, 0.25, 1); err != nil {
			b.Fatal(err)
		}
		s.Flush()
		if err := s.RemovePoint(len(s.View().Points) - 1); err != nil {
			b.Fatal(err)
		}
		s.Flush()
	}
}

func BenchmarkGlyphs784x2000(b *testing.B)  { benchApply(b, `{"preset": "glyphs"}`) }
func BenchmarkClouds784x2000(b *testing.B)  { benchApply(b, `{"dimension": 784, "n": 1000}`) }
func BenchmarkGlyphsEditTwice(b *testing.B) { benchEdit(b, `{"preset": "glyphs"}`) }
