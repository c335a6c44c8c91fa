package readout

import (
	"fmt"
	"math"
	"strings"

	"advplay/engine/data"
	"advplay/engine/scene"
)

// Line is one line of the readout: a figure with its label, or, with an
// empty Value, a note.
type Line struct {
	Label string `json:"label"`
	Value string `json:"value,omitempty"`
}

// String returns the line as plain text.
func (l Line) String() string {
	if l.Value == "" {
		return l.Label
	}
	return l.Label + "  " + l.Value
}

// AttackName returns how the readout names an attack: FGSM, FGM or PGD.
func AttackName(st scene.State) string { return strings.ToUpper(string(st.Attack.Method)) }

// Percent formats an error rate (0 to 1) as a percentage with two
// decimals, such as "22.51 %".
func Percent(rate float64) string { return fmt.Sprintf("%.2f %%", 100*rate) }

// Lines returns the readout for a state: the clean error and the error
// under attack, then, unless compact, the model, the defense and the
// training's progress.
func Lines(st scene.State, compact bool) []Line {
	clean := "clean error"
	if st.Metrics.TestSet {
		clean = "clean test error"
	}
	lines := []Line{
		{Label: clean, Value: Percent(st.Metrics.CleanError)},
		{Label: fmt.Sprintf("under %s ε=%.2f", AttackName(st), st.Epsilon), Value: Percent(st.Metrics.AdversarialError)},
	}
	if compact {
		return lines
	}
	ms, tr := st.Model, st.Training
	if st.Preset == scene.MNIST {
		lines = append(lines, digitLines(st)...)
	} else if p := st.Projection; p != nil {
		// Above two dimensions the plot is a projection: what no coordinate
		// shows is how far the attack moves each point towards the line.
		lines = append(lines,
			Line{Label: fmt.Sprintf("projection of %d dimensions on ŵ and a direction orthogonal to it", len(ms.Weights))},
			Line{Label: fmt.Sprintf("|δ|∞ = %.3g; along ŵ each point moves %.3g", p.StepLInf, p.Reach)},
			Line{Label: fmt.Sprintf("(ε|w|₁/|w|₂ = %.3g·ε, at most √d = %.3g)", p.Reach/math.Max(st.Epsilon, 1e-300), p.SqrtD)})
	} else if ms.Kind == scene.KindLogReg {
		lines = append(lines, Line{Label: fmt.Sprintf("w = (%.3f, %.3f)  b = %.3f", ms.Weights[0], ms.Weights[1], ms.Bias)})
	} else {
		lines = append(lines, Line{Label: fmt.Sprintf("MLP %s, %d parameters", st.Settings.Model.Name(), ms.Params)})
	}
	if d := st.Defense; d.Method != "none" {
		line := fmt.Sprintf("trained against %s at ε=%.2f", strings.ToUpper(string(d.Method)), d.Epsilon)
		if ms.Kind == scene.KindLogReg && ms.Baseline != nil {
			// FGSM training penalizes ‖w‖₁ (Goodfellow et al. 2015, §5).
			line = fmt.Sprintf("%s: |w|₁ %.2f (plain %.2f)", line, ms.L1, ms.Baseline.L1)
		}
		lines = append(lines, Line{Label: line})
	}
	lines = append(lines, Line{Label: Training(tr)})
	if ms.Separable {
		lines = append(lines, Line{Label: fmt.Sprintf("separable: a small L2 penalty (λ=%g) keeps w finite", ms.L2)})
	}
	return lines
}

// digitLines are the readout's lines on the digits: the data, the model,
// and what the plot's axes are.
func digitLines(st scene.State) []Line {
	ms := st.Model
	d0, d1 := st.Digits[:1], st.Digits[1:]
	lines := []Line{{Label: fmt.Sprintf("MNIST %s against %s: %s test digits, 2×%s to train on", d0, d1, count(st.Metrics.N), count(st.N))},
		{Label: "training error", Value: Percent(st.Metrics.TrainError)}}
	if ms.Kind == scene.KindLogReg {
		l1 := 0.0
		for _, w := range ms.Weights {
			l1 += math.Abs(w)
		}
		lines = append(lines, Line{Label: fmt.Sprintf("logistic regression on %d pixels, |w|₁ = %.3g", len(ms.Weights), l1)})
	} else {
		lines = append(lines, Line{Label: fmt.Sprintf("network %s, %s parameters", st.Settings.Model.NetworkName(), count(ms.Params))})
	}
	return append(lines, Line{Label: "across: the logit z (boundary z = 0); up: the digits' main direction"})
}

// Training describes the training's progress in a few words.
func Training(tr scene.TrainingState) string {
	switch {
	case tr.Error != "":
		return tr.Error
	case tr.Method == "newton":
		return fmt.Sprintf("converged: %d Newton steps, loss %.4f", tr.Epoch, tr.Loss)
	case tr.Epochs == 0:
		// A defended logistic regression is fitted at once, not by epochs.
		return fmt.Sprintf("converged (%s), clean loss %.4f", MethodName(tr.Method), tr.Loss)
	case tr.Converged && !tr.Running:
		return fmt.Sprintf("%s converged at epoch %d  loss %.4f", MethodName(tr.Method), tr.Epoch, tr.Loss)
	}
	return fmt.Sprintf("%s epoch %d/%d  loss %.4f", MethodName(tr.Method), tr.Epoch, tr.Epochs, tr.Loss)
}

// MethodName is how the readout names a training method.
func MethodName(m string) string {
	switch m {
	case "lbfgs":
		return "L-BFGS"
	case "adam":
		return "Adam"
	case "article":
		return "article's descent,"
	}
	return m
}

