package scene

import (
	"fmt"
	"slices"
	"strings"

	"advplay/engine/advtrain"
	"advplay/engine/data"
	"advplay/engine/glyphs"
	"advplay/engine/scene/patch"
)

// Patch is a decoded JavaScript object: see package patch.
type Patch = patch.Patch

// A patch holds settings (Fields) and two commands: training.running,
// which pauses or resumes a step-wise training, and points, which
// replaces the points with a custom set in the plane.
const (
	runningPath = "training.running"
	pointsKey   = "points"
)

// change is what a patch asks for, checked: the next settings, what they
// recompute, and the commands.
type change struct {
	next                          Settings
	regenerate, retrain, reattack bool
	running                       *bool
	points                        []data.Point
	hasPoints                     bool
}

// patchKeys returns the keys a patch may have at its top level and, for
// each object among them, the keys inside it, in the order of Fields.
func patchKeys() (top []string, inside map[string][]string) {
	inside = map[string][]string{}
	add := func(path string) {
		head, key, nested := strings.Cut(path, ".")
		if !slices.Contains(top, head) {
			top = append(top, head)
		}
		if nested {
			inside[head] = append(inside[head], key)
		}
	}
	for _, f := range Fields {
		add(f.Path)
	}
	add(runningPath)
	add(pointsKey)
	return top, inside
}

// lookup returns the value at path ("attack.method") in m, which parse
// has checked to hold objects where Fields say so.
func lookup(m map[string]any, path string) (any, bool) {
	head, key, nested := strings.Cut(path, ".")
	v, ok := m[head]
	if !ok || !nested {
		return v, ok
	}
	v, ok = v.(map[string]any)[key]
	return v, ok
}

// parse checks a whole patch against the settings cur and returns the
// change it asks for; on error it names the field. It changes nothing.
func parse(cur Settings, p Patch) (change, error) {
	top, err := checkShape(p)
	if err != nil {
		return change{}, err
	}
	c := change{next: cur}
	if err := c.readFields(top); err != nil {
		return change{}, err
	}
	if err := c.readCommands(top); err != nil {
		return change{}, err
	}
	if c.regenerate {
		c.next = c.next.generated()
	}
	if err := checkDigitSettings(top, &c.next); err != nil {
		return change{}, err
	}
	if err := checkHigh(top, &c.next); err != nil {
		return change{}, err
	}
	if err := checkPlaneModel(top, &c.next); err != nil {
		return change{}, err
	}
	if err := checkSize(top, c); err != nil {
		return change{}, err
	}
	next := c.next
	// Any change of what is trained, or how, retrains.
	c.retrain = next.Recipe != cur.Recipe || next.Model != cur.Model || next.Defense != cur.Defense ||
		next.Optimizer != cur.Optimizer || next.Epochs != cur.Epochs
	return c, nil
}

// checkShape checks that p has only the keys a patch may have, and objects
// with only their own keys where Fields say so, and returns p.
func checkShape(p Patch) (map[string]any, error) {
	topKeys, inside := patchKeys()
	top, err := patch.Object("", p, topKeys...)
	if err != nil {
		return nil, err
	}
	for _, key := range topKeys {
		if v, ok := top[key]; ok && inside[key] != nil {
			if _, err := patch.Object(key, v, inside[key]...); err != nil {
				return nil, err
			}
		}
	}
	return top, nil
}

// readFields reads every field the patch sets, in the order of Fields,
// into c.next, and notes what they recompute.
func (c *change) readFields(top map[string]any) error {
	for i := range Fields {
		f := &Fields[i]
		v, ok := lookup(top, f.Path)
		if !ok {
			continue
		}
		val, err := f.Read(v)
		if err != nil {
			return err
		}
		applies, err := f.set(&c.next, val)
		if err != nil {
			return err
		}
		c.regenerate = c.regenerate || applies && f.Effect == Regenerate
		c.reattack = c.reattack || applies && f.Effect == Reattack
	}
	if _, ok := top["model"]; ok {
		return validateModel(c.next)
	}
	return nil
}

// readCommands reads the commands: training.running, and points, which
// replaces the points with a custom set in the plane and cannot come with
// a field that regenerates them.
func (c *change) readCommands(top map[string]any) error {
	if v, ok := lookup(top, runningPath); ok {
		b, err := patch.Bool(runningPath, v)
		if err != nil {
			return err
		}
		c.running = &b
	}
	v, ok := top[pointsKey]
	if !ok {
		return nil
	}
	if c.regenerate {
		return patch.Errorf(pointsKey, "cannot be set together with preset, seed, n, noise, dimension or glyphs")
	}
	points, err := parsePoints(v)
	if err != nil {
		return err
	}
	c.points, c.hasPoints = points, true
	c.next.Preset, c.next.Dimension, c.next.Glyphs = "empty", MinDimension, ""
	return nil
}

