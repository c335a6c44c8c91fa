package main

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"advplay/engine/scene"
	"advplay/engine/scene/share"
	"advplay/wasm/view"
)

// TestHash pins FNV-1a 32-bit hashes, so that the page's JavaScript can be
// checked against the same values: "", "a" and "foobar" are the FNV
// reference's test vectors (Fowler, Noll and Vo, draft-eastlake-fnv), the
// rest were computed here and in Node with the report's function, which
// agreed; the non-ASCII strings check that both hash UTF-8 bytes, two,
// three and four of them a character.
func TestHash(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "811c9dc5"},
		{"a", "e40c292c"},
		{"foobar", "bf9cf968"},
		{"é", "1e9de8c1"},
		{"ε=0.3", "76f0c9a2"},
		{"日本語", "805f5ce7"},
		{"🙂", "57a37a4b"},
		{"s1.Yk8sKslMzkllnODHAAYP7BmggCUtvTiXC87LycxLY-RMzs8rSy1KT01hZGRgZMnLz0tlYE5MSWHLyU8vSk1nEhBgKUnMy2BJTEnM_cIMlp81EwROgowFBAAA__8", "6f670262"},
	} {
		if got := Hash(c.in); got != c.want {
			t.Errorf("Hash(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	if got, want := Name("", 720, 480, "dark"), "811c9dc5-720x480-dark.png"; got != want {
		t.Errorf("Name = %s, want %s", got, want)
	}
}

// testSite is a site with a figure of every kind, and markup that only
// looks like one.
var testSite = fstest.MapFS{
	"index.html": {Data: []byte(`<!doctype html>
<p>A page.</p>
<iframe id="playground" class="playground" src="play.html" title="the playground"></iframe>
<!-- <iframe src="play.html#s1.commented"></iframe> -->
<IFRAME SRC='play.html?controls=minimal&amp;theme=dark' WIDTH=640 height="400"></IFRAME>
<iframe src="other.html#s1.notus" width="300" height="200"></iframe>
<script>document.body.innerHTML = '<iframe src="play.html#s1.script"></iframe>';</script>
<pre><code>&lt;iframe src="play.html#s1.escaped"&gt;</code></pre>
`)},
	"examples/post.html": {Data: []byte(`<html>
<adv-play scene="s1.ABC" theme="transparent" width="360" height="300" epsilon="0.2"></adv-play>
<adv-play></adv-play>
<adv-play scene="s1.own" poster="own.png"></adv-play>
<adv-play scene="s1.bad" theme="sepia"></adv-play>
<iframe src="../play.html?controls=full&theme=light#s1.XYZ" width="100%" height="300"></iframe>
</html>`)},
	"embed/template.html": {Data: []byte(`{{- /* It writes an <adv-play> element. */ -}}
<adv-play scene="{{ . }}"></adv-play>`)},
	"page.css": {Data: []byte(`/* <iframe src="play.html#s1.css"> */`)},
}

func TestScanSite(t *testing.T) {
	got, warnings, err := scanSite(testSite)
	if err != nil {
		t.Fatal(err)
	}
	eps := 0.2
	want := []figure{
		{Source: "examples/post.html:2", Fragment: "s1.ABC", Controls: "minimal", Theme: "transparent", Epsilon: &eps, Width: 360, Height: 300},
		{Source: "examples/post.html:3", Controls: "minimal", Theme: "light", Width: elementWidth, Height: elementHeight},
		// width="100%": the default, with a warning.
		{Source: "examples/post.html:6", Fragment: "s1.XYZ", Controls: "full", Theme: "light", Width: defaultWidth, Height: 300},
		{Source: "index.html:3", Theme: "light", Width: defaultWidth, Height: defaultHeight},
		{Source: "index.html:5", Controls: "minimal", Theme: "dark", Width: 640, Height: 400},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("scanSite found\n%+v\nwant\n%+v", got, want)
	}
	wantWarnings := []string{`examples/post.html:5: theme="sepia"`, `examples/post.html:6: width="100%"`}
	if len(warnings) != len(wantWarnings) {
		t.Fatalf("warnings %q, want %d", warnings, len(wantWarnings))
	}
	for i, w := range wantWarnings {
		if !strings.HasPrefix(warnings[i], w) {
			t.Errorf("warning %q, want one starting %q", warnings[i], w)
		}
	}
}

// TestScanRealSite checks that the site's own pages scan without error,
// and that every figure found has a theme and a size a poster can have.
func TestScanRealSite(t *testing.T) {
	figures, _, err := scanSite(os.DirFS("../../site"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range figures {
		if _, ok := view.Themes[f.Theme]; !ok || f.Width <= 0 || f.Height <= 0 {
			t.Errorf("%s: theme %q, %d×%d", f.Source, f.Theme, f.Width, f.Height)
		}
	}
}

// TestPanelRect checks the panel a poster leaves room for, against
// site/style.css: with full controls, 10 pixels from the top left, 272
// wide, as tall as the window less 20, or on a window at most 640 wide a
// sheet of 46 % of its height along the bottom; none otherwise.
func TestPanelRect(t *testing.T) {
	for _, c := range []struct {
		controls string
		w, h     int
		want     view.Rect
	}{
		{"full", 1280, 800, view.Rect{X: 10, Y: 10, W: 272, H: 780}},
		{"full", 641, 480, view.Rect{X: 10, Y: 10, W: 272, H: 460}},
		{"full", 640, 500, view.Rect{X: 0, Y: 270, W: 640, H: 230}},
		{"minimal", 1280, 800, view.Rect{}},
		{"none", 720, 480, view.Rect{}},
	} {
		if got := panelRect(c.controls, c.w, c.h); got != c.want {
			t.Errorf("panelRect(%s, %d, %d) = %+v, want %+v", c.controls, c.w, c.h, got, c.want)
		}
	}
	// A full panel takes a column on a wide window, and a band at the
	// bottom of a narrow one (view.Compute).
	if l := view.Compute(1280, 800, 1, panelRect("full", 1280, 800)); l.Plot.X != panelInset+panelWidth {
		t.Errorf("the full panel leaves the plot at x = %v, want %v", l.Plot.X, panelInset+panelWidth)
	}
	if l := view.Compute(640, 500, 1, panelRect("full", 640, 500)); l.Plot.H != 270 {
		t.Errorf("the sheet leaves the plot %v high, want 270", l.Plot.H)
	}
}

// TestStyleSheet checks that site/style.css still places the panel where
// panelRect says.
func TestStyleSheet(t *testing.T) {
	b, err := os.ReadFile("../../site/style.css")
	if err != nil {
		t.Fatal(err)
	}
	css := string(b)
	rule := func(selector string) string {
		i := strings.Index(css, selector+" {")
		if i < 0 {
			t.Fatalf("site/style.css has no rule %s", selector)
		}
		end := strings.Index(css[i:], "}")
		return css[i : i+end]
	}
	panel := rule("\n#panel")
	for _, decl := range []string{"top: 10px;", "left: 10px;", "width: 272px;", "max-height: calc(100vh - 20px);"} {
		if !strings.Contains(panel, decl) {
			t.Errorf("site/style.css's #panel lacks %q: update panelRect", decl)
		}
	}
	sheet := regexp.MustCompile(`@media \(max-width: 640px\) \{\s*\[data-controls="full"\] #panel \{[^}]*bottom: 0;[^}]*width: 100%;[^}]*max-height: 46vh;`)
	if !sheet.MatchString(css) {
		t.Errorf("site/style.css's sheet for windows up to 640px is not as panelRect has it")
	}
}

// TestRun renders the posters of a small site and checks the files and
// the manifest.
func TestRun(t *testing.T) {
	site := t.TempDir()
	s, err := scene.New(scene.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(scene.Patch{"preset": "xor", "n": 30.0, "epsilon": 0.1}); err != nil {
		t.Fatal(err)
	}
	frag := share.Encode(s)
	page := `<iframe src="play.html?controls=none#` + frag + `" width="360" height="240"></iframe>
<adv-play scene="` + frag + `" controls="none" width="360" height="240" theme="dark"></adv-play>
<iframe src="play.html?controls=none#` + frag + `" width="360" height="240"></iframe>
<iframe src="play.html#s1.broken" width="200" height="100"></iframe>`
	if err := os.WriteFile(filepath.Join(site, "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "posters")
	var stdout, stderr bytes.Buffer
	code := run([]string{"-o", dir, "-site", site, "-play", "1280x800"}, &stdout, &stderr)
	// The broken scene fails the run, and the others are made anyway.
	if code != 1 || !strings.Contains(stderr.String(), "index.html:4") {
		t.Errorf("exit %d, stderr %q; want 1 and the broken figure named", code, stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		fragment, theme string
		w, h            int
		pages           int
	}{
		// The default scene, the light figure twice, the dark one; in
		// the order of their names. The presets come beside them.
		{"", "light", 1280, 800, 1},
		{frag, "light", 360, 240, 2},
		{frag, "dark", 360, 240, 1},
	}
	own, err := playFigures([]size{{1280, 800}})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Posters) != len(own)+len(want)-1 {
		t.Fatalf("manifest lists %d posters, want %d:\n%s", len(m.Posters), len(own)+len(want)-1, b)
	}
	for _, w := range want {
		name := Name(w.fragment, w.w, w.h, w.theme)
		var e *Entry
		for i := range m.Posters {
			if m.Posters[i].Name == name {
				e = &m.Posters[i]
			}
		}
		if e == nil {
			t.Errorf("no poster %s in the manifest", name)
			continue
		}
		if e.Fragment != w.fragment || e.Width != w.w || e.Height != w.h || e.Theme != w.theme || len(e.Pages) != w.pages {
			t.Errorf("%s: %+v", name, *e)
		}
		f, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if len(f) != e.Bytes {
			t.Errorf("%s: %d bytes, the manifest says %d", name, len(f), e.Bytes)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(f))
		if err != nil || cfg.Width != w.w || cfg.Height != w.h {
			t.Errorf("%s: %v, %d×%d", name, err, cfg.Width, cfg.Height)
		}
	}
	for i := 1; i < len(m.Posters); i++ {
		if m.Posters[i-1].Name >= m.Posters[i].Name {
			t.Errorf("manifest not sorted by name: %s before %s", m.Posters[i-1].Name, m.Posters[i].Name)
		}
	}
}

func TestFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{}, 2, "-o: want the directory"},
		{[]string{"-o", t.TempDir(), "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"-nope"}, 2, "-nope"},
		{[]string{"-o", t.TempDir(), "-site", filepath.Join(t.TempDir(), "missing")}, 1, "-site"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(c.args, &stdout, &stderr); code != c.code || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, stderr.String(), c.code, c.want)
		}
	}
}