// ClassName returns "red" for label 0 and "blue" for label 1.
func ClassName(label int) string {
	if label == 1 {
		return "blue"
	}
	return "red"
}

// Shape returns the mark of a class: red points are circles, blue points
// squares, so that the classes differ by more than colour.
func Shape(label int) string {
	if label == 1 {
		return "square"
	}
	return "circle"
}

// Announcement is the sentence the live region reads after a change: the
// error under attack with the attack's name and ε, the clean error, and
// the training's progress while it runs.
func Announcement(st scene.State) string {
	var b strings.Builder
	if st.Metrics.N == 0 {
		b.WriteString("No points.")
	} else {
		fmt.Fprintf(&b, "Under %s at ε %s: %s misclassified; clean %s.", AttackName(st), num(st.Epsilon), Percent(st.Metrics.AdversarialError), Percent(st.Metrics.CleanError))
	}
	if tr := st.Training; tr.Running {
		fmt.Fprintf(&b, " Training: epoch %s of %s.", count(tr.Epoch), count(tr.Epochs))
	} else if tr.Error != "" {
		fmt.Fprintf(&b, " %s.", capitalize(tr.Error))
	}
	return b.String()
}

// Describe describes the scene for a screen reader: the points per class,
// the boundary, and what the attack does to them.
func Describe(st scene.State, points []data.Point) string {
	counts := classCounts(points)
	var b strings.Builder
	if st.Preset == scene.MNIST {
		fmt.Fprintf(&b, "%s test digits of MNIST: %s %ss as red circles and %s %ss as blue squares, each a picture of 784 pixels. The plot shows each digit at the model's logit, across, so that the boundary is the vertical line z = 0, and along the digits' main direction, up.",
			count(len(points)), count(counts[0]), st.Digits[:1], count(counts[1]), st.Digits[1:])
		return b.String() + attackSentence(st)
	}
	fmt.Fprintf(&b, "%s: %s red circles and %s blue squares.", plural(len(points), "point"), count(counts[0]), count(counts[1]))
	if p := st.Projection; p != nil {
		fmt.Fprintf(&b, " They live in %d dimensions; the plot shows them projected on the model's normal ŵ, across, and a fixed direction orthogonal to it, up; the boundary is the vertical line. Each coordinate moves by at most %.3g, yet along ŵ each point moves by %.3g towards the line.",
			len(st.Model.Weights), p.StepLInf, p.Reach)
		return b.String() + attackSentence(st)
	}
	b.WriteString(" " + Boundary(st))
	return b.String() + attackSentence(st)
}

// attackSentence says what the attack does to the points.
func attackSentence(st scene.State) string {
	switch {
	case st.Metrics.N == 0:
		return ""
	case st.Epsilon > 0:
		return fmt.Sprintf(" %s at ε %s moves every point; it flips %s across the boundary, so %s are misclassified, against %s without the attack.",
			AttackName(st), num(st.Epsilon), plural(st.Metrics.Flipped, "point"), Percent(st.Metrics.AdversarialError), Percent(st.Metrics.CleanError))
	}
	return fmt.Sprintf(" There is no attack at ε 0; %s are misclassified.", Percent(st.Metrics.CleanError))
}

// Boundary describes the decision boundary in one sentence.
func Boundary(st scene.State) string {
	ms := st.Model
	if ms.Kind != scene.KindLogReg {
		return fmt.Sprintf("The boundary is the curve where the %s network is undecided.", st.Settings.Model.Name())
	}
	w, b := ms.Weights, ms.Bias
	if w[0] == 0 && w[1] == 0 {
		return "There is no boundary yet: the model is untrained."
	}
	return fmt.Sprintf("The boundary is the line %s x %s %s y %s %s = 0; blue lies where it is positive.",
		num3(w[0]), sign(w[1]), num3(math.Abs(w[1])), sign(b), num3(math.Abs(b)))
}

// Point describes point i for the keyboard cursor: its class, place,
// margin and, when known, the ε that flips it.
func Point(p data.Point, info scene.PointInfo) string {
	s := fmt.Sprintf("%s %s at (%s, %s)", ClassName(p.Label), Shape(p.Label), num3(p.X), num3(p.Y))
	switch {
	case info.Margin <= 0:
		s += ", misclassified"
	case math.IsNaN(info.MinFlip):
	default:
		s += fmt.Sprintf(", flips at ε %s", num3(info.MinFlip))
	}
	if info.Flipped {
		s += ", flipped by the attack"
	}
	return s
}

// Cursor describes the keyboard cursor at data point (x, y) and the point
// it would act on, if any.
func Cursor(x, y float64, target string) string {
	s := fmt.Sprintf("Cursor at (%s, %s).", num(x), num(y))
	if target != "" {
		s += " Nearest: " + target + "."
	}
	return s
}

func num(v float64) string  { return fmt.Sprintf("%.2f", v) }
func num3(v float64) string { return fmt.Sprintf("%.3g", v) }

func sign(v float64) string {
	if v < 0 {
		return "−"
	}
	return "+"
}

// count writes a whole number with thousands separators: 20,000.
func count(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "−" + count(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return count(n) + " " + noun + "s"
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Tally counts the points by class: "101 red, 100 blue".
func Tally(points []data.Point) string {
	counts := classCounts(points)
	return fmt.Sprintf("%s red, %s blue", count(counts[0]), count(counts[1]))
}

func classCounts(points []data.Point) (counts [2]int) {
	for _, p := range points {
		counts[p.Label&1]++
	}
	return counts
}
