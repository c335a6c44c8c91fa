package readout

import (
	"fmt"
	"strings"

	"advplay/engine/data"
	"advplay/engine/scene"
)

// Option is one choice of a setting as the panel lists it.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
	// Title explains the choice, shown as a tooltip.
	Title string `json:"title,omitempty"`
}

// optionLabels names the panel's choices by setting and value. A value
// the scene takes that has no label here is listed under its own name,
// and TestOptions fails.
var optionLabels = map[string]map[string]Option{
	"attack": {
		"fgsm": {Label: "FGSM (L∞, one step)"},
		"fgm":  {Label: "FGM (L2, one step)"},
		"pgd":  {Label: "PGD (L∞, 10 steps)"},
	},
	"model": {
		"logreg": {Label: "Logistic regression"},
		"mlp":    {Label: "Neural network (MLP)"},
	},
	"activation": {
		"tanh": {Label: "tanh"},
		"relu": {Label: "ReLU"},
	},
	"recipe": {
		"converged": {Label: "Newton, to convergence"},
		"article":   {Label: "The article's descent"},
	},
	"optimizer": {
		"adam":  {Label: "Adam"},
		"lbfgs": {Label: "L-BFGS"},
	},
	"defense": {
		"none": {Label: "None"},
		"fgsm": {Label: "FGSM", Title: "Adversarial training: half clean, half FGSM loss (Goodfellow et al. 2015)"},
		"pgd":  {Label: "PGD", Title: "Adversarial training on PGD examples only (Madry et al. 2018)"},
	},
	"preset": {
		"small":   {Label: "Clouds, 2×%s"},
		"article": {Label: "Article, 2×%s"},
		"moons":   {Label: "Moons"},
		"circles": {Label: "Circles"},
		"xor":     {Label: "XOR"},
		"spiral":  {Label: "Spiral"},
		"glyphs":  {Label: "Glyphs, 28×28"},
		"empty":   {Label: "Empty"},
	},
	"chart": {
		"epsilon":   {Label: "error against ε"},
		"dimension": {Label: "error against dimension", Title: "The clouds in 2 to 1,024 dimensions at this ε: FGSM climbs with √d, FGM stays flat"},
	},
}

// Options returns the panel's choices for every enumerated setting, in the
// scene's own order: the page fills its lists from them, so that they
// cannot drift from what the scene accepts.
func Options() map[string][]Option {
	list := func(setting string, values []string) []Option {
		out := make([]Option, len(values))
		for i, v := range values {
			o, ok := optionLabels[setting][v]
			if !ok {
				o.Label = v
			}
			o.Value = v
			out[i] = o
		}
		return out
	}
	presets := list("preset", scene.Presets())
	for i, o := range presets {
		if p, ok := data.LookupPreset(o.Value); ok && strings.Contains(o.Label, "%s") {
			presets[i].Label = fmt.Sprintf(o.Label, count(p.PerClass))
		}
	}
	dims := make([]string, len(scene.Dimensions))
	for i, d := range scene.Dimensions {
		dims[i] = fmt.Sprint(d)
	}
	return map[string][]Option{
		"attack":     list("attack", strs(scene.AttackMethods)),
		"model":      list("model", scene.ModelKinds),
		"activation": list("activation", strs(scene.Activations)),
		"recipe":     list("recipe", scene.Recipes),
		"optimizer":  list("optimizer", strs(scene.Optimizers)),
		"defense":    list("defense", strs(scene.DefenseMethods)),
		"preset":     presets,
		"chart":      list("chart", scene.ChartModes),
		// The dimension's stops, powers of two; any whole number between
		// them is accepted too.
		"dimension": list("dimension", dims),
	}
}

func strs[S ~string](vs []S) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
