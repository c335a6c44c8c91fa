package portable

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestNormalIsNormFloat64 draws from two generators with the same seed,
// one through Normal and one through NormFloat64, and demands the same
// bits every time and the generators in the same state at the end: Normal
// is NormFloat64's ziggurat, and its Log returns math.Log's bits on the
// uniforms the tail draws, while Exp enters only a float32 comparison.
// Two million draws visit the tail (about 1 draw in 1,750) and the wedges
// (about 1 in 100) thousands of times.
func TestNormalIsNormFloat64(t *testing.T) {
	t.Parallel()
	for _, seed := range []uint64{1, 2, 3} {
		a := rand.New(rand.NewPCG(seed, 0x61647670_6c6179))
		b := rand.New(rand.NewPCG(seed, 0x61647670_6c6179))
		tail := 0
		for i := range 2000000 {
			got, want := Normal(a), b.NormFloat64()
			if math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("seed %d, draw %d: Normal = %v, NormFloat64 = %v", seed, i, got, want)
			}
			if math.Abs(got) > zigguratR {
				tail++
			}
		}
		if a.Uint64() != b.Uint64() {
			t.Errorf("seed %d: the generators drifted apart", seed)
		}
		// The tail beyond r = 3.4426 holds 2Φ(−r) ≈ 5.76e-4 of the mass:
		// about 1,150 of two million draws, give or take 34.
		if tail < 1000 || tail > 1300 {
			t.Errorf("seed %d: %d draws beyond ±%v, want about 1150", seed, tail, zigguratR)
		}
	}
}
