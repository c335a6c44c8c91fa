// Command posters renders the posters the site shows before the
// playground's WebAssembly module arrives: a picture of each figure's own
// scene at the figure's size, theme and controls (package wasm/poster),
// for the default scene and for every scene the site's pages embed, with a
// manifest of them.
//
//	go run ./scripts/posters -o dist/posters -site site
//
// It finds the figures in the site's .html files: each <iframe> whose src
// is play.html, its fragment (after #) the scene, its query's controls and
// theme, and its width and height attributes; and each <adv-play> element
// with its scene, controls, theme, width and height attributes. A figure
// without a size is 1280×800 CSS pixels, as is play.html itself.
//
// Each poster is named by what makes it, the same way in Go and in the
// page's JavaScript: FNV-1a 32-bit over the UTF-8 bytes of the fragment
// (without "#", "" for the default scene), as 8 lowercase hex digits,
// then -WxH and the theme, as 3f2a9c1b-720x480-light.png. The controls,
// which the name leaves out, follow from the fragment and the page; two
// figures with the same name but other controls share the first one's
// poster, with a warning. manifest.json, beside the posters, lists them
// (name, fragment, size, theme, controls, bytes, and the pages showing
// them).
package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"advplay/engine/scene"
	"advplay/engine/scene/share"
	"advplay/wasm/poster"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Name returns a poster's file name: the FNV-1a 32-bit hash of the
// fragment's UTF-8 bytes in 8 lowercase hex digits, the size and the
// theme, as "3f2a9c1b-720x480-light.png".
func Name(fragment string, width, height int, theme string) string {
	return fmt.Sprintf("%s-%dx%d-%s.png", Hash(fragment), width, height, theme)
}

// Hash returns the FNV-1a 32-bit hash of s's UTF-8 bytes in 8 lowercase
// hex digits.
func Hash(s string) string {
	h := fnv.New32a()
	h.Write([]byte(s))
	return fmt.Sprintf("%08x", h.Sum32())
}

// Entry is one poster in the manifest.
type Entry struct {
	Name     string `json:"name"`
	Fragment string `json:"fragment"`
	Width    int    `json:"width"`
	Height   int    `json:"height"`
	Theme    string `json:"theme"`
	Controls string `json:"controls"`
	// Epsilon is the ε an <adv-play> sets, if it sets one.
	Epsilon *float64 `json:"epsilon,omitempty"`
	Bytes   int      `json:"bytes"`
	// Pages are the figures showing the poster, as "index.html:34".
	Pages []string `json:"pages"`
}

// Manifest is manifest.json.
type Manifest struct {
	Posters []Entry `json:"posters"`
}

const usage = `usage: go run ./scripts/posters -o DIR [-site SITEDIR]

Renders a poster (a PNG of the scene, as the page will draw it) for the
default scene and for every scene the site's pages embed, into DIR, with
DIR/manifest.json listing them.

flags:
`

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("posters", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("o", "", "write the posters and manifest.json into this `directory`")
	site := fs.String("site", "site", "the site's `directory`, whose .html files are scanned for figures")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return 0
		}
		fmt.Fprintln(stderr, "posters:", err)
		return 2
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "posters: unexpected argument %q (every option is a -flag)\n", fs.Arg(0))
		return 2
	case *out == "":
		fmt.Fprintln(stderr, "posters: -o: want the directory to write the posters into")
		return 2
	}
	figures, warnings, err := scanSite(os.DirFS(*site))
	if err != nil {
		fmt.Fprintln(stderr, "posters: -site:", err)
		return 1
	}
	for _, w := range warnings {
		fmt.Fprintln(stderr, "posters: warning:", w)
	}
	m, errs := render(append([]figure{defaultFigure}, figures...), *out, stderr)
	for _, err := range errs {
		fmt.Fprintln(stderr, "posters:", err)
	}
	if err := writeManifest(filepath.Join(*out, "manifest.json"), m); err != nil {
		fmt.Fprintln(stderr, "posters:", err)
		return 1
	}
	report(stdout, m, *out)
	if len(errs) > 0 {
		return 1
	}
	return 0
}

