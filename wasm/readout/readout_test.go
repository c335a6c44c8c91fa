package readout

import (
	"advplay/engine/digitfit"
	"math"
	"strings"
	"testing"

	"advplay/engine/data"
	"advplay/engine/mnist/mnistsrc"
	"advplay/engine/scene"
)

// articleState is the state after the article's recipe at ε = 0.2, with
// the figures `go run ./scripts/experiment` prints for seed 1.
func articleState() scene.State {
	st := scene.State{Settings: scene.DefaultSettings()}
	st.Epsilon = 0.2
	st.Attack.Method = "fgsm"
	st.Model = scene.ModelState{Kind: scene.KindLogReg, Weights: []float64{1.3382, 1.3417}, Bias: -1.4881}
	st.Training = scene.TrainingState{Recipe: "article", Method: "article", Epoch: 20000, Epochs: 20000, Loss: 0.0812}
	st.Metrics = scene.Metrics{CleanError: 0.0305, AdversarialError: 0.0804, N: 20000, Flipped: 999}
	return st
}

func TestLines(t *testing.T) {
	st := articleState()
	got := Lines(st, false)
	want := []string{
		"clean error  3.05 %",
		"under FGSM ε=0.20  8.04 %",
		"w = (1.338, 1.342)  b = -1.488",
		"article's descent, epoch 20000/20000  loss 0.0812",
	}
	if len(got) != len(want) {
		t.Fatalf("Lines: %d lines %v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("line %d: %q, want %q", i, got[i].String(), want[i])
		}
	}
	if c := Lines(st, true); len(c) != 2 || c[1].Value != "8.04 %" {
		t.Errorf("compact: %v, want the two error figures", c)
	}
	st.Training.Running = true
	st.Training.Epoch = 5000
	if l := Lines(st, false)[3].Label; l != "article's descent, epoch 5000/20000  loss 0.0812" {
		t.Errorf("training line while running: %q", l)
	}
}

func TestTraining(t *testing.T) {
	for _, c := range []struct {
		tr   scene.TrainingState
		want string
	}{
		{scene.TrainingState{Method: "newton", Epoch: 7, Loss: 0.01}, "converged: 7 Newton steps, loss 0.0100"},
		{scene.TrainingState{Method: "lbfgs", Loss: 0.2}, "converged (L-BFGS), clean loss 0.2000"},
		{scene.TrainingState{Method: "lbfgs", Epoch: 30, Epochs: 500, Converged: true, Loss: 0.2}, "L-BFGS converged at epoch 30  loss 0.2000"},
		{scene.TrainingState{Method: "adam", Epoch: 30, Epochs: 500, Running: true, Loss: 0.2}, "Adam epoch 30/500  loss 0.2000"},
		{scene.TrainingState{Error: "no points to train on"}, "no points to train on"},
	} {
		if got := Training(c.tr); got != c.want {
			t.Errorf("Training(%+v) = %q, want %q", c.tr, got, c.want)
		}
	}
}

func TestAnnouncement(t *testing.T) {
	st := articleState()
	if got, want := Announcement(st), "Under FGSM at ε 0.20: 8.04 % misclassified; clean 3.05 %."; got != want {
		t.Errorf("Announcement = %q, want %q", got, want)
	}
	st.Training.Running, st.Training.Epoch = true, 12500
	if got := Announcement(st); !strings.HasSuffix(got, " Training: epoch 12,500 of 20,000.") {
		t.Errorf("Announcement while training = %q, want the epoch", got)
	}
	empty := scene.State{}
	empty.Training.Error = "no points to train on"
	if got, want := Announcement(empty), "No points. No points to train on."; got != want {
		t.Errorf("Announcement with no points = %q, want %q", got, want)
	}
}

