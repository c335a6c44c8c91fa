package view

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// TestDrawnTextHasGlyphs checks that every character in the text the canvas
// draws (the string literals of package paint, the readout and the chart's
// series here) exists
// in Go Regular, the font it draws with: a missing one shows as a box.
func TestDrawnTextHasGlyphs(t *testing.T) {
	f, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	fset := token.NewFileSet()
	for _, name := range []string{filepath.Join("paint", "overlays.go"), filepath.Join("paint", "chart.go"), filepath.Join("view", "chart.go"),
		filepath.Join("readout", "readout.go"), filepath.Join("readout", "table.go"), filepath.Join("readout", "axis.go")} {
		file, err := parser.ParseFile(fset, filepath.Join("..", name), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			for _, r := range s {
				if r < 0x80 {
					continue
				}
				if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
					t.Errorf("%s: %q in %s has no glyph in Go Regular", fset.Position(lit.Pos()), r, lit.Value)
				}
			}
			return true
		})
	}
}
