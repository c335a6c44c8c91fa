package scene

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// edited returns a scene of the given preset with every kind of edit:
// removed, moved and added points, and non-default settings.
func edited(t testing.TB, preset string, added int) *Scene {
	t.Helper()
	s := newScene(t)
	if err := s.Apply(decode(t, `{"preset":"`+preset+`","seed":7,"epsilon":0.37,"attack":{"method":"pgd","steps":12,"randomStart":false},"show":{"arrows":false,"theory":false},"class":1,"mode":"remove"}`)); err != nil {
		t.Fatal(err)
	}
	if len(s.Points()) > 10 {
		for _, i := range []int{9, 3, 0} {
			if err := s.RemovePoint(i); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.MovePoint(4, 1.23456, -0.5); err != nil {
			t.Fatal(err)
		}
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range added {
		if _, err := s.AddPoint(rnd.Float64()*4-1, rnd.Float64()*4-1, i%2); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// figures is the scene's state without the timings, which differ from run
// to run.
func figures(t testing.TB, s *Scene) string {
	t.Helper()
	return figuresOf(t, s.State())
}

// figuresOf is a state's JSON without the timings.
func figuresOf(t testing.TB, st State) string {
	t.Helper()
	st.Perf = Perf{}
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// repack returns the hash with its decompressed record changed by f.
func repack(t testing.TB, hash string, f func([]byte) []byte) string {
	t.Helper()
	packed, err := base64.RawURLEncoding.DecodeString(hash[len(hashPrefix):])
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
	return hashPrefix + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// Decode(Encode(s)) restores the same points, settings and figures.
func TestEncodeDecodeRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		preset string
		added  int
	}{
		{"small", 0}, {"small", 25}, {"empty", 0}, {"empty", 500}, {"moons", 10}, {"article", 3},
	} {
		s := edited(t, tc.preset, tc.added)
		hash := s.Encode()
		d, err := Decode("#" + hash)
		if err != nil {
			t.Fatalf("%s+%d: Decode: %v", tc.preset, tc.added, err)
		}
		if got, want := figures(t, d), figures(t, s); got != want {
			t.Errorf("%s+%d: decoded state differs from the original", tc.preset, tc.added)
		}
		if d.Encode() != hash {
			t.Errorf("%s+%d: re-encoding changed the hash", tc.preset, tc.added)
		}
	}
}

// A scene with 500 added points fits in 8 KB of URL, the budget that the
// browser test TestShareURLSize (scripts/browsertest) holds the page's
// whole link to. Random points are the hard case for compression.
func TestEncode500PointsFitsURLBudget(t *testing.T) {
	s := edited(t, "empty", 500)
	if n := len(s.Encode()); n > 8192 {
		t.Errorf("500 added points encode to %d characters, budget 8192", n)
	} else {
		t.Logf("500 random added points: %d characters", n)
	}
}

// A link to the article's 20,000 points with a few edits stays short,
// since the preset's points are regenerated from the seed.
func TestEncodeArticleStaysShort(t *testing.T) {
	if n := len(edited(t, "article", 3).Encode()); n > 300 {
		t.Errorf("article scene with 7 edits encodes to %d characters, want ≤ 300", n)
	}
}

// Every malformed hash is refused with a message, never a panic.
func TestDecodeRejects(t *testing.T) {
	good := edited(t, "small", 5).Encode()
	packed, _ := base64.RawURLEncoding.DecodeString(good[len(hashPrefix):])
	for name, h := range map[string]string{
		"empty":          "",
		"no prefix":      "hello",
		"other version":  "s9." + good[len(hashPrefix):],
		"bad base64":     hashPrefix + "!!!",
		"truncated":      good[:len(good)-7],
		"flipped byte":   hashPrefix + base64.RawURLEncoding.EncodeToString(append(packed[:10:10], append([]byte{packed[10] ^ 0xff}, packed[11:]...)...)),
		"not deflate":    hashPrefix + base64.RawURLEncoding.EncodeToString([]byte("plain text, not compressed")),
		"huge":           hashPrefix + strings.Repeat("A", maxHashLength),
		"trailing bytes": repack(t, good, func(b []byte) []byte { return append(b, 0) }),
		"cut record":     repack(t, good, func(b []byte) []byte { return b[:len(b)-3] }),
	} {
		if s, err := Decode(h); err == nil {
			t.Errorf("%s: Decode accepted it (%d points)", name, len(s.Points()))
		} else if !strings.Contains(err.Error(), "link") && !strings.Contains(err.Error(), "scene") {
			t.Errorf("%s: error %q does not say what was ignored", name, err)
		}
	}
}

// FuzzDecode: no input panics, and whatever decodes re-encodes to a hash
// that decodes to the same state.
func FuzzDecode(f *testing.F) {
	for _, preset := range []string{"small", "empty", "moons"} {
		f.Add(edited(f, preset, 4).Encode())
	}
	for _, patch := range []string{`{"dimension": 5}`, `{"preset": "glyphs", "n": 10}`, `{"chart": {"mode": "dimension"}}`} {
		f.Add(editedHigh(f, patch).Encode())
	}
	f.Add("")
	f.Add(hashPrefix)
	f.Add(hashPrefix + "AAAA")
	f.Fuzz(func(t *testing.T, h string) {
		s, err := Decode(h)
		if err != nil {
			return
		}
		again, err := Decode(s.Encode())
		if err != nil {
			t.Fatalf("re-encoded scene does not decode: %v", err)
		}
		if figures(t, again) != figures(t, s) {
			t.Fatal("re-encoded scene differs")
		}
	})
}
