package view

import "testing"

func TestSpriteLevel(t *testing.T) {
	// Levels of a 64-pixel sprite: 64, 32, 16, 8, 4.
	for _, c := range []struct {
		size float64
		want int
	}{
		{0, 4}, {3, 4}, {4, 4}, {4.1, 3}, {8, 3}, {9.6, 2}, {16, 2}, {17, 1}, {32, 1}, {33, 0}, {64, 0}, {100, 0},
	} {
		if got := SpriteLevel(64, 5, c.size); got != c.want {
			t.Errorf("SpriteLevel(64, 5, %v) = %d, want %d", c.size, got, c.want)
		}
	}
	if got := SpriteLevel(64, 1, 2); got != 0 {
		t.Errorf("with one level, SpriteLevel = %d, want 0", got)
	}
}
