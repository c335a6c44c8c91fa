package main

import (
	"cmp"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"advplay/engine/scene"
	"advplay/engine/scene/share"
	"advplay/wasm/view"
)

// figure is one embedded playground of the site: where it is, the scene
// in its fragment ("" for the default scene), its controls, theme and ε as
// the page sets them, and its size in CSS pixels.
type figure struct {
	// Source is the page and line, as "examples/blog-post.html:52".
	Source   string
	Fragment string
	// Controls is full, minimal or none, or "" when the page leaves it to
	// the scene (play.html without controls=).
	Controls string
	Theme    string
	// Epsilon is an <adv-play>'s epsilon attribute, which the element
	// sets once the figure has loaded; nil to keep the scene's.
	Epsilon *float64
	Width   int
	Height  int
	// Sizes, from an iframe's data-poster-sizes, replace Width and Height:
	// one poster for each (see figures).
	Sizes []size
}

// figures returns the figure once for each of its Sizes, or itself if it
// lists none.
func (f figure) figures() []figure {
	if len(f.Sizes) == 0 {
		return []figure{f}
	}
	out := make([]figure, len(f.Sizes))
	for i, sz := range f.Sizes {
		g := f
		g.Sizes = nil
		g.Width, g.Height = sz.W, sz.H
		out[i] = g
	}
	return out
}

// The size of an iframe of play.html that gives none, and of play.html
// itself; and of an <adv-play> that gives none (site/embed/adv-play.js).
const (
	defaultWidth  = 1280
	defaultHeight = 800
	elementWidth  = 720
	elementHeight = 480
)

// size is a figure's size in CSS pixels.
type size struct{ W, H int }

// parseSizes reads sizes such as "1280x800,390x844", separated by commas
// or spaces; "" is none. It returns an error naming a size that is not
// two positive whole numbers joined by x.
func parseSizes(list string) ([]size, error) {
	var out []size
	for _, f := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' }) {
		w, h, ok := strings.Cut(strings.ToLower(f), "x")
		a, errW := strconv.Atoi(w)
		b, errH := strconv.Atoi(h)
		if !ok || errW != nil || errH != nil || a <= 0 || b <= 0 {
			return nil, fmt.Errorf("%q is not a size such as 1280x800", f)
		}
		out = append(out, size{a, b})
	}
	return out, nil
}

// playFigures returns play.html opened plainly at each size, in the light
// theme with the scene's own controls: with no fragment (the default
// scene), and with the fragment of each preset's scene as a fresh page
// shows it once the preset is chosen (the default settings with that
// preset: what the Share button then gives), but for the MNIST digits. The default preset's
// fragment is the default scene's link, which the page writes into its
// URL once it has settled, so a reload finds its poster too.
func playFigures(sizes []size) ([]figure, error) {
	fragments, whats := []string{""}, []string{"the default scene"}
	for _, p := range scene.Presets() {
		if p == scene.MNIST {
			// Its digits are fetched when it is chosen; the page shows
			// them live, with the progress of their download.
			continue
		}
		s, err := scene.New(scene.DefaultSettings())
		if err == nil {
			err = s.Apply(scene.Patch{"preset": p})
		}
		if err != nil {
			return nil, fmt.Errorf("the preset %s: %w", p, err)
		}
		if f := share.Encode(s); !slices.Contains(fragments, f) {
			fragments, whats = append(fragments, f), append(whats, "preset "+p)
		}
	}
	var out []figure
	for _, sz := range sizes {
		for i, f := range fragments {
			out = append(out, figure{Source: fmt.Sprintf("play.html (%s, %d×%d)", whats[i], sz.W, sz.H), Fragment: f, Theme: "light", Width: sz.W, Height: sz.H})
		}
	}
	return out, nil
}

