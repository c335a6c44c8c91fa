//go:build js && wasm

package main

import (
	"syscall/js"

	"advplay/wasm/view"
)

// currentTheme reads the theme the loader chose from <html data-theme>.
func currentTheme() view.Theme {
	name := js.Global().Get("document").Get("documentElement").Get("dataset").Get("theme")
	if name.Type() == js.TypeString {
		return view.ThemeNamed(name.String())
	}
	return view.ThemeNamed("light")
}