// render renders a poster for each distinct name among the figures into
// dir, and returns the manifest, sorted by name, and the figures it could
// not render.
func render(figures []figure, dir string, warn io.Writer) (Manifest, []error) {
	var errs []error
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Manifest{}, []error{err}
	}
	byName := map[string]int{} // index in m.Posters
	var m Manifest
	for _, f := range figures {
		name := Name(f.Fragment, f.Width, f.Height, f.Theme)
		if k, ok := byName[name]; ok {
			e := &m.Posters[k]
			if f.Controls != "" && f.Controls != e.Controls {
				fmt.Fprintf(warn, "posters: warning: %s has controls=%s, but shares the poster %s made with %s for %s\n",
					f.Source, f.Controls, name, e.Controls, e.Pages[0])
			}
			if !sameEpsilon(f.Epsilon, e.Epsilon) {
				fmt.Fprintf(warn, "posters: warning: %s sets another ε than %s, whose poster %s it shares\n", f.Source, e.Pages[0], name)
			}
			e.Pages = append(e.Pages, f.Source)
			continue
		}
		e, err := renderOne(f, name, dir)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f.Source, err))
			continue
		}
		byName[name] = len(m.Posters)
		m.Posters = append(m.Posters, e)
	}
	slices.SortFunc(m.Posters, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
	return m, errs
}

// renderOne renders one figure's poster into dir.
func renderOne(f figure, name, dir string) (Entry, error) {
	var s *scene.Scene
	var err error
	if f.Fragment == "" {
		s, err = scene.New(scene.DefaultSettings())
	} else {
		s, err = share.Decode(f.Fragment)
	}
	if err != nil {
		return Entry{}, fmt.Errorf("the scene #%s: %w", abbreviate(f.Fragment), err)
	}
	if f.Epsilon != nil {
		if err := s.Apply(scene.Patch{"epsilon": *f.Epsilon}); err != nil {
			return Entry{}, err
		}
	}
	controls := cmp.Or(f.Controls, s.Settings().Show.Controls)
	img, _, err := poster.Render(s, poster.Options{Width: f.Width, Height: f.Height, Theme: f.Theme,
		Panel: panelRect(controls, f.Width, f.Height), Readout: true, Chart: true})
	if err != nil {
		return Entry{}, err
	}
	file, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return Entry{}, err
	}
	cw := &countingWriter{w: file}
	err = poster.Encode(cw, img)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Entry{}, err
	}
	return Entry{Name: name, Fragment: f.Fragment, Width: f.Width, Height: f.Height, Theme: f.Theme,
		Controls: controls, Epsilon: f.Epsilon, Bytes: cw.n, Pages: []string{f.Source}}, nil
}

// sameEpsilon reports whether two figures set the same ε, or none.
func sameEpsilon(a, b *float64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// abbreviate shortens a long fragment for an error message.
func abbreviate(s string) string {
	if r := []rune(s); len(r) > 24 {
		return string(r[:24]) + "…"
	}
	return s
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}

// writeManifest writes the manifest as indented JSON.
func writeManifest(file string, m Manifest) error {
	if m.Posters == nil {
		m.Posters = []Entry{}
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(file, append(b, '\n'), 0o644)
}

// report prints the posters made, with their sizes.
func report(w io.Writer, m Manifest, dir string) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "poster\tsize\ttheme\tcontrols\tbytes\tpages")
	total := 0
	for _, e := range m.Posters {
		fmt.Fprintf(tw, "%s\t%d×%d\t%s\t%s\t%d\t%s\n", e.Name, e.Width, e.Height, e.Theme, e.Controls, e.Bytes, strings.Join(e.Pages, ", "))
		total += e.Bytes
	}
	tw.Flush()
	fmt.Fprintf(w, "%d posters, %d bytes, in %s\n", len(m.Posters), total, dir)
}
