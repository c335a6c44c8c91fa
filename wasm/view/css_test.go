package view

import (
	"strings"
	"testing"
)

func TestPaletteCSS(t *testing.T) {
	css := PaletteCSS()
	for _, want := range []string{
		":root {\n  --bg: #fbfbfa;\n  --fg: #222222;",
		"--red: #d62728;", "--blue: #1f77b4;", "--accent: #803dbf;",
		"--panel: rgba(255, 255, 255, 0.957);",
		"[data-theme=\"dark\"] {\n  --bg: #16181d;",
		"color-scheme: dark;",
		"[data-theme=\"transparent\"] { --bg: transparent; }",
	} {
		if !strings.Contains(css, want) {
			t.Errorf("PaletteCSS lacks %q:\n%s", want, css)
		}
	}
	// The accent draws focus rings and links: 3:1 against each theme's
	// background at least (WCAG 2.2, 1.4.11), and 4.5:1 for link text on
	// the light one.
	for theme, c := range Accent {
		if r := ContrastRatio(c, Themes[theme].Background); r < 3 || theme == "light" && r < 4.5 {
			t.Errorf("%s accent %v on its background: contrast %.2f", theme, c, r)
		}
	}
}
