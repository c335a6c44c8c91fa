//go:build js && wasm

// Command bare is the floor advplay's idle cost is compared with: an
// Ebiten game that fills the window as advplay does, draws three frames
// and then leaves the screen as it is.
package main

import (
	"image/color"
	"log"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

type game struct{ frames int }

func (g *game) Update() error { return nil }

func (g *game) Draw(screen *ebiten.Image) {
	if g.frames >= 3 {
		return
	}
	g.frames++
	screen.Fill(color.NRGBA{0xfb, 0xfb, 0xfa, 0xff})
}

func (g *game) Layout(int, int) (int, int) { panic("bare: Layout is not used") }

func (g *game) LayoutF(w, h float64) (float64, float64) {
	s := ebiten.Monitor().DeviceScaleFactor()
	return math.Ceil(w * s), math.Ceil(h * s)
}

func main() {
	ebiten.SetScreenClearedEveryFrame(false)
	if err := ebiten.RunGame(&game{}); err != nil {
		log.Fatal(err)
	}
}
