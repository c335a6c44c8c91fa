package scene

import (
	"fmt"
	"strings"

	"advplay/engine/advtrain"
	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/glyphs"
	"advplay/engine/mlp"
	"advplay/engine/network"
	"advplay/engine/scene/patch"
)

// Kind says what values a Field takes, and how a share link stores them
// (package share).
type Kind int

const (
	// Number is a float64 from Min to Max; the link stores its 8 bytes.
	Number Kind = iota
	// Whole is a whole number from Min to Max; the link stores a uvarint.
	Whole
	// Flag is true or false; the link stores a byte.
	Flag
	// Choice is one of Choices(); the link stores the string.
	Choice
	// Text is a string the field checks itself (the glyph pair); the
	// link stores the string.
	Text
	// Widths is a list of hidden layer widths; the link stores their
	// count and each width as uvarints.
	Widths
)

// Effect says what a change of a field recomputes.
type Effect int

const (
	// Shown fields change only what the page shows.
	Shown Effect = iota
	// Reattack fields change the attack: the points are attacked again.
	Reattack
	// Retrain fields change the model or its training, which starts
	// again when their value changes.
	Retrain
	// Regenerate fields choose the data: the preset's points are drawn
	// again, dropping every edit, whenever a patch sets one.
	Regenerate
)

// Field is one setting: its path in a patch, the values it takes, what a
// change of it recomputes, and whether share links carry it. Fields lists
// them all, once: Apply reads patches with it, package share encodes and
// decodes links with it, and the page's menus list its Choices.
type Field struct {
	// Path names the field in a patch, such as "epsilon" or
	// "attack.method".
	Path string
	Kind Kind
	// Min and Max bound a Number or a Whole.
	Min, Max float64
	// Choices lists a Choice's values in the order a menu shows them.
	Choices func() []string
	// Link is the share link record that carries the field: 1 for every
	// record, 2 for the extended record only (see package share).
	Link   int
	Effect Effect
	// Get returns the field's value in s as a patch holds it: float64,
	// bool, string, or []any of float64 for Widths.
	Get func(s *Settings) any
	// read checks a patch value, when Kind's own check is not enough.
	read func(path string, v any) (any, error)
	// set stores a checked value in next and reports whether its effect
	// applies; a value that next's preset does not take is refused.
	set func(next *Settings, v any) (bool, error)
}

// strs lists string values for Choices.
func strs[S ~string](values []S) func() []string {
	return func() []string {
		out := make([]string, len(values))
		for i, v := range values {
			out[i] = string(v)
		}
		return out
	}
}

