package view

import (
	"fmt"
	"image/color"
	"strings"
)

// Accent is the colour of the page's links, focus rings and sliders: the
// boundary's purple, lightened on a dark background for its contrast.
var Accent = map[string]color.NRGBA{
	"light": Purple,
	"dark":  {0xb3, 0x8c, 0xe8, 0xff},
}

// PaletteCSS returns the pages' colours as CSS custom properties, made
// from Themes, so that the page and the canvas cannot drift apart: --bg,
// --fg, --muted, --line, --panel, --red, --blue and --accent, for :root
// (the light theme) and each [data-theme].
func PaletteCSS() string {
	var b strings.Builder
	b.WriteString("/* advplay's palette, made by scripts/palette from the canvas's themes (wasm/view). Do not edit. */\n")
	for _, sel := range []struct{ selector, theme string }{{":root", "light"}, {`[data-theme="dark"]`, "dark"}} {
		t := Themes[sel.theme]
		fmt.Fprintf(&b, "%s {\n", sel.selector)
		for _, v := range []struct {
			name string
			c    color.NRGBA
		}{{"bg", t.Background}, {"fg", t.Text}, {"muted", t.Muted}, {"line", t.Grid}, {"panel", t.Panel},
			{"red", t.Marks[0]}, {"blue", t.Marks[1]}, {"accent", Accent[sel.theme]}} {
			fmt.Fprintf(&b, "  --%s: %s;\n", v.name, cssColor(v.c))
		}
		if sel.theme == "dark" {
			b.WriteString("  color-scheme: dark;\n")
		}
		b.WriteString("}\n")
	}
	b.WriteString("[data-theme=\"transparent\"] { --bg: transparent; }\n")
	return b.String()
}

// cssColor writes c as #rrggbb, or rgba() when it is translucent.
func cssColor(c color.NRGBA) string {
	if c.A == 0xff {
		return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
	}
	return fmt.Sprintf("rgba(%d, %d, %d, %.3f)", c.R, c.G, c.B, float64(c.A)/255)
}
