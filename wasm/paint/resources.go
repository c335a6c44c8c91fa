//go:build js && wasm

package paint

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text"
	"github.com/hajimehoshi/ebiten/v2/vector"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"

	"advplay/wasm/view"
)

// softLineTexels is the height of the soft line texture.
const softLineTexels = 6

// spriteSize is the side of the point sprites; they are drawn scaled down
// from the nearest of their halvings (see sprite), so a large source keeps
// their edges smooth at every size.
const spriteSize = 64

// resources are images and fonts made once (fonts again when the device
// scale changes).
type resources struct {
	// disc and ring mark red points and their twins, square and frame
	// blue ones: the classes differ by shape as well as colour.
	disc, ring, cross sprite
	square, frame     sprite
	// white is a one-pixel white image inside a larger one, the source for
	// solid triangles (as in Ebiten's vector examples).
	white *ebiten.Image
	// softLine is white across its middle and fades to clear at its top
	// and bottom edges: stretched along a segment with linear filtering it
	// draws a smooth line without Ebiten's anti-aliasing pass, which
	// renders through an extra buffer the size of the screen.
	softLine *ebiten.Image

	fontDPR     float64
	face, small font.Face
	faceHeight  float64
}

var goRegular *opentype.Font

func newResources() *resources {
	r := &resources{}
	c := float32(spriteSize) / 2
	draw := func(f func(img *ebiten.Image)) sprite {
		img := ebiten.NewImage(spriteSize, spriteSize)
		f(img)
		return newSprite(img)
	}
	r.disc = draw(func(img *ebiten.Image) { vector.DrawFilledCircle(img, c, c, c-1, color.White, true) })
	r.ring = draw(func(img *ebiten.Image) { vector.StrokeCircle(img, c, c, c-6, 8, color.White, true) })
	r.square = draw(func(img *ebiten.Image) {
		vector.DrawFilledRect(img, 1, 1, spriteSize-2, spriteSize-2, color.White, true)
	})
	r.frame = draw(func(img *ebiten.Image) {
		vector.StrokeRect(img, 6, 6, spriteSize-12, spriteSize-12, 8, color.White, true)
	})
	r.cross = draw(func(img *ebiten.Image) {
		vector.StrokeLine(img, 10, 10, spriteSize-10, spriteSize-10, 9, color.White, true)
		vector.StrokeLine(img, spriteSize-10, 10, 10, spriteSize-10, 9, color.White, true)
	})
	r.softLine = ebiten.NewImage(4, softLineTexels)
	pix := make([]byte, 4*4*softLineTexels)
	for y := range softLineTexels {
		// Full alpha over the middle, a one-texel ramp at each edge.
		a := byte(255)
		if y == 0 || y == softLineTexels-1 {
			a = 0
		}
		for x := range 4 {
			k := 4 * (y*4 + x)
			pix[k], pix[k+1], pix[k+2], pix[k+3] = a, a, a, a
		}
	}
	r.softLine.WritePixels(pix)
	w := ebiten.NewImage(3, 3)
	w.Fill(color.White)
	r.white = w.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
	return r
}

// mark returns the sprite of a label's points, filled or hollow (for the
// twins), and its half-side for a disc of radius r: a square of the same
// area as the disc, so that neither class looks heavier.
func (r *resources) mark(label int, hollow bool, radius float64) (*ebiten.Image, float64) {
	s, half := r.disc, radius
	switch {
	case label == 1 && hollow:
		s, half = r.frame, radius*math.Sqrt(math.Pi)/2
	case label == 1:
		s, half = r.square, radius*math.Sqrt(math.Pi)/2
	case hollow:
		s = r.ring
	}
	return s.at(2 * half), half
}

// sprite is a mark's image and its halvings down to a few pixels, each
// made from the one before with linear filtering. Drawn from the level
// nearest its size on screen, a mark is as smooth as with mipmaps, and
// Ebiten need not work out a mipmap level from every vertex: for 20,000
// points that costs more than building them.
type sprite []*ebiten.Image

// spriteLevels keeps sprites down to spriteSize/16 = 4 pixels.
const spriteLevels = 5

func newSprite(img *ebiten.Image) sprite {
	s := sprite{img}
	for len(s) < spriteLevels {
		prev := s[len(s)-1]
		half := ebiten.NewImage(prev.Bounds().Dx()/2, prev.Bounds().Dy()/2)
		op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
		op.GeoM.Scale(0.5, 0.5)
		half.DrawImage(prev, op)
		s = append(s, half)
	}
	return s
}

// at returns the level to draw at size pixels across (view.SpriteLevel).
func (s sprite) at(size float64) *ebiten.Image {
	return s[view.SpriteLevel(spriteSize, len(s), size)]
}

// fontsReady reports whether fonts(dpr) has its faces made already.
func (r *resources) fontsReady(dpr float64) bool { return r.face != nil && r.fontDPR == dpr }

// fonts returns the text faces for a device scale, making them on change.
func (r *resources) fonts(dpr float64) (face, small font.Face) {
	if r.face == nil || r.fontDPR != dpr {
		if goRegular == nil {
			f, err := opentype.Parse(goregular.TTF)
			if err != nil {
				panic("advplay: font: " + err.Error())
			}
			goRegular = f
		}
		mk := func(size float64) font.Face {
			f, err := opentype.NewFace(goRegular, &opentype.FaceOptions{Size: size * dpr, DPI: 72, Hinting: font.HintingNone})
			if err != nil {
				panic("advplay: font face: " + err.Error())
			}
			return f
		}
		r.face, r.small, r.fontDPR = mk(13), mk(11), dpr
		r.faceHeight = 13 * dpr * 1.3
	}
	return r.face, r.small
}

// align says where a label's x lies: at the start, the centre or the end
// of its text.
type align int

const (
	alignStart align = iota
	alignCenter
	alignEnd
)

// label draws s in face and colour c, with the top of its line at y and x
// at its start, centre or end.
//
// The canvas draws only short labels in Go Regular, which need no text
// shaping: Ebiten's first text package draws them from the x/image face
// itself. Its successor, text/v2, shapes text with go-text, which adds
// 180 KB to main.wasm.gz (about 810 KB raw), more than all of the
// playground's own code.
func label(dst *ebiten.Image, s string, face font.Face, x, y float64, a align, c color.Color) {
	switch a {
	case alignCenter:
		x -= measure(face, s) / 2
	case alignEnd:
		x -= measure(face, s)
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(x, y+float64(face.Metrics().Ascent)/64)
	op.ColorScale.ScaleWithColor(c)
	text.DrawWithOptions(dst, s, face, op)
}

// measure returns the advance of s in face, in pixels.
func measure(face font.Face, s string) float64 { return float64(font.MeasureString(face, s)) / 64 }
