package poster

import (
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
)

// goRegular is the canvas's font, parsed once.
var goRegular = sync.OnceValue(func() *opentype.Font {
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		panic("poster: font: " + err.Error())
	}
	return f
})

// faces are the canvas's text faces at a device scale (paint's
// resources.fonts): 13 CSS pixels for the readout, 11 for the labels, and
// the readout's line height, 1.3 lines.
type faces struct {
	face, small font.Face
	lineHeight  float64
}

func newFaces(scale float64) faces {
	mk := func(size float64) font.Face {
		f, err := opentype.NewFace(goRegular(), &opentype.FaceOptions{Size: size * scale, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			panic("poster: font face: " + err.Error())
		}
		return f
	}
	return faces{face: mk(13), small: mk(11), lineHeight: 13 * scale * 1.3}
}

// measure returns the advance of s in face, in pixels.
func measure(face font.Face, s string) float64 { return float64(font.MeasureString(face, s)) / 64 }
