//go:build js && wasm

// Command bare is the floor advplay's costs are compared with: an Ebiten
// game that fills the window as advplay does, draws three frames and then
// leaves the screen as it is. With "frames" in the page's query it fills
// the screen again in every frame, a new shade each time, so that every
// frame is shown: the least any picture costs.
package main

import (
	"image/color"
	"log"
	"math"
	"strings"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
)

type game struct {
	frames int
	// everyFrame draws every frame rather than three.
	everyFrame bool
}

func (g *game) Update() error { return nil }

func (g *game) Draw(screen *ebiten.Image) {
	if g.frames >= 3 && !g.everyFrame {
		return
	}
	g.frames++
	screen.Fill(color.NRGBA{0xfb, 0xfb, 0xfa - uint8(g.frames%2), 0xff})
}

func (g *game) Layout(int, int) (int, int) { panic("bare: Layout is not used") }

func (g *game) LayoutF(w, h float64) (float64, float64) {
	s := ebiten.Monitor().DeviceScaleFactor()
	return math.Ceil(w * s), math.Ceil(h * s)
}

func main() {
	ebiten.SetScreenClearedEveryFrame(false)
	query := js.Global().Get("location").Get("search").String()
	if err := ebiten.RunGame(&game{everyFrame: strings.Contains(query, "frames")}); err != nil {
		log.Fatal(err)
	}
}
