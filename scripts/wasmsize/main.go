// Command wasmsize reports what each Go package contributes to a
// WebAssembly binary: the bytes of its functions' code, read from the
// code section and attributed through the name section. Build without
// -ldflags=-s, which strips the names:
//
//	GOOS=js GOARCH=wasm go build -o /tmp/main.wasm ./wasm
//	go run ./scripts/wasmsize /tmp/main.wasm
//
// Data (string tables, type information) is reported as one line, since
// it has no names.
package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: wasmsize FILE.wasm")
		os.Exit(2)
	}
	b, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
	sizes, data, err := analyze(b)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
	report(sizes, data, len(b))
}

// analyze returns the code bytes per package and the data section's size.
func analyze(b []byte) (map[string]int, int, error) {
	if len(b) < 8 || !bytes.Equal(b[:4], []byte("\x00asm")) {
		return nil, 0, errors.New("not a WebAssembly module")
	}
	r := &reader{b: b, pos: 8}
	var imported int
	var bodies []int
	names := map[int]string{}
	data := 0
	for r.pos < len(b) {
		id := r.byte()
		size := int(r.uleb())
		end := r.pos + size
		if r.err != nil || end > len(b) {
			return nil, 0, errors.New("truncated section")
		}
		switch id {
		case 2: // imports
			imported += r.importedFuncs()
		case 10: // code
			bodies = append(bodies, r.codeSizes()...)
		case 11: // data
			data = size
		case 0: // custom, such as the name section
			if r.name() == "name" {
				r.funcNames(end, names)
			}
		}
		r.pos = end
	}
	if r.err != nil {
		return nil, 0, r.err
	}
	if len(names) == 0 {
		return nil, 0, errors.New("no name section: build without -ldflags=-s")
	}
	sizes := map[string]int{}
	for i, sz := range bodies {
		sizes[pkgOf(names[imported+i])] += sz
	}
	return sizes, data, nil
}

// pkgOf returns the package of a symbol as the wasm name section spells
// it: "/" becomes "_" and "(*T)" becomes "__T_", so
// gonum.org/v1/gonum/mat.(*Dense).Mul appears as
// gonum.org_v1_gonum_mat.__Dense_.Mul. The package ends at the first dot,
// or at the first dot after the domain when the path starts with one
// (a short lowercase top-level domain followed by "_").
func pkgOf(sym string) string {
	if sym == "" {
		return "(unnamed)"
	}
	dot := strings.Index(sym, ".")
	if dot < 0 {
		return sym
	}
	if tld, _, ok := strings.Cut(sym[dot+1:], "_"); ok && isTLD(tld) {
		if next := strings.Index(sym[dot+1+len(tld):], "."); next >= 0 {
			dot += 1 + len(tld) + next
		}
	}
	return strings.ReplaceAll(sym[:dot], "_", "/")
}

func isTLD(s string) bool {
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	for _, c := range s {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func report(sizes map[string]int, data, total int) {
	type row struct {
		pkg  string
		size int
	}
	var rows []row
	groups := map[string]int{}
	for p, s := range sizes {
		rows = append(rows, row{p, s})
		groups[group(p)] += s
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].size > rows[j].size })
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)

	fmt.Fprintf(w, "total\t%s\t\n", kb(total))
	fmt.Fprintf(w, "data section\t%s\t\n\n", kb(data))
	var gs []row
	for g, s := range groups {
		gs = append(gs, row{g, s})
	}
	sort.Slice(gs, func(i, j int) bool { return gs[i].size > gs[j].size })
	fmt.Fprintln(w, "code by module\t\t")
	for _, g := range gs {
		fmt.Fprintf(w, "%s\t%s\t\n", g.pkg, kb(g.size))
	}
	fmt.Fprintln(w, "\ncode by package (top 40)\t\t")
	for i, r := range rows {
		if i == 40 {
			break
		}
		fmt.Fprintf(w, "%s\t%s\t\n", r.pkg, kb(r.size))
	}
	w.Flush()
}

// group folds a package path into the module or area it belongs to.
func group(p string) string {
	for _, prefix := range []string{"gonum.org/v1/gonum", "github.com/hajimehoshi/ebiten/v2", "github.com/go-text/typesetting", "golang.org/x/image", "golang.org/x/text", "advplay"} {
		if strings.HasPrefix(p, prefix) {
			return prefix
		}
	}
	if !strings.Contains(p, ".") || strings.HasPrefix(p, "go:") || strings.HasPrefix(p, "type:") {
		return "standard library and runtime"
	}
	return p
}

func kb(n int) string { return fmt.Sprintf("%.0f KB", float64(n)/1024) }

// importedFuncs reads the import section and returns how many functions
// it imports: they come first in the function index space.
func (r *reader) importedFuncs() int {
	imported := 0
	for n := r.uleb(); n > 0 && r.err == nil; n-- {
		r.name()
		r.name()
		switch kind := r.byte(); kind {
		case 0:
			r.uleb()
			imported++
		case 1:
			r.byte()
			r.limits()
		case 2:
			r.limits()
		case 3:
			r.byte()
			r.byte()
		}
	}
	return imported
}

// codeSizes reads the code section and returns the size of each function
// body, in order.
func (r *reader) codeSizes() []int {
	var bodies []int
	for n := r.uleb(); n > 0 && r.err == nil; n-- {
		sz := int(r.uleb())
		bodies = append(bodies, sz)
		r.pos += sz
	}
	return bodies
}

// funcNames reads the name section's subsections up to end and adds the
// function names to names, by function index.
func (r *reader) funcNames(end int, names map[int]string) {
	for r.pos < end && r.err == nil {
		sub := r.byte()
		subEnd := int(r.uleb()) + r.pos
		if sub == 1 {
			for n := r.uleb(); n > 0 && r.err == nil; n-- {
				idx := int(r.uleb())
				names[idx] = r.name()
			}
		}
		r.pos = subEnd
	}
}

// reader reads a WebAssembly module; the first error stops it and stays
// in err.
type reader struct {
	b   []byte
	pos int
	err error
}

func (r *reader) byte() byte {
	if r.pos >= len(r.b) {
		r.err = errors.New("truncated")
		return 0
	}
	r.pos++
	return r.b[r.pos-1]
}

func (r *reader) uleb() uint64 {
	if r.pos >= len(r.b) {
		r.err = errors.New("truncated")
		return 0
	}
	v, n := binary.Uvarint(r.b[r.pos:])
	if n <= 0 {
		r.err = errors.New("bad number")
		return 0
	}
	r.pos += n
	return v
}

func (r *reader) name() string {
	n := int(r.uleb())
	if r.err != nil || r.pos+n > len(r.b) {
		r.err = errors.New("truncated name")
		return ""
	}
	s := string(r.b[r.pos : r.pos+n])
	r.pos += n
	return s
}

func (r *reader) limits() {
	if r.byte()&1 == 1 {
		r.uleb()
	}
	r.uleb()
}
