package readout

import (
	"fmt"
	"strings"

	"advplay/engine/data"
	"advplay/engine/scene"
	"advplay/wasm/view"
)

// Option is one choice of a setting as the panel lists it.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
	// Title explains the choice, shown as a tooltip.
	Title string `json:"title,omitempty"`
}

// menuLabels names the panel's menus' choices, by the setting's path
// (scene.Fields) and value. A setting with choices that has no labels here
// is not a menu of the panel (such as attack.norm); a value of a menu
// without a label here makes TestOptions fail.
var menuLabels = map[string]map[string]Option{
	"attack.method": {
		"fgsm": {Label: "FGSM (L∞, one step)"},
		"fgm":  {Label: "FGM (L2, one step)"},
		"pgd":  {Label: "PGD (L∞, 10 steps)"},
	},
	"model.kind": {
		"logreg": {Label: "Logistic regression"},
		"mlp":    {Label: "Neural network (MLP)"},
	},
	"model.activation": {
		"tanh": {Label: "tanh"},
		"relu": {Label: "ReLU"},
	},
	"training.recipe": {
		"converged": {Label: "Newton, to convergence"},
		"article":   {Label: "The article's descent"},
	},
	"training.optimizer": {
		"adam":  {Label: "Adam"},
		"lbfgs": {Label: "L-BFGS"},
	},
	"defense.method": {
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
		"mnist":   {Label: "MNIST digits, 28×28", Title: "Real handwritten digits (LeCun, Cortes and Burges, CC BY-SA 3.0), fetched when chosen"},
		"glyphs":  {Label: "Glyphs, 28×28"},
		"empty":   {Label: "Empty"},
	},
	"chart.mode": {
		"epsilon":   {Label: "error against ε"},
		"dimension": {Label: "error against dimension", Title: "The clouds in 2 to 1,024 dimensions at this ε: FGSM climbs with √d, FGM stays flat"},
	},
}

// Options is what the page's controls take from the module, so that no
// rule is written twice across JavaScript and Go: the menus, the
// dimension slider's stops, which presets take a dimension, the chart's
// series, and the fragment of a link kept in the tab's storage.
type Options struct {
	// Menus lists each menu's choices, in the scene's order, by the
	// setting's path (scene.Fields): a control with data-setting="path"
	// sets it.
	Menus map[string][]Option `json:"menus"`
	// Dimensions are the dimension slider's stops (scene.Dimensions);
	// any whole number between them is accepted too.
	Dimensions []int `json:"dimensions"`
	// CloudPresets are the presets that take a dimension.
	CloudPresets []string `json:"cloudPresets"`
	// Series names the chart's series as its legend and table do.
	Series map[string]string `json:"series"`
	// LocalLink begins the fragment of a scene kept in the tab's storage
	// instead of its link.
	LocalLink string `json:"localLink"`
}

// ChoicesOf returns the options of every menu, for the choices of
// scene.Fields that menuLabels names, with the presets' counts filled in.
func ChoicesOf(localLink string) Options {
	o := Options{Menus: map[string][]Option{}, Dimensions: scene.Dimensions, CloudPresets: scene.CloudPresets,
		Series: map[string]string{}, LocalLink: localLink}
	for _, f := range scene.Fields {
		labels, ok := menuLabels[f.Path]
		if f.Kind != scene.Choice || !ok {
			continue
		}
		var list []Option
		for _, v := range f.Choices() {
			opt, ok := labels[v]
			if !ok {
				opt.Label = v
			}
			opt.Value = v
			if p, ok := data.LookupPreset(v); ok && f.Path == "preset" && strings.Contains(opt.Label, "%s") {
				opt.Label = fmt.Sprintf(opt.Label, count(p.PerClass))
			}
			list = append(list, opt)
		}
		o.Menus[f.Path] = list
	}
	for _, name := range view.SeriesNames() {
		o.Series[name] = view.Series(name).Label
	}
	return o
}
