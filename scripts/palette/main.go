// Command palette writes the pages' colours as CSS custom properties,
// made from the canvas's themes (view.PaletteCSS), so that the two cannot
// drift apart. The build writes dist/palette.css with it.
//
//	go run ./scripts/palette -o dist/palette.css
package main

import (
	"flag"
	"fmt"
	"os"

	"advplay/wasm/view"
)

func main() {
	out := flag.String("o", "", "file to write (default: standard output)")
	flag.Parse()
	if *out == "" {
		fmt.Print(view.PaletteCSS())
		return
	}
	if err := os.WriteFile(*out, []byte(view.PaletteCSS()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "palette:", err)
		os.Exit(1)
	}
}
