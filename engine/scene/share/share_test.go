package share

import (
	"advplay/engine/data"
	"advplay/engine/digitfit"
	"advplay/engine/mnist/mnistsrc"
	"advplay/engine/scene"
	"advplay/engine/scene/scenetest"
	"bytes"
	"compress/flate"
	"encoding/base64"
	"io"
	"slices"
	"strings"
	"testing"
)

// repack returns the hash with its decompressed record changed by f.
func repack(t testing.TB, hash string, f func([]byte) []byte) string {
	t.Helper()
	packed, err := base64.RawURLEncoding.DecodeString(hash[len(prefix1):])
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(flate.NewReader(bytes.NewReader(packed)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw, _ := flate.NewWriter(&buf, flate.BestCompression)
	zw.Write(f(raw))
	zw.Close()
	return prefix1 + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// Decode(Encode(s)) restores the same points, settings and figures.
func TestEncodeDecodeRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		preset string
		added  int
	}{
		{"small", 0}, {"small", 25}, {"empty", 0}, {"empty", 500}, {"moons", 10}, {"article", 3},
	} {
		s := scenetest.Edited(t, tc.preset, tc.added)
		hash := Encode(s)
		d, err := Decode("#" + hash)
		if err != nil {
			t.Fatalf("%s+%d: Decode: %v", tc.preset, tc.added, err)
		}
		if got, want := scenetest.Figures(t, d), scenetest.Figures(t, s); got != want {
			t.Errorf("%s+%d: decoded state differs from the original", tc.preset, tc.added)
		}
		if Encode(d) != hash {
			t.Errorf("%s+%d: re-encoding changed the hash", tc.preset, tc.added)
		}
	}
}

// A scene with 500 added points fits in 8 KB of URL, the budget that the
// browser test TestShareURLSize (scripts/browsertest) holds the page's
// whole link to. Random points are the hard case for compression.
func TestEncode500PointsFitsURLBudget(t *testing.T) {
	s := scenetest.Edited(t, "empty", 500)
	if n := len(Encode(s)); n > 8192 {
		t.Errorf("500 added points encode to %d characters, budget 8192", n)
	} else {
		t.Logf("500 random added points: %d characters", n)
	}
}

// A link to the article's 20,000 points with a few edits stays short,
// since the preset's points are regenerated from the seed.
func TestEncodeArticleStaysShort(t *testing.T) {
	if n := len(Encode(scenetest.Edited(t, "article", 3))); n > 300 {
		t.Errorf("article scene with 7 edits encodes to %d characters, want ≤ 300", n)
	}
}

// Every malformed hash is refused with a message, never a panic.
func TestDecodeRejects(t *testing.T) {
	good := Encode(scenetest.Edited(t, "small", 5))
	packed, _ := base64.RawURLEncoding.DecodeString(good[len(prefix1):])
	for name, h := range map[string]string{
		"empty":          "",
		"no prefix":      "hello",
		"other version":  "s9." + good[len(prefix1):],
		"bad base64":     prefix1 + "!!!",
		"truncated":      good[:len(good)-7],
		"flipped byte":   prefix1 + base64.RawURLEncoding.EncodeToString(append(packed[:10:10], append([]byte{packed[10] ^ 0xff}, packed[11:]...)...)),
		"not deflate":    prefix1 + base64.RawURLEncoding.EncodeToString([]byte("plain text, not compressed")),
		"huge":           prefix1 + strings.Repeat("A", MaxLength),
		"trailing bytes": repack(t, good, func(b []byte) []byte { return append(b, 0) }),
		"cut record":     repack(t, good, func(b []byte) []byte { return b[:len(b)-3] }),
	} {
		if s, err := Decode(h); err == nil {
			t.Errorf("%s: Decode accepted it (%d points)", name, len(s.View().Points))
		} else if !strings.Contains(err.Error(), "link") && !strings.Contains(err.Error(), "scene") {
			t.Errorf("%s: error %q does not say what was ignored", name, err)
		}
	}
}

// FuzzDecode: no input panics, and whatever decodes re-encodes to a hash
// that decodes to the same state.
func FuzzDecode(f *testing.F) {
	for _, preset := range []string{"small", "empty", "moons"} {
		f.Add(Encode(scenetest.Edited(f, preset, 4)))
	}
	for _, patch := range []string{`{"dimension": 5}`, `{"preset": "glyphs", "n": 10}`, `{"chart": {"mode": "dimension"}}`} {
		f.Add(Encode(scenetest.EditedHigh(f, patch)))
	}
	f.Add("")
	f.Add(prefix1)
	f.Add(prefix1 + "AAAA")
	f.Fuzz(func(t *testing.T, h string) {
		s, err := Decode(h)
		if err != nil {
			return
		}
		again, err := Decode(Encode(s))
		if err != nil {
			t.Fatalf("re-encoded scene does not decode: %v", err)
		}
		if scenetest.Figures(t, again) != scenetest.Figures(t, s) {
			t.Fatal("re-encoded scene differs")
		}
	})
}

// TestHighShare: links above two dimensions and with the dimension chart
// decode to the same scene and encode again to the same link; a preset's
// points are not in the link unless edited, so an unedited scene's link
// stays as short as one in the plane.
func TestHighShare(t *testing.T) {
	imported := func(t testing.TB) *scene.Scene {
		s := scenetest.New(t)
		// Four points in five dimensions, as from a CSV file.
		if err := s.SetSamples(data.Samples{Dim: 5, X: []float64{0, 0, 0, 0, 0.5, 1, 1, 1, 1, 1, 0.25, -1, 2, 0, 0, 1.5, 0.5, 0.5, 1, 2}, Labels: []uint8{0, 1, 0, 1}}); err != nil {
			t.Fatal(err)
		}
		return s
	}
	cases := []struct {
		name   string
		scene  func(testing.TB) *scene.Scene
		prefix string
		max    int // characters
	}{
		{"d8", func(t testing.TB) *scene.Scene { return scenetest.Apply(t, `{"dimension": 8, "seed": 5}`) }, prefix2, 200},
		{"article d1024", func(t testing.TB) *scene.Scene {
			return scenetest.Apply(t, `{"preset": "article", "n": 1000, "dimension": 1024, "epsilon": 0.05}`)
		}, prefix2, 200},
		{"glyphs", func(t testing.TB) *scene.Scene {
			return scenetest.Apply(t, `{"preset": "glyphs", "glyphs": "38", "n": 50}`)
		}, prefix2, 200},
		{"chart in the plane", func(t testing.TB) *scene.Scene { return scenetest.Apply(t, `{"chart": {"mode": "dimension"}}`) }, prefix2, 200},
		// Each edited point costs its d coordinates (share.go).
		{"d8 edited", func(t testing.TB) *scene.Scene { return scenetest.EditedHigh(t, `{"dimension": 8}`) }, prefix2, 600},
		{"glyphs edited", func(t testing.TB) *scene.Scene { return scenetest.EditedHigh(t, `{"preset": "glyphs", "n": 30}`) }, prefix2, 12000},
		{"imported d5", imported, prefix2, 300},
		{"imported, emptied", func(t testing.TB) *scene.Scene {
			s := imported(t)
			for range 4 {
				if err := s.RemovePoint(0); err != nil {
					t.Fatal(err)
				}
			}
			return s
		}, prefix2, 200},
		{"back in the plane", func(t testing.TB) *scene.Scene {
			s := scenetest.Apply(t, `{"preset": "glyphs", "n": 10}`)
			if err := s.Apply(scenetest.Patch(t, `{"preset": "small"}`)); err != nil {
				t.Fatal(err)
			}
			return s
		}, prefix1, 200},
	}
	for _, c := range cases {
		s := c.scene(t)
		link := Encode(s)
		t.Logf("%s: %d characters", c.name, len(link))
		if !strings.HasPrefix(link, c.prefix) || len(link) > c.max {
			t.Errorf("%s: link %.20s… of %d characters, want %s… of at most %d", c.name, link, len(link), c.prefix, c.max)
		}
		d, err := Decode("#" + link)
		if err != nil {
			t.Fatalf("%s: Decode: %v", c.name, err)
		}
		if d.Settings() != s.Settings() || !slices.Equal(d.Samples().X, s.Samples().X) {
			t.Errorf("%s: decoded settings %+v, want %+v (or the points differ)", c.name, d.Settings(), s.Settings())
		}
		if scenetest.Figures(t, d) != scenetest.Figures(t, s) {
			t.Errorf("%s: the decoded scene's state differs", c.name)
		}
		if again := Encode(d); again != link {
			t.Errorf("%s: re-encoding changed the link", c.name)
		}
	}
}

// TestHighShareRejects: links that set the dimension of a preset without
// one, or an imported dimension out of range, are refused.
func TestHighShareRejects(t *testing.T) {
	good := Encode(scenetest.EditedHigh(t, `{"dimension": 8}`))
	for name, h := range map[string]string{
		"moons in 8 dimensions": repackPrefix(t, Encode(scenetest.Apply(t, `{"preset": "moons", "chart": {"mode": "dimension"}}`)), func(b []byte) []byte {
			// The dimension follows the model; the moons' 2 becomes 8 at
			// the byte before the empty glyph pair and the chart mode.
			i := len(b) - 1 - 3 - len(scene.ChartDimension) - 1 - 1
			if b[i] != 2 {
				t.Fatalf("byte %d is %d, not the dimension 2", i, b[i])
			}
			b[i] = 8
			return b
		}),
		"truncated":      good[:len(good)-8],
		"trailing bytes": repackPrefix(t, good, func(b []byte) []byte { return append(b, 0) }),
	} {
		if s, err := Decode(h); err == nil {
			t.Errorf("%s: Decode accepted it (%d points)", name, len(s.View().Points))
		} else if !strings.Contains(err.Error(), "link") {
			t.Errorf("%s: error %q does not say it is the link's", name, err)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}

// repackPrefix is repack for a link of either prefix.
func repackPrefix(t testing.TB, hash string, f func([]byte) []byte) string {
	t.Helper()
	return hash[:len(prefix1)] + repack(t, hash, f)[len(prefix1):]
}

// The tests train the digits here, as the worker does.
func init() {
	scene.DigitTrainers = digitfit.All()
}

// TestDigitsLink carries a scene of the MNIST preset, the network trained
// on PGD points, in an s3 link: its settings alone (the points are MNIST's
// test digits), which decode to the same scene with the same figures, bit
// for bit.
func TestDigitsLink(t *testing.T) {
	if err := mnistsrc.Stock(3, 7); err != nil {
		t.Skipf("MNIST is not available (go mod download %s): %v", mnistsrc.Module, err)
	}
	s, err := scene.New(scene.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	p := scene.Patch{"preset": scene.MNIST, "digits": "73", "n": 150.0, "epsilon": 0.1,
		"model": map[string]any{"kind": "mlp", "hidden": []any{6.0}}, "training": map[string]any{"epochs": 1.0},
		"defense": map[string]any{"method": "pgd", "epsilon": 0.1}}
	if err := s.Apply(p); err != nil {
		t.Fatal(err)
	}
	for s.Running() {
		s.Tick(100)
	}
	link := Encode(s)
	t.Logf("%d characters: %s", len(link), link)
	if !strings.HasPrefix(link, "s3.") || len(link) > 200 {
		t.Errorf("the link %q is not a short s3 record", link)
	}
	back, err := Decode(link)
	if err != nil {
		t.Fatal(err)
	}
	for back.Running() {
		back.Tick(100)
	}
	if a, b := s.State(), back.State(); a.Settings != b.Settings || a.Metrics != b.Metrics || !slices.Equal(a.Model.Parameters, b.Model.Parameters) {
		t.Errorf("decoded: %+v %+v, want %+v %+v", b.Settings, b.Metrics, a.Settings, a.Metrics)
	}
}
