package portable

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// nonPortable lists the functions of package math whose results may differ
// between amd64 and js/wasm: assembly on amd64 (Exp, Log, Hypot), or pure
// Go that calls one of those (the rest).
var nonPortable = map[string]string{
	"Exp": "portable.Exp", "Log": "portable.Log", "Hypot": "portable.Hypot",
	"Tanh": "portable.Tanh", "Pow": "",
	"Log2": "portable.Log", "Log10": "portable.Log", "Sinh": "portable.Exp",
	"Cosh": "portable.Exp", "Asinh": "portable.Log", "Acosh": "portable.Log",
	"Erf": "", "Erfc": "", "Erfinv": "", "Erfcinv": "", "Gamma": "",
	"Lgamma": "", "J0": "", "J1": "", "Jn": "", "Y0": "", "Y1": "", "Yn": "",
}

// closedForms lists, by package folder, the non-portable functions a
// package may still use: package theory's closed forms call math.Erfc for
// Φ, and are drawn beside measured curves and compared with a tolerance;
// nothing is trained on them.
var closedForms = map[string]map[string]bool{"theory": {"Erfc": true}}

// nonPortableMethods lists the methods of math/rand's generators that call
// math.Exp or math.Log.
var nonPortableMethods = map[string]string{
	"NormFloat64": "portable.Normal",
	"ExpFloat64":  "",
}

// TestEngineCallsPortable parses every non-test Go file of the engine
// outside this package and fails on any use of a function listed in
// nonPortable (through whatever name the file imports math as) or of a
// method named in nonPortableMethods: their results differ in the last bit
// between amd64 and js/wasm, and such a bit, trained on for thousands of
// epochs, makes the browser's weights differ from the command line's.
// Tests are not checked: they may call math as an independent reference.
func TestEngineCallsPortable(t *testing.T) {
	t.Parallel()
	engine, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	self, _ := filepath.Abs(".")
	files := 0
	fset := token.NewFileSet()
	err = filepath.WalkDir(engine, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && (path == self || d.Name() == "testdata"):
			return filepath.SkipDir
		case d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go"):
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files++
		allowed := closedForms[filepath.Base(filepath.Dir(path))]
		for _, use := range nonPortableUses(f) {
			if !allowed[use.name] {
				t.Errorf("%s: %s", fset.Position(use.pos), use.msg)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The engine has a dozen packages: finding none means the walk
	// looked in the wrong place.
	if files < 20 {
		t.Fatalf("parsed %d files under %s, want the engine's", files, engine)
	}
}

type use struct {
	pos  token.Pos
	name string // the function or method, without "math."
	msg  string
}

// nonPortableUses returns the uses in f of the names that nonPortable and
// nonPortableMethods list.
func nonPortableUses(f *ast.File) []use {
	mathNames := map[string]bool{}
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == "math" {
			name := "math"
			if imp.Name != nil {
				name = imp.Name.Name
			}
			mathNames[name] = true
		}
	}
	var uses []use
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		name := sel.Sel.Name
		if x, ok := sel.X.(*ast.Ident); ok && mathNames[x.Name] {
			if instead, bad := nonPortable[name]; bad {
				uses = append(uses, use{sel.Pos(), name, advice("math."+name, instead)})
			}
			return true
		}
		if instead, bad := nonPortableMethods[name]; bad {
			uses = append(uses, use{sel.Pos(), name, advice(name, instead)})
		}
		return true
	})
	return uses
}

func advice(name, instead string) string {
	if instead == "" {
		return name + " differs between amd64 and js/wasm; add a portable version to package portable"
	}
	return name + " differs between amd64 and js/wasm; use " + instead
}

// TestNonPortableUses checks the detector on a file that uses math under
// another name, a method value, and the portable functions.
func TestNonPortableUses(t *testing.T) {
	t.Parallel()
	const src = `package p
import (
	m "math"
	"math/rand/v2"
	"advplay/engine/portable"
)
func f(r *rand.Rand) float64 {
	g := r.NormFloat64
	return m.Exp(1) + m.Sqrt(2) + m.Hypot(3, 4) + g() + portable.Exp(1) + portable.Normal(r)
}
`
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range nonPortableUses(f) {
		got = append(got, strings.SplitN(u.msg, " ", 2)[0])
	}
	want := []string{"NormFloat64", "math.Exp", "math.Hypot"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("found %v, want %v", got, want)
	}
}
