package readout

import (
	"strings"
	"testing"

	"advplay/engine/scene"
)

// TestOptions checks the panel's lists against the scene: every value the
// scene takes has a label of its own, every listed value is one the scene
// accepts, and no label is left over from a value that went away.
func TestOptions(t *testing.T) {
	opts := Options()
	for setting, labels := range optionLabels {
		listed := map[string]bool{}
		for _, o := range opts[setting] {
			listed[o.Value] = true
			if _, ok := labels[o.Value]; !ok {
				t.Errorf("%s %q has no label", setting, o.Value)
			}
			if strings.Contains(o.Label, "%") {
				t.Errorf("%s %q: label %q is not filled in", setting, o.Value, o.Label)
			}
			sc, err := scene.New(scene.DefaultSettings())
			if err != nil {
				t.Fatal(err)
			}
			if err := sc.Apply(patchFor(setting, o.Value)); err != nil {
				t.Errorf("%s %q is listed, and the scene refuses it: %v", setting, o.Value, err)
			}
		}
		for v := range labels {
			if !listed[v] {
				t.Errorf("%s %q has a label but the scene does not take it", setting, v)
			}
		}
	}
	for _, o := range opts["preset"] {
		if o.Value == "small" && o.Label != "Clouds, 2×100" || o.Value == "article" && o.Label != "Article, 2×10,000" {
			t.Errorf("preset %q is labelled %q, want its count filled in", o.Value, o.Label)
		}
	}
}

// patchFor returns the patch that selects value for a setting of Options.
func patchFor(setting, value string) scene.Patch {
	switch setting {
	case "attack":
		return scene.Patch{"attack": map[string]any{"method": value}}
	case "model":
		return scene.Patch{"model": map[string]any{"kind": value}}
	case "activation":
		return scene.Patch{"model": map[string]any{"activation": value}}
	case "recipe":
		return scene.Patch{"training": map[string]any{"recipe": value}}
	case "optimizer":
		return scene.Patch{"training": map[string]any{"optimizer": value}}
	case "defense":
		return scene.Patch{"defense": map[string]any{"method": value}}
	case "chart":
		return scene.Patch{"chart": map[string]any{"mode": value}}
	}
	return scene.Patch{setting: value}
}