// scanSite returns the figures of every .html file under the site's
// directory, in the order of the files' paths and then of the page: each
// <iframe> whose src is play.html, with its query's controls and theme and
// its fragment, and each <adv-play> with its scene, controls, theme and
// epsilon attributes; both with their width and height attributes. Markup
// inside comments, <script>, <style> and <textarea> is not a figure, nor a
// tag whose attributes hold template syntax ({{ or {%), nor anything in a
// file that starts with it, a Hugo or Jekyll template such as site/embed's.
// An <adv-play> with a poster attribute shows that picture, and needs
// none. It also returns warnings: figures whose theme or size the page
// would read otherwise than a poster can be made for, which are left out
// or given the default size.
func scanSite(site fs.FS) ([]figure, []string, error) {
	var out []figure
	var warnings []string
	err := fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.EqualFold(path.Ext(p), ".html") {
			return err
		}
		b, err := fs.ReadFile(site, p)
		if err != nil {
			return err
		}
		page := string(b)
		if trimmed := strings.TrimSpace(page); strings.HasPrefix(trimmed, "{{") || strings.HasPrefix(trimmed, "{%") {
			return nil
		}
		for _, t := range scanTags(page, "iframe", "adv-play") {
			source := fmt.Sprintf("%s:%d", p, t.line)
			f, ok, problem := t.figure()
			if problem != "" {
				warnings = append(warnings, source+": "+problem)
			}
			if ok {
				f.Source = source
				out = append(out, f.figures()...)
			}
		}
		return nil
	})
	return out, warnings, err
}

// tag is an element's start tag: its name in lower case, its attributes
// (names in lower case, values with character references decoded) and
// the line it starts on.
type tag struct {
	name  string
	attrs map[string]string
	line  int
}

// rawText are the elements whose content is not markup.
var rawText = []string{"script", "style", "textarea"}

