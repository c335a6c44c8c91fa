package readout

import (
	"strings"
	"testing"

	"advplay/engine/mnist"
	"advplay/engine/scene"
)

// TestOptions checks the panel's menus against the scene: every value a
// menu's setting takes has a label of its own, every listed value is one
// the scene accepts (set by its path), and no label is left over from a
// setting or a value that went away.
func TestOptions(t *testing.T) {
	opts := ChoicesOf("local=")
	for path, labels := range menuLabels {
		list, ok := opts.Menus[path]
		if !ok {
			t.Errorf("%s has labels, but no setting of that path has choices", path)
			continue
		}
		listed := map[string]bool{}
		for _, o := range list {
			listed[o.Value] = true
			if _, ok := labels[o.Value]; !ok {
				t.Errorf("%s %q has no label", path, o.Value)
			}
			if strings.Contains(o.Label, "%") {
				t.Errorf("%s %q: label %q is not filled in", path, o.Value, o.Label)
			}
			sc, err := scene.New(scene.DefaultSettings())
			if err != nil {
				t.Fatal(err)
			}
			if err := sc.Apply(patchFor(path, o.Value)); err != nil {
				// The digits need their files, which a page fetches first.
				if _, missing := mnist.IsMissing(err); !missing {
					t.Errorf("%s %q is listed, and the scene refuses it: %v", path, o.Value, err)
				}
			}
		}
		for v := range labels {
			if !listed[v] {
				t.Errorf("%s %q has a label but the scene does not take it", path, v)
			}
		}
	}
	for _, o := range opts.Menus["preset"] {
		if o.Value == "small" && o.Label != "Clouds, 2×100" || o.Value == "article" && o.Label != "Article, 2×10,000" {
			t.Errorf("preset %q is labelled %q, want its count filled in", o.Value, o.Label)
		}
	}
	if len(opts.Dimensions) == 0 || len(opts.CloudPresets) == 0 || opts.Series["attack"] != "attacked" {
		t.Errorf("options lack the slider's stops, the clouds presets or the series: %+v", opts)
	}
}

// patchFor returns the patch that sets the setting at path to value.
func patchFor(path, value string) scene.Patch {
	head, key, nested := strings.Cut(path, ".")
	if !nested {
		return scene.Patch{head: value}
	}
	return scene.Patch{head: map[string]any{key: value}}
}