// Fields are the settings a patch may set, in the order Apply reads them
// and share links store them: the preset comes before what it resets.
var Fields = []Field{
	{Path: "preset", Kind: Choice, Choices: Presets, Link: 1, Effect: Regenerate,
		Get: func(s *Settings) any { return s.Preset },
		set: func(s *Settings, v any) (bool, error) {
			if name := v.(string); name != s.Preset {
				*s = presetDefaults(*s, name)
			}
			return true, nil
		}},
	{Path: "seed", Kind: Whole, Max: 1<<53 - 1, Link: 1, Effect: Regenerate,
		Get: func(s *Settings) any { return float64(s.Seed) },
		set: func(s *Settings, v any) (bool, error) { s.Seed = uint64(v.(float64)); return true, nil }},
	{Path: "n", Kind: Whole, Max: MaxPoints / 2, Link: 1, Effect: Regenerate,
		Get: func(s *Settings) any { return float64(s.N) },
		set: func(s *Settings, v any) (bool, error) { s.N = int(v.(float64)); return true, nil }},
	{Path: "noise", Kind: Number, Max: data.MaxNoise, Link: 1, Effect: Regenerate,
		Get: func(s *Settings) any { return s.Noise },
		set: func(s *Settings, v any) (bool, error) { s.Noise = v.(float64); return true, nil }},
	{Path: "epsilon", Kind: Number, Max: MaxEpsilon, Link: 1, Effect: Reattack,
		Get: func(s *Settings) any { return s.Epsilon },
		set: func(s *Settings, v any) (bool, error) { s.Epsilon = v.(float64); return true, nil }},
	{Path: "attack.method", Kind: Choice, Choices: strs(AttackMethods), Link: 1, Effect: Reattack,
		Get: func(s *Settings) any { return string(s.Attack.Method) },
		set: func(s *Settings, v any) (bool, error) { s.Attack.Method = attack.Method(v.(string)); return true, nil }},
	{Path: "attack.steps", Kind: Whole, Min: 1, Max: 100, Link: 1, Effect: Reattack,
		Get: func(s *Settings) any { return float64(s.Attack.Steps) },
		set: func(s *Settings, v any) (bool, error) { s.Attack.Steps = int(v.(float64)); return true, nil }},
	{Path: "attack.stepSize", Kind: Number, Max: MaxEpsilon, Link: 1, Effect: Reattack,
		Get: func(s *Settings) any { return s.Attack.StepSize },
		set: func(s *Settings, v any) (bool, error) { s.Attack.StepSize = v.(float64); return true, nil }},
	{Path: "attack.norm", Kind: Choice, Choices: strs(AttackNorms), Link: 1, Effect: Reattack,
		Get: func(s *Settings) any { return string(s.Attack.Norm) },
		set: func(s *Settings, v any) (bool, error) { s.Attack.Norm = attack.Norm(v.(string)); return true, nil }},
	{Path: "attack.randomStart", Kind: Flag, Link: 1, Effect: Reattack,
		Get: func(s *Settings) any { return s.Attack.RandomStart },
		set: func(s *Settings, v any) (bool, error) { s.Attack.RandomStart = v.(bool); return true, nil }},
	{Path: "training.recipe", Kind: Choice, Choices: func() []string { return Recipes }, Link: 1, Effect: Retrain,
		Get: func(s *Settings) any { return s.Recipe },
		set: func(s *Settings, v any) (bool, error) { s.Recipe = v.(string); return true, nil }},
	showFlag("arrows", func(s *Show) *bool { return &s.Arrows }),
	showFlag("shading", func(s *Show) *bool { return &s.Shading }),
	showFlag("chart", func(s *Show) *bool { return &s.Chart }),
	showFlag("theory", func(s *Show) *bool { return &s.Theory }),
	{Path: "show.controls", Kind: Choice, Choices: func() []string { return ControlsValues }, Link: 1,
		Get: func(s *Settings) any { return s.Show.Controls },
		set: func(s *Settings, v any) (bool, error) { s.Show.Controls = v.(string); return true, nil }},
	{Path: "class", Kind: Whole, Max: 1, Link: 1,
		Get:  func(s *Settings) any { return float64(s.Class) },
		read: func(path string, v any) (any, error) { l, err := patch.Label(path, v); return float64(l), err },
		set:  func(s *Settings, v any) (bool, error) { s.Class = int(v.(float64)); return true, nil }},
	{Path: "mode", Kind: Choice, Choices: func() []string { return Modes }, Link: 1,
		Get: func(s *Settings) any { return s.Mode },
		set: func(s *Settings, v any) (bool, error) { s.Mode = v.(string); return true, nil }},
	{Path: "model.kind", Kind: Choice, Choices: func() []string { return ModelKinds }, Link: 1, Effect: Retrain,
		Get: func(s *Settings) any { return s.Model.Kind },
		set: func(s *Settings, v any) (bool, error) { s.Model.Kind = v.(string); return true, nil }},
	{Path: "model.hidden", Kind: Widths, Min: mlp.MinUnits, Max: network.MaxUnits, Link: 1, Effect: Retrain,
		Get: func(s *Settings) any {
			out := []any{}
			for _, n := range s.Model.HiddenLayers() {
				out = append(out, float64(n))
			}
			return out
		},
		set: func(s *Settings, v any) (bool, error) { s.Model.Hidden = v.([mlp.MaxLayers]int); return true, nil }},
	{Path: "model.activation", Kind: Choice, Choices: strs(Activations), Link: 1, Effect: Retrain,
		Get: func(s *Settings) any { return string(s.Model.Activation) },
		set: func(s *Settings, v any) (bool, error) {
			s.Model.Activation = mlp.Activation(v.(string))
			return true, nil
		}},
	{Path: "training.optimizer", Kind: Choice, Choices: strs(Optimizers), Link: 1, Effect: Retrain,
		Get: func(s *Settings) any { return string(s.Optimizer) },
		set: func(s *Settings, v any) (bool, error) { s.Optimizer = mlp.Optimizer(v.(string)); return true, nil }},
	{Path: "training.epochs", Kind: Whole, Min: 1, Max: MaxEpochs, Link: 1, Effect: Retrain,
		Get: func(s *Settings) any { return float64(s.Epochs) },
		set: func(s *Settings, v any) (bool, error) { s.Epochs = int(v.(float64)); return true, nil }},
	{Path: "defense.method", Kind: Choice, Choices: strs(DefenseMethods), Link: 1, Effect: Retrain,
		Get: func(s *Settings) any { return string(s.Defense.Method) },
		set: func(s *Settings, v any) (bool, error) {
			s.Defense.Method = advtrain.Method(v.(string))
			return true, nil
		}},
	{Path: "defense.epsilon", Kind: Number, Max: MaxEpsilon, Link: 1, Effect: Retrain,
		Get: func(s *Settings) any { return s.Defense.Epsilon },
		set: func(s *Settings, v any) (bool, error) { s.Defense.Epsilon = v.(float64); return true, nil }},
	{Path: "dimension", Kind: Whole, Min: MinDimension, Max: MaxDimension, Link: 2, Effect: Regenerate,
		Get: func(s *Settings) any { return float64(s.Dimension) },
		set: func(s *Settings, v any) (bool, error) {
			d := int(v.(float64))
			switch {
			case cloudPreset(s.Preset):
				s.Dimension = d
				return true, nil
			case d != s.Dimension:
				return false, patch.Errorf("dimension", "applies to the clouds presets %s only; %s has %d dimensions", strings.Join(CloudPresets, " and "), s.Preset, s.Dimension)
			}
			return false, nil // the preset's own value: nothing to do
		}},
	{Path: "glyphs", Kind: Text, Link: 2, Effect: Regenerate,
		Get: func(s *Settings) any { return s.Glyphs },
		read: func(path string, v any) (any, error) {
			pair, ok := v.(string)
			if !ok {
				return nil, patch.Errorf(path, "must be two distinct characters such as \"37\", got %s", patch.Describe(v))
			}
			return pair, nil
		},
		set: func(s *Settings, v any) (bool, error) {
			pair := v.(string)
			switch {
			case s.Preset == glyphs.Name:
				c := glyphs.Default
				c.Pair = pair
				if _, err := c.Means(); err != nil {
					return false, patch.Errorf("glyphs", "%s", strings.TrimPrefix(err.Error(), glyphs.Name+": "))
				}
				s.Glyphs = pair
				return true, nil
			case pair != s.Glyphs:
				return false, patch.Errorf("glyphs", "applies to the %s preset only, not %s", glyphs.Name, s.Preset)
			}
			return false, nil
		}},
	{Path: "digits", Kind: Text, Link: 3, Effect: Regenerate,
		Get: func(s *Settings) any { return s.Digits },
		read: func(path string, v any) (any, error) {
			pair, ok := v.(string)
			if !ok {
				return nil, patch.Errorf(path, "must be two digits 0 to 9 such as \"37\", got %s", patch.Describe(v))
			}
			return pair, nil
		},
		set: func(s *Settings, v any) (bool, error) {
			pair := v.(string)
			switch {
			case s.Preset == MNIST:
				if err := checkDigits(pair); err != nil {
					return false, err
				}
				s.Digits = pair
				return true, nil
			case pair != s.Digits:
				return false, patch.Errorf("digits", "applies to the %s preset only, not %s", MNIST, s.Preset)
			}
			return false, nil
		}},
	{Path: "chart.mode", Kind: Choice, Choices: func() []string { return ChartModes }, Link: 2,
		Get: func(s *Settings) any { return s.Chart.Mode },
		set: func(s *Settings, v any) (bool, error) { s.Chart.Mode = v.(string); return true, nil }},
}

