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
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"

	"advplay/wasm/eventloop"
	_ "advplay/wasm/initpause" // a turn for the browser in the middle of the packages' initialization
)

func main() {
	// Starting is long work for the browser's main thread: Go's package
	// initialization, the first scene's fit, then Ebiten's graphics and
	// the first frames (which package paint spreads over several). Each
	// step gets a task of its own, so that the page paints and answers
	// input in between: the event loop runs before the next begins. (A
	// sleep would not do: when other goroutines run past its end, the
	// program goes on without returning to the browser.)
	mark("advplay:main")
	boot("started")
	y := eventloop.New()
	y.Yield()
	g, err := newGame(y.Yield)
	if err != nil {
		log.Fatal(err)
	}
	mark("advplay:game")
	y.Yield()
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

// boot calls the page's boot object's function name, if it has one (see
// site/loader.js): "started" once Ebiten's canvas exists, for the page to
// place it.
func boot(name string) {
	b := js.Global().Get("advplayBoot")
	if b.Type() == js.TypeObject && b.Get(name).Type() == js.TypeFunction {
		b.Call(name)
	}
}

// mark sets a performance mark, so that the browser's timeline and the
// start-up test can tell what each long task of the start was.
func mark(name string) {
	if p := js.Global().Get("performance"); p.Truthy() && p.Get("mark").Truthy() {
		p.Call("mark", name)
	}
}
