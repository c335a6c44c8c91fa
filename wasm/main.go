//go:build js && wasm

// Command wasm is advplay's browser module: an Ebiten game that draws the
// scene, and the window.advplay JavaScript API that the page's controls,
// embedding pages and tests drive it through.
package main

import (
	"log"
	"syscall/js"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

func main() {
	// Ebiten's package initialization made its canvas, last in the body
	// and with tabindex=1. Put it in its place and out of the tab order at
	// once, before the first pause below: until the game is ready the
	// loading screen's Start button is the figure's one tab stop, and a
	// canvas moved while it has the focus would drop it.
	if canvas := js.Global().Get("document").Call("querySelector", "canvas"); canvas.Truthy() {
		canvas.Call("setAttribute", "tabindex", -1)
		placeCanvas(canvas)
	}
	// Starting is long work for the browser's main thread: Go's package
	// initialization, the first scene's fit, then Ebiten's graphics. A
	// sleep between them ends the task, so that the page can paint and
	// answer input in between.
	yield()
	g, err := newGame()
	if err != nil {
		log.Fatal(err)
	}
	yield()
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

// yield lets the browser's event loop run: in WebAssembly a sleeping Go
// program returns to it until a timer wakes it.
func yield() { time.Sleep(time.Millisecond) }