func showFlag(name string, flag func(*Show) *bool) Field {
	return Field{Path: "show." + name, Kind: Flag, Link: 1,
		Get: func(s *Settings) any { return *flag(&s.Show) },
		set: func(s *Settings, v any) (bool, error) { *flag(&s.Show) = v.(bool); return true, nil }}
}

// Read checks a patch value for the field and returns it as set takes
// it: float64 for a Number or a Whole, bool, string, and [mlp.MaxLayers]int
// for Widths. The error names the field's path.
func (f *Field) Read(v any) (any, error) {
	if f.read != nil {
		return f.read(f.Path, v)
	}
	switch f.Kind {
	case Number:
		return patch.Number(f.Path, v, f.Min, f.Max)
	case Whole:
		n, err := patch.Integer(f.Path, v, f.Min, f.Max)
		return float64(n), err
	case Flag:
		return patch.Bool(f.Path, v)
	case Choice:
		return patch.OneOf(f.Path, v, f.Choices())
	case Widths:
		list, ok := v.([]any)
		if !ok || len(list) < mlp.MinLayers || len(list) > mlp.MaxLayers {
			return nil, patch.Errorf(f.Path, "must be a list of %d to %d layer widths such as [16, 16], got %s", mlp.MinLayers, mlp.MaxLayers, patch.Describe(v))
		}
		var out [mlp.MaxLayers]int
		for i, w := range list {
			n, err := patch.Integer(fmt.Sprintf("%s[%d]", f.Path, i), w, f.Min, f.Max)
			if err != nil {
				return nil, err
			}
			out[i] = int(n)
		}
		return out, nil
	}
	panic("scene: field " + f.Path + " has no reader")
}