// scanTags returns the start tags of the named elements in an HTML page.
// It reads what a browser would take for tags in a well-formed page; it is
// no full HTML parser.
func scanTags(src string, names ...string) []tag {
	var out []tag
	i := 0
	for {
		k := strings.IndexByte(src[i:], '<')
		if k < 0 {
			return out
		}
		i += k
		if strings.HasPrefix(src[i:], "<!--") {
			end := strings.Index(src[i+4:], "-->")
			if end < 0 {
				return out
			}
			i += 4 + end + 3
			continue
		}
		j := i + 1
		for j < len(src) && (isLetter(src[j]) || src[j] == '-' || src[j] >= '0' && src[j] <= '9') {
			j++
		}
		name := strings.ToLower(src[i+1 : j])
		if name == "" {
			i++
			continue
		}
		attrs, end := scanAttrs(src, j)
		if slices.Contains(names, name) {
			out = append(out, tag{name: name, attrs: attrs, line: 1 + strings.Count(src[:i], "\n")})
		}
		i = end
		if slices.Contains(rawText, name) {
			end := strings.Index(strings.ToLower(src[i:]), "</"+name)
			if end < 0 {
				return out
			}
			i += end
		}
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// scanAttrs reads a start tag's attributes from src[i:] up to its '>',
// and returns them with the index just past the tag.
func scanAttrs(src string, i int) (map[string]string, int) {
	attrs := map[string]string{}
	for i < len(src) {
		for i < len(src) && strings.IndexByte(" \t\r\n\f/", src[i]) >= 0 {
			i++
		}
		if i >= len(src) || src[i] == '>' {
			return attrs, min(i+1, len(src))
		}
		j := i
		for j < len(src) && strings.IndexByte(" \t\r\n\f/>=", src[j]) < 0 {
			j++
		}
		name := strings.ToLower(src[i:j])
		i = j
		for i < len(src) && strings.IndexByte(" \t\r\n\f", src[i]) >= 0 {
			i++
		}
		value := ""
		if i < len(src) && src[i] == '=' {
			i++
			for i < len(src) && strings.IndexByte(" \t\r\n\f", src[i]) >= 0 {
				i++
			}
			if i < len(src) && (src[i] == '"' || src[i] == '\'') {
				q := src[i]
				end := strings.IndexByte(src[i+1:], q)
				if end < 0 {
					end = len(src) - i - 1
				}
				value = src[i+1 : i+1+end]
				i += end + 2
			} else {
				j := i
				for j < len(src) && strings.IndexByte(" \t\r\n\f>", src[j]) < 0 {
					j++
				}
				value, i = src[i:j], j
			}
		}
		if name == "" {
			// A stray character such as '=': skip it.
			i++
			continue
		}
		if _, dup := attrs[name]; !dup {
			attrs[name] = html.UnescapeString(value)
		}
	}
	return attrs, i
}

// iframeFigure is figure for an iframe of play.html, with the theme its
// query asks for.
func (t tag) iframeFigure() (f figure, theme string, ok bool, problem string) {
	rest, frag, _ := strings.Cut(t.attrs["src"], "#")
	p, query, _ := strings.Cut(rest, "?")
	if path.Base(p) != "play.html" {
		return f, "", false, ""
	}
	q, _ := url.ParseQuery(query)
	f.Fragment, theme = frag, q.Get("theme")
	// An explicit controls= wins over the scene's own (loader.js).
	if q.Has("controls") {
		f.Controls = choice(q.Get("controls"), scene.ControlsValues, "full")
	}
	f.Width, f.Height = defaultWidth, defaultHeight
	if v, has := t.attrs["data-poster-sizes"]; has {
		sizes, err := parseSizes(v)
		if err != nil || len(sizes) == 0 {
			return f, "", false, fmt.Sprintf("data-poster-sizes=%q: want sizes such as \"646x688 348x558\": no poster", v)
		}
		f.Sizes = sizes
	}
	return f, theme, true, ""
}

// elementFigure is figure for an <adv-play> element without a poster of
// its own, with the theme it asks for.
func (t tag) elementFigure() (f figure, theme string, ok bool, problem string) {
	if _, has := t.attrs["poster"]; has {
		return f, "", false, ""
	}
	// adv-play.js always passes controls= (minimal by default).
	f.Fragment, theme = strings.TrimPrefix(t.attrs["scene"], "#"), t.attrs["theme"]
	f.Controls = choice(cmp.Or(t.attrs["controls"], "minimal"), scene.ControlsValues, "full")
	f.Width, f.Height = elementWidth, elementHeight
	if v, has := t.attrs["epsilon"]; has {
		e, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || !(e >= 0 && e <= scene.MaxEpsilon) {
			problem = fmt.Sprintf("epsilon=%q is not a number from 0 to %v: the poster keeps the scene's ε", v, scene.MaxEpsilon)
		} else {
			f.Epsilon = &e
		}
	}
	return f, theme, true, problem
}

// figure returns the figure a tag embeds, if it embeds one that needs a
// poster, and what is amiss with it, if anything.
func (t tag) figure() (f figure, ok bool, problem string) {
	for _, v := range t.attrs {
		if strings.Contains(v, "{{") || strings.Contains(v, "{%") {
			return f, false, ""
		}
	}
	var theme string
	switch t.name {
	case "iframe":
		f, theme, ok, problem = t.iframeFigure()
	case "adv-play":
		f, theme, ok, problem = t.elementFigure()
	}
	if !ok {
		return f, false, problem
	}
	f.Theme = cmp.Or(theme, "light")
	if _, known := view.Themes[f.Theme]; !known {
		return f, false, fmt.Sprintf("theme=%q is no theme (light, dark or transparent): no poster", theme)
	}
	for _, side := range []struct {
		name string
		v    *int
	}{{"width", &f.Width}, {"height", &f.Height}} {
		v, has := t.attrs[side.name]
		if !has || strings.TrimSpace(v) == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n <= 0 {
			problem = fmt.Sprintf("%s=%q is not a whole number of CSS pixels: the poster takes %d", side.name, v, *side.v)
			continue
		}
		*side.v = n
	}
	return f, true, problem
}

// choice returns v if it is one of allowed, and fallback otherwise, as
// site/page.js's option does with a query parameter.
func choice(v string, allowed []string, fallback string) string {
	if slices.Contains(allowed, v) {
		return v
	}
	return fallback
}

// The controls panel of play.html with controls=full, in CSS pixels, as
// site/style.css places it: "#panel" is 10px from the window's top and
// left, 272px wide, with max-height calc(100vh - 20px), and on a window at
// most 640px wide ("@media (max-width: 640px)") a sheet along the bottom,
// the window's full width and at most 46vh tall. The full controls are
// taller than those heights on the windows of the site's figures, so the
// panel takes its maximum height: a column at least half the window's
// height, which view.Compute takes from the plot's left, or the sheet,
// which it takes from the plot's bottom. With minimal controls the panel
// is a bar at the top whose height depends on its wrapping, and with none
// it is hidden: neither takes a column, and the poster gives the plot the
// whole window.
const (
	panelInset    = 10
	panelWidth    = 272
	phoneWidth    = 640
	sheetFraction = 0.46
)

// panelRect returns the controls panel of a window of w×h CSS pixels with
// the given controls, zero for none.
func panelRect(controls string, w, h int) view.Rect {
	if controls != "full" {
		return view.Rect{}
	}
	if w <= phoneWidth {
		sheet := sheetFraction * float64(h)
		return view.Rect{X: 0, Y: float64(h) - sheet, W: float64(w), H: sheet}
	}
	return view.Rect{X: panelInset, Y: panelInset, W: panelWidth, H: float64(h) - 2*panelInset}
}
