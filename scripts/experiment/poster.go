package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"

	"advplay/engine/scene"
	"advplay/wasm/poster"
	"advplay/wasm/view"
)

// posterConfig is what -poster, -poster-size and -theme ask for: a poster
// of the scene the command runs, file "" for none.
type posterConfig struct {
	file          string
	width, height int
	theme         string
}

// posterOutput reports the poster written, in the -json document.
type posterOutput struct {
	File   string `json:"file"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Theme  string `json:"theme"`
	Bytes  int    `json:"bytes"`
}

// posterFlags are where the flag set parses the poster's flags into.
type posterFlags struct {
	file, size, theme *string
}

// addPosterFlags adds -poster, -poster-size and -theme to fs.
func addPosterFlags(fs *flag.FlagSet) posterFlags {
	return posterFlags{
		file: fs.String("poster", "", "also render a poster of the scene run, the picture the page draws, to this PNG `file`: a shared "+
			"scene as it is, otherwise the points, model and attack of the table at its largest ε up to 1 (package wasm/poster)"),
		size:  fs.String("poster-size", "1280x800", "the poster's `size` in CSS pixels, WIDTHxHEIGHT"),
		theme: fs.String("theme", "light", "the poster's `theme`: light, dark or transparent"),
	}
}

// posterSize matches a -poster-size.
var posterSize = regexp.MustCompile(`^([0-9]+)[x×]([0-9]+)$`)

// config checks the poster's flags, set holding the flags given, and
// returns an error naming the flag at fault.
func (p posterFlags) config(set map[string]bool) (posterConfig, error) {
	if !set["poster"] {
		for _, f := range []string{"poster-size", "theme"} {
			if set[f] {
				return posterConfig{}, fmt.Errorf("-%s applies to a poster only: add -poster file.png", f)
			}
		}
		return posterConfig{}, nil
	}
	c := posterConfig{file: *p.file, theme: *p.theme}
	if c.file == "" {
		return c, errors.New("-poster: want a PNG file name")
	}
	m := posterSize.FindStringSubmatch(*p.size)
	if m != nil {
		c.width, _ = strconv.Atoi(m[1])
		c.height, _ = strconv.Atoi(m[2])
	}
	if m == nil || c.width < 1 || c.height < 1 || c.width > poster.MaxSide || c.height > poster.MaxSide {
		return c, fmt.Errorf("-poster-size %q: want WIDTHxHEIGHT, each a whole number of CSS pixels from 1 to %d", *p.size, poster.MaxSide)
	}
	if _, ok := view.Themes[c.theme]; !ok {
		return c, fmt.Errorf("-theme %q: want light, dark or transparent", c.theme)
	}
	return c, nil
}

// posterScene returns the scene the command ran, as a scene: a -scene as
// it is; otherwise the points (generated, read with -data, or in d
// dimensions), the recipe and the attack of the run at its largest ε up to
// scene.MaxEpsilon, where the page's slider ends.
func posterScene(cfg config) (*scene.Scene, error) {
	if cfg.scene != nil {
		return cfg.scene, nil
	}
	eps := 0.0
	for _, e := range cfg.eps {
		eps = max(eps, min(e, scene.MaxEpsilon))
	}
	if cfg.high() {
		s, err := highScene(cfg)
		if err != nil {
			return nil, err
		}
		return s, s.Apply(scene.Patch{"epsilon": eps})
	}
	s, err := scene.New(scene.DefaultSettings())
	if err != nil {
		return nil, err
	}
	patch := scene.Patch{"epsilon": eps, "attack": scene.Patch{"method": string(cfg.attack)},
		"training": scene.Patch{"recipe": cfg.recipe}}
	if cfg.dataIn == "" {
		patch["preset"], patch["n"], patch["seed"] = "article", float64(cfg.n), float64(cfg.seed)
	} else {
		points, err := loadPoints(cfg)
		if err != nil {
			return nil, err
		}
		list := make([]any, len(points))
		for i, q := range points {
			list[i] = map[string]any{"x": q.X, "y": q.Y, "label": float64(q.Label)}
		}
		patch["points"] = list
	}
	return s, s.Apply(patch)
}

// writePoster renders the poster -poster asks for and writes it.
func writePoster(cfg config) (*posterOutput, error) {
	p := cfg.poster
	s, err := posterScene(cfg)
	if err != nil {
		return nil, fmt.Errorf("-poster: %w", err)
	}
	img, _, err := poster.Render(s, poster.Options{Width: p.width, Height: p.height, Theme: p.theme, Readout: true, Chart: true})
	if err != nil {
		return nil, fmt.Errorf("-poster: %w", err)
	}
	f, err := os.Create(p.file)
	if err != nil {
		return nil, fmt.Errorf("-poster: %w", err)
	}
	err = poster.Encode(f, img)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("-poster: %w", err)
	}
	info, err := os.Stat(p.file)
	if err != nil {
		return nil, fmt.Errorf("-poster: %w", err)
	}
	return &posterOutput{File: p.file, Width: p.width, Height: p.height, Theme: p.theme, Bytes: int(info.Size())}, nil
}

// printPoster reports the poster written, after the table.
func printPoster(w io.Writer, p *posterOutput) {
	fmt.Fprintf(w, "\nposter: %s, %d×%d CSS pixels, %s theme, %d bytes\n", p.File, p.Width, p.Height, p.Theme, p.Bytes)
}
