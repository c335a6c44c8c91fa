// Command posters renders the posters the site shows before the
// playground's WebAssembly module arrives: a picture of each figure's own
// scene at the figure's size, theme and controls (package wasm/poster),
// for the default scene and for every scene the site's pages embed, with a
// manifest of them.
//
//	go run ./scripts/posters -o dist/posters -site site
//
// It makes play.html's own posters at each size of -play (1280×800 and
// 390×844, a desktop window and a phone, by default): the default scene
// (no fragment) and each preset's scene as a fresh page shows it after
// choosing the preset, whose fragment is the one the page's Share button
// gives. It finds the figures in the site's .html files: each <iframe>
// whose src is play.html, its fragment (after #) the scene, its query's
// controls and theme, and its width and height attributes, or the sizes
// its data-poster-sizes attribute lists ("646x688 348x558") for an iframe
// whose CSS sizes it; and each <adv-play> element with its scene,
// controls, theme, width and height attributes. A figure without a size
// is 1280×800 CSS pixels.
//
// With -names FILE (repeatable), it writes the list of the posters' names
// (without ".png") into FILE in place of the placeholder
// "/*posters*/[…]", so that the page's script (site/poster.js,
// site/embed/adv-play.js) asks only for a poster that exists. A poster
// over -max-bytes (60,000) fails the run: it would delay the page it is
// meant to speed up.
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
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"

	"advplay/engine/digitfit"
	"advplay/engine/mnist"
	"advplay/engine/mnist/mnistsrc"
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
	// Colors is the number of colours in the poster's palette: fewer than
	// the picture had when they were merged to keep it within -max-bytes.
	Colors int `json:"colors"`
	// Pages are the figures showing the poster, as "index.html:34".
	Pages []string `json:"pages"`
}

// Manifest is manifest.json.
type Manifest struct {
	Posters []Entry `json:"posters"`
}

const usage = `usage: go run ./scripts/posters -o DIR [-site SITEDIR] [-play SIZES] [-names FILE]...

Renders a poster (a PNG of the scene, as the page will draw it) for
play.html's default scene and presets at its own sizes and for every scene
the site's pages embed, into DIR, with DIR/manifest.json listing them, and
writes their names into the -names files' placeholders.

flags:
`

