package scene

import (
	"fmt"
	"strings"

	"advplay/engine/advtrain"
	"advplay/engine/data"
	"advplay/engine/glyphs"
	"advplay/engine/mlp"
)

// settableKeys are the top-level fields Apply accepts.
var settableKeys = []string{
	"epsilon", "attack", "training", "preset", "seed", "n", "noise",
	"show", "class", "mode", "points", "model", "defense",
	"dimension", "glyphs", "chart",
}

// Apply applies a patch of settable fields, for example
// {"epsilon": 0.2}, {"attack": {"method": "pgd"}} or
// {"preset": "article", "seed": 3}. It checks the whole patch first: on
// error it returns an error naming the field, such as
// "epsilon: must be a number from 0 to 1, got -1", and changes nothing.
//
// Changing preset, seed, n, noise, dimension or glyphs regenerates the
// points (dropping edits); points replaces them with a custom set in the
// plane. Changing the recipe or the data retrains; changing ε or the
// attack re-attacks. Choosing another preset sets n, noise, dimension and
// glyphs to its defaults unless the patch sets them too.
//
// dimension (a whole number from MinDimension to MaxDimension) applies to
// the clouds presets (CloudPresets) only, and glyphs (two distinct
// characters that Go Regular draws, such as "37") to the glyphs preset
// only; for another preset a patch that changes them is refused (one that
// repeats the preset's own value changes nothing). The
// points may hold at most data.MaxCoordinates coordinates, 2·n·d: beyond
// that the error names n or dimension, whichever the patch set (dimension
// if both). Above two dimensions the model is logistic regression fitted
// to convergence: a patch that would combine d > 2 with the MLP, the
// article's recipe or a defense is refused, naming the field it set
// (model.kind, training.recipe or defense.method, or else dimension or
// preset).
func (s *Scene) Apply(p Patch) error {
	if err := s.apply(p); err != nil {
		return err
	}
	s.Flush()
	return nil
}

