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
// the command line exactly as README says (go run ./scripts/experiment
// -scene LINK): the parameters must agree bit for bit.
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
	args := []string{"run", "./scripts/experiment", "-json", "-scene", p.Hash}
	cmd := exec.Command("go", args...)
	cmd.Dir = repoRoot
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go %v: %v", args, err)
	}
	var cli struct {
		Parameters []float64 `json:"parameters"`
	}
	if err := json.Unmarshal(out, &cli); err != nil {
		t.Fatalf("decoding the command line's JSON: %v", err)
	}
	if len(cli.Parameters) != len(p.Model.Parameters) {
		t.Fatalf("the command line has %d parameters, the page %d", len(cli.Parameters), len(p.Model.Parameters))
	}
	differ := 0
	for i, v := range cli.Parameters {
		if math.Float64bits(v) != math.Float64bits(p.Model.Parameters[i]) {
			differ++
		}
	}
	t.Logf("figure: a 2-6-1 network, PGD training at ε 0.1 with L-BFGS, %d epochs: %d of %d parameters differ between the page and the command line",
		p.Epoch, differ, len(cli.Parameters))
	if differ > 0 {
		t.Errorf("%d of %d parameters differ between the page and the command line", differ, len(cli.Parameters))
	}
}
