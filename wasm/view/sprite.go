package view

// SpriteLevel returns which of a sprite's levels to draw at size pixels
// across: level k is the sprite halved k times from top pixels, and of
// levels levels the smallest that is at least size across is chosen, or
// level 0 when even that is smaller. Drawn from it with linear filtering,
// the sprite is as smooth as with mipmaps.
func SpriteLevel(top, levels int, size float64) int {
	for k := levels - 1; k > 0; k-- {
		if float64(top>>k) >= size {
			return k
		}
	}
	return 0
}