// apply is Apply without the final Flush.
func (s *Scene) apply(p Patch) error {
	m, err := object("", p, settableKeys...)
	if err != nil {
		return err
	}
	next := s.settings
	regenerate, retrain, reattack := false, false, false
	var running *bool
	var points []data.Point
	hasPoints := false

	if v, ok := m["epsilon"]; ok {
		if next.Epsilon, err = number("epsilon", v, 0, MaxEpsilon); err != nil {
			return err
		}
		reattack = true
	}
	if v, ok := m["attack"]; ok {
		if next.Attack, err = applyAttack(next.Attack, v); err != nil {
			return err
		}
		reattack = true
	}
	if v, ok := m["training"]; ok {
		t, err := object("training", v, "recipe", "running", "optimizer", "epochs")
		if err != nil {
			return err
		}
		if o, ok := t["optimizer"]; ok {
			if next.Optimizer, err = oneOf("training.optimizer", o, Optimizers); err != nil {
				return err
			}
		}
		if e, ok := t["epochs"]; ok {
			n, err := integer("training.epochs", e, 1, MaxEpochs)
			if err != nil {
				return err
			}
			next.Epochs = int(n)
		}
		if r, ok := t["recipe"]; ok {
			if next.Recipe, err = oneOf("training.recipe", r, Recipes); err != nil {
				return err
			}
			retrain = retrain || next.Recipe != s.settings.Recipe
		}
		if r, ok := t["running"]; ok {
			b, err := boolean("training.running", r)
			if err != nil {
				return err
			}
			running = &b
		}
	}
	if v, ok := m["model"]; ok {
		if next.Model, err = applyModel(next.Model, v); err != nil {
			return err
		}
	}
	if v, ok := m["defense"]; ok {
		if next.Defense, err = applyDefense(next.Defense, v); err != nil {
			return err
		}
	}
	if v, ok := m["preset"]; ok {
		name, err := oneOf("preset", v, Presets())
		if err != nil {
			return err
		}
		if name != next.Preset {
			next = presetDefaults(next, name)
		}
		regenerate = true
	}
	if v, ok := m["seed"]; ok {
		seed, err := integer("seed", v, 0, 1<<53-1)
		if err != nil {
			return err
		}
		next.Seed = uint64(seed)
		regenerate = true
	}
	if v, ok := m["n"]; ok {
		n, err := integer("n", v, 0, MaxPoints/2)
		if err != nil {
			return err
		}
		next.N = int(n)
		regenerate = true
	}
	if v, ok := m["noise"]; ok {
		if next.Noise, err = number("noise", v, 0, data.MaxNoise); err != nil {
			return err
		}
		regenerate = true
	}
	if v, ok := m["dimension"]; ok {
		d, err := integer("dimension", v, MinDimension, MaxDimension)
		if err != nil {
			return err
		}
		switch {
		case cloudPreset(next.Preset):
			next.Dimension = int(d)
			regenerate = true
		case int(d) != next.Dimension:
			return &fieldError{"dimension", fmt.Sprintf("applies to the clouds presets %s only; %s has %d dimensions", strings.Join(CloudPresets, " and "), next.Preset, next.Dimension)}
		}
	}
	if v, ok := m["glyphs"]; ok {
		pair, ok := v.(string)
		if !ok {
			return &fieldError{"glyphs", "must be two distinct characters such as \"37\", got " + describe(v)}
		}
		switch {
		case next.Preset == glyphs.Name:
			c := glyphs.Default
			c.Pair = pair
			if _, err := c.Means(); err != nil {
				return &fieldError{"glyphs", strings.TrimPrefix(err.Error(), glyphs.Name+": ")}
			}
			next.Glyphs = pair
			regenerate = true
		case pair != next.Glyphs:
			return &fieldError{"glyphs", fmt.Sprintf("applies to the %s preset only, not %s", glyphs.Name, next.Preset)}
		}
	}
	if v, ok := m["chart"]; ok {
		c, err := object("chart", v, "mode")
		if err != nil {
			return err
		}
		if mode, ok := c["mode"]; ok {
			if next.Chart.Mode, err = oneOf("chart.mode", mode, ChartModes); err != nil {
				return err
			}
		}
	}
	if v, ok := m["show"]; ok {
		if next.Show, err = applyShow(next.Show, v); err != nil {
			return err
		}
	}
	if v, ok := m["class"]; ok {
		if next.Class, err = Label("class", v); err != nil {
			return err
		}
	}
	if v, ok := m["mode"]; ok {
		if next.Mode, err = oneOf("mode", v, Modes); err != nil {
			return err
		}
	}
	if v, ok := m["points"]; ok {
		if regenerate {
			return &fieldError{"points", "cannot be set together with preset, seed, n, noise, dimension or glyphs"}
		}
		if points, err = parsePoints(v); err != nil {
			return err
		}
		hasPoints = true
		// Custom points are in the plane.
		next.Preset, next.Dimension, next.Glyphs = "empty", MinDimension, ""
	}
	if regenerate {
		next = next.generated()
	}
	if err := checkHigh(m, &next); err != nil {
		return err
	}
	if regenerate && 2*next.N > data.MaxCoordinates/next.Dimension {
		field := "n"
		if _, ok := m["dimension"]; ok {
			field = "dimension"
		} else if _, ok := m["n"]; !ok {
			field = "preset"
		}
		return &fieldError{field, fmt.Sprintf("2×%d points in %d dimensions are more than %d coordinates; at most %d points per class in %d dimensions",
			next.N, next.Dimension, data.MaxCoordinates, data.MaxCoordinates/(2*next.Dimension), next.Dimension)}
	}

	// Any change of what is trained, or how, retrains.
	retrain = retrain || next.Model != s.settings.Model || next.Defense != s.settings.Defense ||
		next.Optimizer != s.settings.Optimizer || next.Epochs != s.settings.Epochs

	// Everything is valid; generating is the last thing that can fail.
	switch {
	case regenerate:
		if err := s.loadPreset(next); err != nil {
			return &fieldError{"preset", err.Error()}
		}
	case hasPoints:
		s.settings = next
		if err := s.SetPoints(points); err != nil {
			return err
		}
	default:
		s.settings = next
	}
	if retrain {
		s.needTrain = true
	}
	if reattack {
		s.needAttack = true
	}
	if running != nil {
		s.setRunning(*running)
	}
	return nil
}

// presetDefaults returns the settings with the preset name chosen and its
// defaults: n, noise, dimension and, for the glyphs, the pair.
func presetDefaults(set Settings, name string) Settings {
	set.Preset, set.Dimension, set.Glyphs = name, presetDimension(name), ""
	if name == glyphs.Name {
		set.N, set.Noise, set.Glyphs = glyphs.Default.PerClass, glyphs.Default.Sigma, glyphs.Default.Pair
		return set
	}
	pre, _ := data.LookupPreset(name)
	set.N, set.Noise = pre.PerClass, pre.Noise
	return set
}

// checkHigh makes next fit above two dimensions, where the model is
// logistic regression fitted to convergence: a setting for the plane only
// — the MLP, the article's recipe, a defense — that the patch m asks for
// is refused, naming its field; one that m leaves as it was goes back to
// its default, as choosing the glyphs in a menu should not fail because
// the network was chosen before.
func checkHigh(m Patch, next *Settings) error {
	if next.Dimension <= MinDimension {
		return nil
	}
	def := DefaultSettings()
	for _, c := range []struct {
		object, key string
		bad         bool
		reset       func()
		what        string
	}{
		{"model", "kind", next.Model.Kind != KindLogReg, func() { next.Model = def.Model }, "the MLP"},
		{"training", "recipe", next.Recipe != RecipeConverged, func() { next.Recipe = RecipeConverged }, "the article's recipe"},
		{"defense", "method", next.Defense.Method != advtrain.None, func() { next.Defense.Method = advtrain.None }, "adversarial training"},
	} {
		if !c.bad {
			continue
		}
		if o, ok := m[c.object].(map[string]any); ok {
			if _, ok := o[c.key]; ok {
				return &fieldError{c.object + "." + c.key, fmt.Sprintf("%s is for the plane only; above two dimensions (here %d) the model is logistic regression fitted to convergence",
					c.what, next.Dimension)}
			}
		}
		c.reset()
	}
	return nil
}

