package data_test

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"strings"
	"testing"

	"advplay/engine/data"
)

// pointsHash returns the FNV-1a hash of the points' bits, to pin generated
// data bit for bit.
func pointsHash(points []data.Point) uint64 {
	h := fnv.New64a()
	var b [8]byte
	for _, p := range points {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(p.X))
		h.Write(b[:])
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(p.Y))
		h.Write(b[:])
		h.Write([]byte{byte(p.Label)})
	}
	return h.Sum64()
}

// TestPresetsBitIdentical pins each preset's default points for seed 1.
// The hashes were computed natively on linux/amd64; the same test passing
// under GOOS=js GOARCH=wasm shows that a seed gives the same bits in the
// CLI and in the browser.
func TestPresetsBitIdentical(t *testing.T) {
	want := map[string]uint64{
		"article": 0xda7ffa4fd1791dd8,
		"small":   0x1b56f637d038dd6f,
		"moons":   0x708796db31ce91b6,
		"circles": 0x36de005814463888,
		"xor":     0x2323bd0e31190549,
		"spiral":  0x51b0475495e21d0d,
		"empty":   0xcbf29ce484222325, // FNV-1a offset basis: no bytes
	}
	for _, name := range data.PresetNames() {
		w, ok := want[name]
		if !ok {
			t.Errorf("preset %q has no pinned hash", name)
			continue
		}
		points, err := data.Generate(name, -1, -1, 1)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := pointsHash(points); got != w {
			t.Errorf("%s: hash %#x, want %#x", name, got, w)
		}
	}
}

func TestGenerateDefaultsAndCounts(t *testing.T) {
	for _, p := range data.Presets {
		for _, tc := range []struct {
			perClass, want int
			noise          float64
		}{
			{perClass: -1, want: p.PerClass, noise: -1}, // negative means the default
			{perClass: 0, want: 0, noise: 0},
			{perClass: 1, want: 1, noise: 0},
			{perClass: 7, want: 7, noise: 0.3},
		} {
			points, err := data.Generate(p.Name, tc.perClass, tc.noise, 3)
			if err != nil {
				t.Fatalf("%s %+v: %v", p.Name, tc, err)
			}
			want := 2 * tc.want
			if p.Name == "empty" {
				want = 0
			}
			if len(points) != want {
				t.Errorf("%s %+v: %d points, want %d", p.Name, tc, len(points), want)
			}
			if err := data.Validate(points); err != nil {
				t.Errorf("%s %+v: %v", p.Name, tc, err)
			}
			for i, q := range points {
				if wantLabel := i / max(1, want/2); q.Label != wantLabel {
					t.Errorf("%s %+v: point %d has label %d, want %d (red first)", p.Name, tc, i, q.Label, wantLabel)
					break
				}
			}
		}
	}
}

func TestGenerateErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		perClass int
		noise    float64
		field    string // the parameter the error must name
	}{
		{name: "banana", perClass: 10, noise: 0.1, field: "preset"},
		{name: "", perClass: 10, noise: 0.1, field: "preset"},
		{name: "Moons", perClass: 10, noise: 0.1, field: "preset"}, // names are case-sensitive
		{name: "moons", perClass: data.MaxPerClass + 1, noise: 0.1, field: "n "},
		{name: "circles", perClass: 10, noise: math.NaN(), field: "noise"},
		{name: "xor", perClass: 10, noise: math.Inf(1), field: "noise"},
		{name: "spiral", perClass: 10, noise: data.MaxNoise + 0.1, field: "noise"},
	} {
		points, err := data.Generate(tc.name, tc.perClass, tc.noise, 1)
		if err == nil {
			t.Errorf("%+v: no error", tc)
			continue
		}
		if points != nil {
			t.Errorf("%+v: %d points returned with the error", tc, len(points))
		}
		if !strings.Contains(err.Error(), tc.field) {
			t.Errorf("%+v: error %q does not name %q", tc, err, tc.field)
		}
	}
}

func TestLookupPreset(t *testing.T) {
	for _, name := range []string{"article", "small", "moons", "circles", "xor", "spiral", "empty"} {
		p, ok := data.LookupPreset(name)
		if !ok || p.Name != name || p.Generate == nil {
			t.Errorf("LookupPreset(%q) = %+v, %v", name, p, ok)
		}
		if p.PerClass < 0 || !(p.Noise >= 0) || p.Noise > data.MaxNoise {
			t.Errorf("%s: bad defaults PerClass %d, Noise %v", name, p.PerClass, p.Noise)
		}
	}
	if _, ok := data.LookupPreset("nope"); ok {
		t.Error("LookupPreset(nope) found a preset")
	}
}

func ExampleGenerate() {
	points, err := data.Generate("moons", 3, 0, 1)
	if err != nil {
		panic(err)
	}
	for _, p := range points {
		fmt.Printf("(%.3f, %.3f) %d\n", p.X, p.Y, p.Label)
	}
	_, err = data.Generate("moons", 3, math.Inf(1), 1)
	fmt.Println(err)
	// Output:
	// (1.667, 0.667) 0
	// (0.333, 2.000) 0
	// (-1.000, 0.667) 0
	// (0.333, 1.333) 1
	// (1.667, 0.000) 1
	// (3.000, 1.333) 1
	// data: noise is +Inf, must be between 0 and 5
}
