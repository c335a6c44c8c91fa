package main

import (
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestPosterFlag checks that -poster writes a PNG of the size asked for,
// and reports its size as it is on disk, in the table's output and in the
// JSON document, for a shared scene, the generated clouds, points read
// from a CSV and the clouds in d dimensions.
func TestPosterFlag(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	csv := filepath.Join(dir, "points.csv")
	if code, _, stderr := runArgs("-recipe", "converged", "-n", "40", "-data-out", csv, "-json"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	link := sceneLink(t, map[string]any{"preset": "moons", "n": 40.0, "epsilon": 0.2})
	for _, c := range []struct {
		name string
		args []string
		w, h int
		json bool
	}{
		{"scene", []string{"-scene", link, "-eps", "0,0.2", "-poster-size", "360x240", "-theme", "dark"}, 360, 240, false},
		{"scene, json", []string{"-scene", link, "-eps", "0,0.2", "-poster-size", "320×200", "-json"}, 320, 200, true},
		// The default size, 1280×800.
		{"clouds", []string{"-recipe", "converged", "-n", "50"}, 1280, 800, false},
		{"csv", []string{"-recipe", "converged", "-data", csv, "-poster-size", "400x300", "-theme", "transparent"}, 400, 300, false},
		{"dimensions", []string{"-dimension", "8", "-n", "60", "-eps", "0,0.1", "-poster-size", "300x200"}, 300, 200, false},
	} {
		file := filepath.Join(dir, strings.ReplaceAll(c.name, ", ", "-")+".png")
		args := append(append([]string{}, c.args...), "-poster", file)
		code, stdout, stderr := runArgs(args...)
		if code != 0 {
			t.Errorf("%s: exit %d: %s", c.name, code, stderr)
			continue
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		img, err := png.Decode(strings.NewReader(string(b)))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := img.Bounds(); got.Dx() != c.w || got.Dy() != c.h {
			t.Errorf("%s: poster %v, want %d×%d", c.name, got, c.w, c.h)
		}
		var reported int
		if c.json {
			var doc struct{ Poster *posterOutput }
			if err := json.Unmarshal([]byte(stdout), &doc); err != nil || doc.Poster == nil {
				t.Errorf("%s: no poster in the JSON (%v):\n%s", c.name, err, stdout)
				continue
			}
			reported = doc.Poster.Bytes
		} else {
			m := regexp.MustCompile(`(?m)^poster: .*, (\d+) bytes$`).FindStringSubmatch(stdout)
			if m == nil {
				t.Errorf("%s: no poster line in:\n%s", c.name, stdout)
				continue
			}
			reported, _ = strconv.Atoi(m[1])
		}
		if reported != len(b) {
			t.Errorf("%s: reported %d bytes, the file has %d", c.name, reported, len(b))
		}
	}
}

// TestPosterFlagErrors checks that bad poster flags are refused, naming
// the flag, before anything runs.
func TestPosterFlagErrors(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "p.png")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-poster", ""}, "-poster: want a PNG file name"},
		{[]string{"-poster", file, "-poster-size", "1280"}, "-poster-size \"1280\""},
		{[]string{"-poster", file, "-poster-size", "0x800"}, "-poster-size \"0x800\""},
		{[]string{"-poster", file, "-poster-size", "99999x10"}, "-poster-size \"99999x10\""},
		{[]string{"-poster", file, "-theme", "sepia"}, "-theme \"sepia\""},
		{[]string{"-theme", "dark"}, "-theme applies to a poster only"},
		{[]string{"-poster-size", "640x480"}, "-poster-size applies to a poster only"},
	} {
		code, _, stderr := runArgs(c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Errorf("a refused command wrote %s", file)
	}
}
