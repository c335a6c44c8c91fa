//go:build js && wasm

// Command wasm is advplay's browser module: an Ebiten game that draws the
// scene, and the window.advplay JavaScript API that the page's controls,
// embedding pages and tests drive it through. It is glue: the scene is
// engine/scene's, the plot's interaction package plot's, the summary it
// pushes package push's, the drawing package paint's, the trainings
// package training's.
package main

import (
	"log"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

func main() {
	// Starting is long work for the browser's main thread: Go's package
	// initialization, the first scene's fit, then Ebiten's graphics. A
	// sleep between them ends the task, so that the page can paint and
	// answer input in between. The page's loader places Ebiten's canvas
	// during the first (see site/loader.js).
	yield()
	g, err := newGame()
	if err != nil {
		log.Fatal(err)
	}
	yield()
	ebiten.SetRunnableOnUnfocused(true)
	// Draw fills the whole screen itself.
	ebiten.SetScreenClearedEveryFrame(false)
	// One Update per drawn frame: Update is not a fixed-rate simulation.
	ebiten.SetTPS(ebiten.SyncWithFPS)
	ebiten.SetWindowTitle("advplay")
	// Unfocused: the page, not the game, decides where the keyboard focus
	// starts (see package input).
	opts := &ebiten.RunGameOptions{ScreenTransparent: g.theme.Transparent, InitUnfocused: true}
	if err := ebiten.RunGameWithOptions(g, opts); err != nil {
		log.Fatal(err)
	}
}

// yield lets the browser's event loop run: in WebAssembly a sleeping Go
// program returns to it until a timer wakes it.
func yield() { time.Sleep(time.Millisecond) }
