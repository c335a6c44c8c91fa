package scene

import (
	"advplay/engine/advtrain"
	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/mlp"
)

// Settings is everything a visitor can set. Its JSON form is part of
// State, and Apply takes patches of the same shape.
type Settings struct {
	Preset string `json:"preset"`
	// Dimension is d, the dimension of the points: 2 (the plane) to
	// MaxDimension for the clouds presets, glyphs.Dim for the glyphs, 2
	// for the other presets, and the file's for points imported from a
	// d-dimensional CSV (ImportCSV). Above 2 the view shows the points in
	// the model's plane (see Points).
	Dimension int `json:"dimension"`
	// Glyphs is the pair of characters of the glyphs preset, class 0
	// first, and "" for every other preset.
	Glyphs string `json:"glyphs,omitempty"`
	// Digits is the pair of digits of the MNIST preset, class 0 first,
	// such as "37", and "" for every other preset.
	Digits  string          `json:"digits,omitempty"`
	Seed    uint64          `json:"seed"`
	N       int             `json:"n"`
	Noise   float64         `json:"noise"`
	Epsilon float64         `json:"epsilon"`
	Attack  AttackSettings  `json:"attack"`
	Recipe  string          `json:"-"` // shown as training.recipe
	Model   ModelSettings   `json:"-"` // shown as model
	Defense DefenseSettings `json:"defense"`
	// Optimizer and Epochs drive the step-wise trainers: the MLP's, and
	// logistic regression's under a defense. Shown under training.
	Optimizer mlp.Optimizer `json:"-"`
	Epochs    int           `json:"-"`
	Show      Show          `json:"show"`
	Chart     ChartSettings `json:"chart"`
	// Class is the label a plain click adds; shift-click adds the other.
	Class int `json:"class"`
	// Mode is what a click does: "add" a point or "remove" the nearest.
	Mode string `json:"mode"`
}

// AttackSettings configure the attack. Steps, StepSize, Norm and
// RandomStart apply to PGD only; StepSize 0 means ε/4.
type AttackSettings struct {
	Method      attack.Method `json:"method"`
	Steps       int           `json:"steps"`
	StepSize    float64       `json:"stepSize"`
	Norm        attack.Norm   `json:"norm"`
	RandomStart bool          `json:"randomStart"`
}

// Show says which overlays are drawn and which controls are visible.
type Show struct {
	Arrows   bool   `json:"arrows"`
	Shading  bool   `json:"shading"`
	Chart    bool   `json:"chart"`
	Theory   bool   `json:"theory"`
	Controls string `json:"controls"` // full, minimal or none
}

// ChartSettings choose what the chart shows: Mode ChartEpsilon, the
// error against ε of the scene's own model (Curves, RefineCurves), or
// ChartDimension, the error against the dimension d of the clouds at the
// scene's ε, noise and seed (DimensionCurve, RefineDimensionCurve).
type ChartSettings struct {
	Mode string `json:"mode"`
}

// Chart modes.
const (
	ChartEpsilon   = "epsilon"
	ChartDimension = "dimension"
)

// The dimensions a scene may have: MaxDimension is the largest of the
// clouds (the end of package dimsweep's sweep), glyphs.Dim = 784 is
// below it, and a d-dimensional CSV may have any d from MinDimension to
// MaxDimension.
const (
	MinDimension = 2
	MaxDimension = 1024
)

// Recipes.
const (
	RecipeConverged = "converged"
	RecipeArticle   = "article"
)

// Modes.
const (
	ModeAdd    = "add"
	ModeRemove = "remove"
)

// MaxEpsilon is the largest ε, the end of the slider.
const MaxEpsilon = 1

// MaxPoints is the most points a scene holds. Beyond it a change is refused
// with an error rather than letting the page slow to a crawl.
const MaxPoints = 50000

// MaxCoordinate bounds |x| and |y| of every point placed in the plane,
// and every coordinate of a point in d dimensions.
const MaxCoordinate = 1e6

// DefaultSettings is the scene a first-time visitor sees: the article's
// clouds at 2×100 points, the converged fit, FGSM at ε = 0.3, where a few
// points already flip.
func DefaultSettings() Settings {
	p, _ := data.LookupPreset("small")
	return Settings{
		Preset:    p.Name,
		Dimension: MinDimension,
		Seed:      1,
		N:         p.PerClass,
		Noise:     p.Noise,
		Epsilon:   0.3,
		Attack: AttackSettings{
			Method:      attack.FGSM,
			Steps:       attack.DefaultPGDSteps,
			Norm:        attack.LInf,
			RandomStart: true,
		},
		Recipe:    RecipeConverged,
		Model:     ModelSettings{Kind: KindLogReg, Hidden: [mlp.MaxLayers]int{16, 16}, Activation: mlp.Tanh},
		Defense:   DefenseSettings{Method: advtrain.None, Epsilon: 0.2},
		Optimizer: mlp.Adam,
		Epochs:    DefaultEpochs,
		Show:      Show{Arrows: true, Shading: true, Chart: true, Theory: true, Controls: "full"},
		Chart:     ChartSettings{Mode: ChartEpsilon},
		Class:     0,
		Mode:      ModeAdd,
	}
}

// AttackConfig returns the engine's attack configuration.
func (s Settings) AttackConfig() attack.Config {
	return attack.Config{
		Method:      s.Attack.Method,
		Epsilon:     s.Epsilon,
		Steps:       s.Attack.Steps,
		StepSize:    s.Attack.StepSize,
		Norm:        s.Attack.Norm,
		RandomStart: s.Attack.RandomStart,
		Seed:        s.Seed,
	}
}
