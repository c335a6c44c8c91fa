package theory

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestNormalCDF checks Φ against gonum's standard normal, bit for bit,
// from deep in either tail to the centre.
func TestNormalCDF(t *testing.T) {
	t.Parallel()
	for x := -40.0; x <= 40; x += 0.0625 {
		for _, v := range []float64{x, x + 1e-9, math.Nextafter(x, 1)} {
			if got, want := normalCDF(v), distuv.UnitNormal.CDF(v); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("Φ(%v) = %v, distuv %v", v, got, want)
			}
		}
	}
}
