//go:build js && wasm

package main

import (
	"image/color"
	"syscall/js"
)

// theme is the palette of the canvas; the page's CSS matches it.
type theme struct {
	name        string
	transparent bool
	background  color.NRGBA
	text        color.NRGBA
	muted       color.NRGBA
	grid        color.NRGBA
	panel       color.NRGBA // background of the readout and the chart
	arrow       color.NRGBA
}

var themes = map[string]theme{
	"light": {
		name: "light", background: color.NRGBA{0xfb, 0xfb, 0xfa, 0xff}, text: color.NRGBA{0x22, 0x22, 0x22, 0xff},
		muted: color.NRGBA{0x66, 0x66, 0x66, 0xff}, grid: color.NRGBA{0xe2, 0xe2, 0xe0, 0xff},
		panel: color.NRGBA{0xff, 0xff, 0xff, 0xf4}, arrow: color.NRGBA{0x33, 0x33, 0x33, 0xff},
	},
	"dark": {
		name: "dark", background: color.NRGBA{0x16, 0x18, 0x1d, 0xff}, text: color.NRGBA{0xe6, 0xe6, 0xe6, 0xff},
		muted: color.NRGBA{0x9a, 0x9a, 0x9a, 0xff}, grid: color.NRGBA{0x2c, 0x2f, 0x36, 0xff},
		panel: color.NRGBA{0x1e, 0x21, 0x27, 0xf4}, arrow: color.NRGBA{0xdd, 0xdd, 0xdd, 0xff},
	},
}

// currentTheme reads the theme the loader chose from <html data-theme>.
func currentTheme() theme {
	name := js.Global().Get("document").Get("documentElement").Get("dataset").Get("theme")
	if name.Type() == js.TypeString {
		if name.String() == "transparent" {
			t := themes["light"]
			t.name, t.transparent = "transparent", true
			t.background.A = 0
			return t
		}
		if t, ok := themes[name.String()]; ok {
			return t
		}
	}
	return themes["light"]
}
