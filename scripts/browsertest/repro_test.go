//go:build !js

package browsertest

// Reproducibility: the page and the command line give the same bits.

import (
	"encoding/json"
	"math"
	"os/exec"
	"testing"
	"time"
)

// TestNetworkReproduces trains a network with PGD adversarial training
// and L-BFGS in the page, as the frames slice it, and the same scene with
// the command line (go run -tags noasm ./scripts/experiment -scene): the
// parameters must agree bit for bit. gonum's assembly (amd64) sums in
// another order than its Go code (WebAssembly), so the command line is
// built with -tags noasm, which selects that Go code; without it the
// difference is printed as a figure.
func TestNetworkReproduces(t *testing.T) {
	tb := openPlay(t, desktop)
	if e := tb.try(`advplay.set({preset: "moons", n: 60, seed: 4, model: {kind: "mlp", hidden: [6], activation: "tanh"},
	  training: {optimizer: "lbfgs", epochs: 40}, defense: {method: "pgd", epsilon: 0.1}})`); e != "" {
		t.Fatal(e)
	}
	tb.waitJS("the network to train", 2*time.Minute, `!advplay.summary().training.running`)
	type page struct {
		Hash  string
		Model struct {
			Parameters []float64 `json:"parameters"`
		}
		Epoch int
	}
	p := evalJS[page](tb, `(() => { const s = advplay.state(); return {hash: advplay.hash(), model: s.model, epoch: s.training.epoch}; })()`)
	if len(p.Model.Parameters) == 0 {
		t.Fatalf("state().model.parameters is empty for a network")
	}
	cli := func(tags ...string) []float64 {
		args := append([]string{"run"}, tags...)
		args = append(args, "./scripts/experiment", "-json", "-scene", p.Hash)
		cmd := exec.Command("go", args...)
		cmd.Dir = repoRoot
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go %v: %v", args, err)
		}
		var o struct {
			Parameters []float64 `json:"parameters"`
		}
		if err := json.Unmarshal(out, &o); err != nil {
			t.Fatalf("decoding the command line's JSON: %v", err)
		}
		return o.Parameters
	}
	noasm := cli("-tags", "noasm")
	if len(noasm) != len(p.Model.Parameters) {
		t.Fatalf("the command line has %d parameters, the page %d", len(noasm), len(p.Model.Parameters))
	}
	differ := 0
	for i := range noasm {
		if math.Float64bits(noasm[i]) != math.Float64bits(p.Model.Parameters[i]) {
			differ++
		}
	}
	t.Logf("figure: a 2-6-1 network, PGD training at ε 0.1 with L-BFGS, %d epochs: %d of %d parameters differ between the page and the command line built with -tags noasm",
		p.Epoch, differ, len(noasm))
	if differ > 0 {
		t.Errorf("%d of %d parameters differ between the page and the command line", differ, len(noasm))
	}
	asm := cli()
	worst := 0.0
	for i := range asm {
		worst = math.Max(worst, math.Abs(asm[i]-p.Model.Parameters[i])/math.Max(1, math.Abs(p.Model.Parameters[i])))
	}
	t.Logf("figure: the same with gonum's amd64 assembly: parameters within %.1e (relative) of the page's", worst)
}
