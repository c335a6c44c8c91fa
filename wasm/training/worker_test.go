//go:build js && wasm

package training

import (
	"slices"
	"syscall/js"
	"testing"

	"advplay/engine/scene"
	"advplay/wasm/jsvalue"
)

// TestProgressOf reads back a progress as the worker posts it (a plain
// object made by jsvalue.ToJS), parameters bit for bit, and refuses
// objects that are not one.
func TestProgressOf(t *testing.T) {
	want := scene.Progress{Main: scene.RunProgress{Epoch: 12, Loss: 0.25, Params: []float64{1.5, -2e-300, 3}},
		Baseline: &scene.RunProgress{Epoch: 12, Done: true, Converged: true, Params: []float64{0.1}},
		Rival:    &scene.RunProgress{Epoch: 1, Done: true, Params: []float64{0.5, -0.5}}}
	got, err := progressOf(js.ValueOf(jsvalue.ToJS(want)))
	if err != nil {
		t.Fatal(err)
	}
	if got.Main.Epoch != 12 || got.Main.Loss != 0.25 || !slices.Equal(got.Main.Params, want.Main.Params) ||
		got.Baseline == nil || !got.Baseline.Done || !got.Baseline.Converged || !slices.Equal(got.Baseline.Params, want.Baseline.Params) {
		t.Errorf("read back %+v (baseline %+v), want %+v", got, got.Baseline, want)
	}
	if got.Rival == nil || got.Rival.Epoch != 1 || !slices.Equal(got.Rival.Params, want.Rival.Params) {
		t.Errorf("read back the rival %+v, want %+v", got.Rival, want.Rival)
	}
	// A network on the digits: 784·64 + 64 + 64 + 1 parameters, more than
	// an array from the page may hold.
	big := scene.Progress{Main: scene.RunProgress{Epoch: 1, Params: make([]float64, 784*64+64+64+1)}}
	if got, err := progressOf(js.ValueOf(jsvalue.ToJS(big))); err != nil || len(got.Main.Params) != len(big.Main.Params) {
		t.Errorf("a network on the digits' progress: %d parameters read, error %v", len(got.Main.Params), err)
	}
	for _, bad := range []any{nil, 3.0, map[string]any{}, map[string]any{"main": map[string]any{"epoch": 1.0}}} {
		if _, err := progressOf(js.ValueOf(bad)); err == nil {
			t.Errorf("progressOf(%v) took it", bad)
		}
	}
}