func TestDescribe(t *testing.T) {
	st := articleState()
	pts := []data.Point{{X: 0, Y: 0, Label: 0}, {X: 2, Y: 2, Label: 1}, {X: 1, Y: 2, Label: 1}}
	got := Describe(st, pts)
	for _, want := range []string{
		"3 points: 1 red circles and 2 blue squares.",
		"The boundary is the line 1.34 x + 1.34 y − 1.49 = 0",
		"FGSM at ε 0.20 moves every point; it flips 999 points across the boundary, so 8.04 % are misclassified, against 3.05 % without the attack.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Describe = %q\nwant it to contain %q", got, want)
		}
	}
	st.Epsilon = 0
	if got := Describe(st, pts); !strings.Contains(got, "There is no attack at ε 0; 3.05 % are misclassified.") {
		t.Errorf("Describe at ε 0 = %q", got)
	}
	st.Model = scene.ModelState{Kind: scene.KindMLP}
	st.Settings.Model = scene.ModelSettings{Kind: scene.KindMLP, Hidden: [3]int{16, 16}, Activation: "tanh"}
	if got := Boundary(st); got != "The boundary is the curve where the 2-16-16-1 tanh network is undecided." {
		t.Errorf("Boundary of an MLP = %q", got)
	}
	st.Model = scene.ModelState{Kind: scene.KindLogReg, Weights: []float64{0, 0}}
	if got := Boundary(st); !strings.Contains(got, "untrained") {
		t.Errorf("Boundary of a zero model = %q", got)
	}
}

func TestPointAndCursor(t *testing.T) {
	p := data.Point{X: 1.25, Y: 0.5, Label: 1}
	for _, c := range []struct {
		info scene.PointInfo
		want string
	}{
		{scene.PointInfo{Margin: 0.8, MinFlip: 0.125}, "blue square at (1.25, 0.5), flips at ε 0.125"},
		{scene.PointInfo{Margin: 0.8, MinFlip: 0.125, Flipped: true}, "blue square at (1.25, 0.5), flips at ε 0.125, flipped by the attack"},
		{scene.PointInfo{Margin: -0.1, MinFlip: 0}, "blue square at (1.25, 0.5), misclassified"},
		{scene.PointInfo{Margin: 0.8, MinFlip: math.NaN()}, "blue square at (1.25, 0.5)"},
	} {
		if got := Point(p, c.info); got != c.want {
			t.Errorf("Point(%+v) = %q, want %q", c.info, got, c.want)
		}
	}
	if got, want := Cursor(1, -0.5, ""), "Cursor at (1.00, -0.50)."; got != want {
		t.Errorf("Cursor = %q, want %q", got, want)
	}
	if got, want := Cursor(1, 2, "red circle at (1, 2)"), "Cursor at (1.00, 2.00). Nearest: red circle at (1, 2)."; got != want {
		t.Errorf("Cursor = %q, want %q", got, want)
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 20000: "20,000", 1234567: "1,234,567", -4000: "−4,000"} {
		if got := count(n); got != want {
			t.Errorf("count(%d) = %q, want %q", n, got, want)
		}
	}
}

// The tests train the digits here, as the worker does.
func init() {
	scene.DigitTrainers = digitfit.All()
}

// TestDigitLines checks the readout on the MNIST preset: the test error,
// the data, the training error and what the axes are.
func TestDigitLines(t *testing.T) {
	if err := mnistsrc.Stock(3, 7); err != nil {
		t.Skipf("MNIST is not available (go mod download %s): %v", mnistsrc.Module, err)
	}
	sc, err := scene.New(scene.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if err := sc.Apply(scene.Patch{"preset": scene.MNIST, "n": 300.0, "model": map[string]any{"kind": "mlp", "hidden": []any{5.0}},
		"training": map[string]any{"epochs": 1.0}}); err != nil {
		t.Fatal(err)
	}
	for sc.Running() {
		sc.Tick(100)
	}
	st := sc.Summary()
	var text []string
	for _, l := range Lines(st, false) {
		text = append(text, l.String())
	}
	all := strings.Join(text, "\n")
	t.Logf("readout:\n%s", all)
	for _, want := range []string{"clean test error  " + Percent(st.Metrics.CleanError), "MNIST 3 against 7: 2,038 test digits, 2×300 to train on",
		"training error  " + Percent(st.Metrics.TrainError), "network 5 relu, 3,931 parameters" /* 784·5 + 5 + 5 + 1 */, "across: the logit z"} {
		if !strings.Contains(all, want) {
			t.Errorf("the readout lacks %q", want)
		}
	}
	if d := Describe(st, sc.View().Points); !strings.HasPrefix(d, "2,038 test digits of MNIST: 1,010 3s as red circles and 1,028 7s as blue squares") {
		t.Errorf("Describe: %q", d)
	}
}
