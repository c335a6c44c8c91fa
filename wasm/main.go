//go:build js && wasm

// Command wasm is advplay's browser module: an Ebiten game that draws the
// scene, and the window.advplay JavaScript API that the page's controls,
// embedding pages and tests drive it through.
package main

import (
	"log"

	"github.com/hajimehoshi/ebiten/v2"
)

func main() {
	g, err := newGame()
	if err != nil {
		log.Fatal(err)
	}
	ebiten.SetRunnableOnUnfocused(true)
	// Draw fills the whole screen itself.
	ebiten.SetScreenClearedEveryFrame(false)
	// One Update per drawn frame: Update is not a fixed-rate simulation,
	// and its training budget is sized for one frame. At the default 60
	// ticks/s a slow frame would run several Updates, each training.
	ebiten.SetTPS(ebiten.SyncWithFPS)
	ebiten.SetWindowTitle("advplay")
	// Unfocused: the page, not the game, decides where the keyboard focus
	// starts (see keyInput).
	opts := &ebiten.RunGameOptions{ScreenTransparent: g.theme.Transparent, InitUnfocused: true}
	if err := ebiten.RunGameWithOptions(g, opts); err != nil {
		log.Fatal(err)
	}
}
