package dimsweep

import "testing"

// benchSweep times a whole sweep, as the page runs it in slices.
func benchSweep(b *testing.B, c Config) {
	for b.Loop() {
		if _, err := Run(c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSweep10Dims2000 is the default sweep: ten dimensions, 2×1000
// training and 2×1000 test points in each.
func BenchmarkSweep10Dims2000(b *testing.B) { benchSweep(b, Config{Epsilon: 0.1, Seed: 1}) }