// checkSize refuses new points of more than data.MaxCoordinates
// coordinates, 2·n·d, naming n or dimension, whichever the patch set
// (dimension if both), or else preset.
func checkSize(top map[string]any, c change) error {
	next := c.next
	if !c.regenerate || 2*next.N <= data.MaxCoordinates/next.Dimension {
		return nil
	}
	field := "n"
	if _, ok := top["dimension"]; ok {
		field = "dimension"
	} else if _, ok := top["n"]; !ok {
		field = "preset"
	}
	return patch.Errorf(field, "2×%d points in %d dimensions are more than %d coordinates; at most %d points per class in %d dimensions",
		next.N, next.Dimension, data.MaxCoordinates, data.MaxCoordinates/(2*next.Dimension), next.Dimension)
}

// presetDefaults returns the settings with the preset name chosen and its
// defaults: n, noise, dimension and, for the glyphs and the digits, the
// pair; to and from the digits, the network's training defaults too.
func presetDefaults(set Settings, name string) Settings {
	leaving := set.Preset == MNIST
	set.Preset, set.Dimension, set.Glyphs, set.Digits = name, presetDimension(name), "", ""
	if name == MNIST || leaving {
		set = digitDefaults(set, leaving)
		if name == MNIST {
			return set
		}
	}
	if name == glyphs.Name {
		set.N, set.Noise, set.Glyphs = glyphs.Default.PerClass, glyphs.Default.Sigma, glyphs.Default.Pair
		return set
	}
	pre, _ := data.LookupPreset(name)
	set.N, set.Noise = pre.PerClass, pre.Noise
	return set
}

// checkHigh makes next fit above two dimensions, where the model is
// logistic regression fitted to convergence (but for the digits, see
// checkDigitSettings): a setting for the plane only
// — the MLP, the article's recipe, a defense — that the patch m asks for
// is refused, naming its field; one that m leaves as it was goes back to
// its default, as choosing the glyphs in a menu should not fail because
// the network was chosen before.
func checkHigh(m Patch, next *Settings) error {
	if next.Dimension <= MinDimension || next.Preset == MNIST {
		return nil
	}
	def := DefaultSettings()
	for _, c := range []struct {
		path  string
		bad   bool
		reset func()
		what  string
	}{
		{"model.kind", next.Model.Kind != KindLogReg, func() { next.Model = def.Model }, "the MLP"},
		{"training.recipe", next.Recipe != RecipeConverged, func() { next.Recipe = RecipeConverged }, "the article's recipe"},
		{"defense.method", next.Defense.Method != advtrain.None, func() { next.Defense.Method = advtrain.None }, "adversarial training"},
	} {
		if !c.bad {
			continue
		}
		if _, ok := lookup(m, c.path); ok {
			return patch.Errorf(c.path, "%s is for the plane only; above two dimensions (here %d) the model is logistic regression fitted to convergence",
				c.what, next.Dimension)
		}
		c.reset()
	}
	return nil
}

// checkPlaneModel refuses a network wider than the plane's MLP takes
// (mlp.MaxUnits) outside the digits, naming model.hidden if the patch m
// set it, and otherwise puts the default back.
func checkPlaneModel(m Patch, next *Settings) error {
	if next.Preset == MNIST || next.Model.Kind != KindMLP && next.Model.mlpConfig().Validate() == nil {
		return nil
	}
	if err := next.Model.mlpConfig().Validate(); err != nil {
		if _, ok := lookup(m, "model.hidden"); ok {
			return patch.Errorf("model.hidden", "%v", err)
		}
		next.Model.Hidden = DefaultSettings().Model.Hidden
	}
	return nil
}

// parsePoints reads the points command: an array of {x, y, label}.
func parsePoints(v any) ([]data.Point, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, patch.Errorf(pointsKey, "must be an array of {x, y, label}, got %s", patch.Describe(v))
	}
	if len(list) > MaxPoints {
		return nil, patch.Errorf(pointsKey, "has %d points, at most %d", len(list), MaxPoints)
	}
	out := make([]data.Point, len(list))
	for i, item := range list {
		path := fmt.Sprintf("points[%d]", i)
		m, err := patch.Object(path, item, "x", "y", "label")
		if err != nil {
			return nil, err
		}
		for _, k := range []string{"x", "y", "label"} {
			if _, ok := m[k]; !ok {
				return nil, patch.Errorf(path+"."+k, "is missing")
			}
		}
		if out[i].X, err = coordinate(path+".x", m["x"]); err != nil {
			return nil, err
		}
		if out[i].Y, err = coordinate(path+".y", m["y"]); err != nil {
			return nil, err
		}
		if out[i].Label, err = patch.Label(path+".label", m["label"]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// coordinate checks one coordinate of a point.
func coordinate(path string, v any) (float64, error) {
	return patch.Number(path, v, -MaxCoordinate, MaxCoordinate)
}