// finish checks the posters' sizes against maxBytes and writes the
// manifest into out and the posters' names into the files names; it
// returns what went wrong.
func finish(m Manifest, out string, maxBytes int, names []string) []error {
	var errs []error
	for _, e := range m.Posters {
		if e.Bytes > maxBytes {
			errs = append(errs, fmt.Errorf("%s is %d bytes, over -max-bytes %d", e.Name, e.Bytes, maxBytes))
		}
	}
	if err := writeManifest(filepath.Join(out, "manifest.json"), m); err != nil {
		errs = append(errs, err)
	}
	for _, file := range names {
		if err := writeNames(file, m); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("posters", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("o", "", "write the posters and manifest.json into this `directory`")
	site := fs.String("site", "site", "the site's `directory`, whose .html files are scanned for figures")
	play := fs.String("play", "1280x800,390x844", "play.html's own `sizes` in CSS pixels, comma-separated, for the default scene and the presets")
	maxBytes := fs.Int("max-bytes", 60000, "fail if a poster is larger than this many `bytes`")
	var names listFlag
	fs.Var(&names, "names", "write the posters' names into this `file`'s /*posters*/[] placeholder (repeatable)")
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
	sizes, err := parseSizes(*play)
	if err != nil {
		fmt.Fprintln(stderr, "posters: -play:", err)
		return 2
	}
	own, err := playFigures(sizes)
	if err != nil {
		fmt.Fprintln(stderr, "posters:", err)
		return 1
	}
	figures, warnings, err := scanSite(os.DirFS(*site))
	if err != nil {
		fmt.Fprintln(stderr, "posters: -site:", err)
		return 1
	}
	for _, w := range warnings {
		fmt.Fprintln(stderr, "posters: warning:", w)
	}
	m, errs := render(append(own, figures...), *out, *maxBytes, stderr)
	errs = append(errs, finish(m, *out, *maxBytes, names)...)
	for _, err := range errs {
		fmt.Fprintln(stderr, "posters:", err)
	}
	report(stdout, m, *out)
	if len(errs) > 0 {
		return 1
	}
	return 0
}

// listFlag is a flag that may be given more than once.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// placeholder is what writeNames replaces in a script: a JavaScript array
// after the comment that marks it.
var placeholder = regexp.MustCompile(`/\*posters\*/\[[^\]]*\]`)

// writeNames writes the posters' names (without ".png"), sorted, into
// file in place of its one placeholder "/*posters*/[…]". It returns an
// error if file cannot be read or written, or has no placeholder or more
// than one.
func writeNames(file string, m Manifest) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if n := len(placeholder.FindAllIndex(b, -1)); n != 1 {
		return fmt.Errorf("%s has %d placeholders /*posters*/[], want 1", file, n)
	}
	names := make([]string, len(m.Posters))
	for i, e := range m.Posters {
		names[i] = strings.TrimSuffix(e.Name, ".png")
	}
	list, err := json.Marshal(names)
	if err != nil {
		return err
	}
	out := placeholder.ReplaceAllLiteral(b, append([]byte("/*posters*/"), list...))
	return os.WriteFile(file, out, 0o644)
}

// render renders a poster for each distinct name among the figures into
// dir, each in at most maxBytes if it can, and returns the manifest,
// sorted by name, and the figures it could not render. The first figure
// of a name makes its poster; the others share it, with a warning if they
// set other controls or another ε. The posters are rendered side by side,
// one for each CPU.
func render(figures []figure, dir string, maxBytes int, warn io.Writer) (Manifest, []error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Manifest{}, []error{err}
	}
	var makers []figure
	sharers := map[string][]figure{}
	for _, f := range figures {
		name := Name(f.Fragment, f.Width, f.Height, f.Theme)
		if _, ok := sharers[name]; !ok {
			makers = append(makers, f)
		}
		sharers[name] = append(sharers[name], f)
	}
	entries := make([]Entry, len(makers))
	errs := make([]error, len(makers))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.NumCPU() {
		wg.Go(func() {
			for i := range next {
				f := makers[i]
				entries[i], errs[i] = renderOne(f, Name(f.Fragment, f.Width, f.Height, f.Theme), dir, maxBytes)
				if errs[i] != nil {
					errs[i] = fmt.Errorf("%s: %w", f.Source, errs[i])
				}
			}
		})
	}
	for i := range makers {
		next <- i
	}
	close(next)
	wg.Wait()
	var m Manifest
	for i, e := range entries {
		if errs[i] != nil {
			continue
		}
		for _, f := range sharers[e.Name][1:] {
			if f.Controls != "" && f.Controls != e.Controls {
				fmt.Fprintf(warn, "posters: warning: %s has controls=%s, but shares the poster %s made with %s for %s\n",
					f.Source, f.Controls, e.Name, e.Controls, e.Pages[0])
			}
			if !sameEpsilon(f.Epsilon, e.Epsilon) {
				fmt.Fprintf(warn, "posters: warning: %s sets another ε than %s, whose poster %s it shares\n", f.Source, e.Pages[0], e.Name)
			}
			e.Pages = append(e.Pages, f.Source)
		}
		m.Posters = append(m.Posters, e)
	}
	slices.SortFunc(m.Posters, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
	return m, slices.DeleteFunc(errs, func(err error) bool { return err == nil })
}

// The posters of the digits train their models as the page's worker does.
func init() { scene.DigitTrainers = digitfit.All() }

// digitsMu keeps one figure at a time stocking the digits' shelf.
var digitsMu sync.Mutex

// stockDigits puts the digits of the files names (such as "3-train.bin")
// on package mnist's shelf, from MNIST's Go module (mnistsrc.Stock).
func stockDigits(names []string) error {
	digitsMu.Lock()
	defer digitsMu.Unlock()
	var digits []int
	for _, n := range names {
		digits = append(digits, int(n[0]-'0'))
	}
	return mnistsrc.Stock(digits...)
}

// renderOne renders one figure's poster into dir, in at most maxBytes if
// it can (see encodeWithin).
func renderOne(f figure, name, dir string, maxBytes int) (Entry, error) {
	var s *scene.Scene
	var err error
	if f.Fragment == "" {
		s, err = scene.New(scene.DefaultSettings())
	} else {
		s, err = share.Decode(f.Fragment)
		if missing, ok := mnist.IsMissing(err); ok {
			// A figure of the MNIST digits: read them from MNIST's
			// module, the source of the files the page fetches.
			if err = stockDigits(missing.Names); err == nil {
				s, err = share.Decode(f.Fragment)
			}
		}
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
	b, colours, err := encodeWithin(img, maxBytes)
	if err != nil {
		return Entry{}, err
	}
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		return Entry{}, err
	}
	return Entry{Name: name, Fragment: f.Fragment, Width: f.Width, Height: f.Height, Theme: f.Theme,
		Controls: controls, Epsilon: f.Epsilon, Bytes: len(b), Colors: colours, Pages: []string{f.Source}}, nil
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
	fmt.Fprintln(tw, "poster\tsize\ttheme\tcontrols\tbytes\tcolours\tpages")
	total := 0
	for _, e := range m.Posters {
		fmt.Fprintf(tw, "%s\t%d×%d\t%s\t%s\t%d\t%d\t%s\n", e.Name, e.Width, e.Height, e.Theme, e.Controls, e.Bytes, e.Colors, strings.Join(e.Pages, ", "))
		total += e.Bytes
	}
	tw.Flush()
	fmt.Fprintf(w, "%d posters, %d bytes, in %s\n", len(m.Posters), total, dir)
}