func applyModel(ms ModelSettings, v any) (ModelSettings, error) {
	m, err := object("model", v, "kind", "hidden", "activation")
	if err != nil {
		return ms, err
	}
	if k, ok := m["kind"]; ok {
		if ms.Kind, err = oneOf("model.kind", k, ModelKinds); err != nil {
			return ms, err
		}
	}
	if h, ok := m["hidden"]; ok {
		list, ok := h.([]any)
		if !ok || len(list) < mlp.MinLayers || len(list) > mlp.MaxLayers {
			return ms, &fieldError{"model.hidden", fmt.Sprintf("must be a list of %d to %d layer widths such as [16, 16], got %s", mlp.MinLayers, mlp.MaxLayers, describe(h))}
		}
		ms.Hidden = [mlp.MaxLayers]int{}
		for i, w := range list {
			n, err := integer(fmt.Sprintf("model.hidden[%d]", i), w, mlp.MinUnits, mlp.MaxUnits)
			if err != nil {
				return ms, err
			}
			ms.Hidden[i] = int(n)
		}
	}
	if a, ok := m["activation"]; ok {
		if ms.Activation, err = oneOf("model.activation", a, Activations); err != nil {
			return ms, err
		}
	}
	return ms, validateModel(ms)
}

func applyDefense(d DefenseSettings, v any) (DefenseSettings, error) {
	m, err := object("defense", v, "method", "epsilon")
	if err != nil {
		return d, err
	}
	if k, ok := m["method"]; ok {
		if d.Method, err = oneOf("defense.method", k, DefenseMethods); err != nil {
			return d, err
		}
	}
	if e, ok := m["epsilon"]; ok {
		if d.Epsilon, err = number("defense.epsilon", e, 0, MaxEpsilon); err != nil {
			return d, err
		}
	}
	return d, nil
}

func applyAttack(a AttackSettings, v any) (AttackSettings, error) {
	m, err := object("attack", v, "method", "steps", "stepSize", "norm", "randomStart")
	if err != nil {
		return a, err
	}
	if v, ok := m["method"]; ok {
		if a.Method, err = oneOf("attack.method", v, AttackMethods); err != nil {
			return a, err
		}
	}
	if v, ok := m["steps"]; ok {
		n, err := integer("attack.steps", v, 1, 100)
		if err != nil {
			return a, err
		}
		a.Steps = int(n)
	}
	if v, ok := m["stepSize"]; ok {
		if a.StepSize, err = number("attack.stepSize", v, 0, MaxEpsilon); err != nil {
			return a, err
		}
	}
	if v, ok := m["norm"]; ok {
		if a.Norm, err = oneOf("attack.norm", v, AttackNorms); err != nil {
			return a, err
		}
	}
	if v, ok := m["randomStart"]; ok {
		if a.RandomStart, err = boolean("attack.randomStart", v); err != nil {
			return a, err
		}
	}
	return a, nil
}

func applyShow(sh Show, v any) (Show, error) {
	m, err := object("show", v, "arrows", "shading", "chart", "theory", "controls")
	if err != nil {
		return sh, err
	}
	flags := []struct {
		key string
		dst *bool
	}{{"arrows", &sh.Arrows}, {"shading", &sh.Shading}, {"chart", &sh.Chart}, {"theory", &sh.Theory}}
	for _, f := range flags {
		if v, ok := m[f.key]; ok {
			if *f.dst, err = boolean("show."+f.key, v); err != nil {
				return sh, err
			}
		}
	}
	if v, ok := m["controls"]; ok {
		if sh.Controls, err = oneOf("show.controls", v, ControlsValues); err != nil {
			return sh, err
		}
	}
	return sh, nil
}

func parsePoints(v any) ([]data.Point, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, &fieldError{"points", "must be an array of {x, y, label}, got " + describe(v)}
	}
	if len(list) > MaxPoints {
		return nil, &fieldError{"points", fmt.Sprintf("has %d points, at most %d", len(list), MaxPoints)}
	}
	out := make([]data.Point, len(list))
	for i, item := range list {
		path := fmt.Sprintf("points[%d]", i)
		m, err := object(path, item, "x", "y", "label")
		if err != nil {
			return nil, err
		}
		for _, k := range []string{"x", "y", "label"} {
			if _, ok := m[k]; !ok {
				return nil, &fieldError{path + "." + k, "is missing"}
			}
		}
		if out[i].X, err = coordinate(path+".x", m["x"]); err != nil {
			return nil, err
		}
		if out[i].Y, err = coordinate(path+".y", m["y"]); err != nil {
			return nil, err
		}
		if out[i].Label, err = Label(path+".label", m["label"]); err != nil {
			return nil, err
		}
	}
	return out, nil
}
