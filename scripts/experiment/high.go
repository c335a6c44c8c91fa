package main

import (
	"fmt"
	"math"
	"os"
	"strings"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/glyphs"
	"advplay/engine/scene"
	"advplay/engine/scene/csvfile"
	"advplay/engine/theory"
)

// checkHigh checks -preset, -dimension and -glyphs and what they allow,
// naming the flag at fault (the MNIST preset's own in checkDigitFlags),
// and fills in their defaults: the glyphs have
// 784 dimensions and 1000 images per class unless -n says otherwise, and
// above two dimensions the fit is the converged one. set holds the flags
// given.
func checkHigh(cfg *config, set map[string]bool) error {
	if cfg.preset != "article" && cfg.preset != glyphs.Name && cfg.preset != scene.MNIST {
		return fmt.Errorf("-preset %q: want article, glyphs or mnist", cfg.preset)
	}
	if cfg.dimension < scene.MinDimension || cfg.dimension > scene.MaxDimension {
		return fmt.Errorf("-dimension %d: want %s", cfg.dimension, wantValue["dimension"])
	}
	if cfg.preset == glyphs.Name {
		if set["dimension"] && cfg.dimension != glyphs.Dim {
			return fmt.Errorf("-dimension %d cannot be combined with -preset glyphs, whose images have %d pixels", cfg.dimension, glyphs.Dim)
		}
		c := glyphs.Default
		c.Pair = cfg.glyphs
		if _, err := c.Means(); err != nil {
			return fmt.Errorf("-glyphs %q: %s", cfg.glyphs, strings.TrimPrefix(err.Error(), glyphs.Name+": "))
		}
		cfg.dimension = glyphs.Dim
		if !set["n"] {
			cfg.n = glyphs.Default.PerClass
		}
	} else if set["glyphs"] {
		return fmt.Errorf("-glyphs cannot be combined with -preset %s; it chooses the characters of -preset glyphs", cfg.preset)
	}
	if !cfg.high() {
		return nil
	}
	if set["recipe"] && cfg.recipe != "converged" {
		return fmt.Errorf("-recipe %s is for the plane; in %d dimensions the fit is L-BFGS to convergence (-recipe converged)", cfg.recipe, cfg.dimension)
	}
	cfg.recipe = "converged"
	if 2*cfg.n > data.MaxCoordinates/cfg.dimension {
		flag := fmt.Sprintf("-dimension %d", cfg.dimension)
		if cfg.preset == glyphs.Name || set["n"] && !set["dimension"] {
			flag = fmt.Sprintf("-n %d", cfg.n)
		}
		return fmt.Errorf("%s: 2×%d points in %d dimensions are more than %d coordinates; use -n %d or fewer",
			flag, cfg.n, cfg.dimension, data.MaxCoordinates, data.MaxCoordinates/(2*cfg.dimension))
	}
	if cfg.seed > 1<<53-1 {
		return fmt.Errorf("-seed %d: in %d dimensions want at most 2⁵³ − 1, the largest seed a scene holds", cfg.seed, cfg.dimension)
	}
	return nil
}

// highExperiment runs the experiment above two dimensions through a
// scene, as the page does: the clouds in d dimensions or the glyphs, the
// converged fit, the attack in closed form counted in d dimensions.
func highExperiment(cfg config) (output, error) {
	sc, err := highScene(cfg)
	if err != nil {
		return output{}, err
	}
	if cfg.dataOut != "" {
		if err := os.WriteFile(cfg.dataOut, []byte(csvfile.Points(sc)), 0o644); err != nil {
			return output{}, err
		}
	}
	return highOutput(sc, cfg.eps), nil
}

// highScene returns the scene of the clouds in d dimensions or of the
// glyphs that cfg describes.
func highScene(cfg config) (*scene.Scene, error) {
	sc, err := scene.New(scene.DefaultSettings())
	if err != nil {
		return nil, err
	}
	patch := scene.Patch{"preset": cfg.preset, "n": float64(cfg.n), "seed": float64(cfg.seed),
		"attack": scene.Patch{"method": string(cfg.attack)}}
	if cfg.preset == glyphs.Name {
		patch["glyphs"] = cfg.glyphs
	} else {
		patch["dimension"] = float64(cfg.dimension)
	}
	if err := sc.Apply(patch); err != nil {
		return nil, err
	}
	return sc, nil
}

// highOutput returns the figures of a scene above two dimensions at each
// ε: the error counted in d dimensions (Scene.ErrorAt), the closed form
// for the fit on the preset's distribution (Scene.Theory) and, on the
// clouds, the best line's (theory.DimensionError).
func highOutput(sc *scene.Scene, eps []float64) output {
	st := sc.Summary()
	ac := st.AttackConfig()
	out := output{Recipe: st.Training.Method, Seed: st.Seed, N: st.N, Points: st.Metrics.N, Dimension: st.Dimension,
		Glyphs: st.Glyphs, Attack: string(ac.Method), Model: st.Model.Kind, Weights: st.Model.Weights, Bias: st.Model.Bias,
		attackConfig: ac, preset: st.Preset}
	clouds := st.Preset == "article" || st.Preset == "small"
	for _, e := range eps {
		row := outputRow{Epsilon: e, Error: sc.ErrorAt(e)}
		if th, ok := sc.Chart().Theory(e); ok {
			row.Theory = &th
		}
		if clouds {
			best := theory.DimensionError(st.Dimension, st.Noise, e, ac.BallNorm())
			row.Best = &best
		}
		out.Rows = append(out.Rows, row)
	}
	if p := st.Projection; p != nil {
		out.norm1, out.norm2 = p.Norm1, p.Norm2
	}
	return out
}

// highHeading prints the model and the attack of a scene above two
// dimensions: the figures that make its attack strong.
func highHeading(w *strings.Builder, out output) {
	ratio := 0.0
	if out.norm2 > 0 {
		ratio = out.norm1 / out.norm2
	}
	fmt.Fprintf(w, "‖w‖₂ = %.4f, ‖w‖₁/‖w‖₂ = %.2f (at most √d = %.2f), b = %.4f\n", out.norm2, ratio, math.Sqrt(float64(out.Dimension)), out.Bias)
	how := "FGSM's step −s·ε·sign(w)"
	if out.attackConfig.BallNorm() == attack.L2 {
		how = "FGM's step −s·ε·w/‖w‖₂"
	}
	if out.attackConfig.Method == attack.PGD {
		how += ", where PGD on a linear model ends"
	}
	fmt.Fprintf(w, "attack: %s, in closed form: %s\n", describeAttack(out.attackConfig), how)
}
