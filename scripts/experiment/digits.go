package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"advplay/engine/advtrain"
	"advplay/engine/attack"
	"advplay/engine/mlp"
	"advplay/engine/mnist"
	"advplay/engine/mnist/mnistsrc"
	"advplay/engine/network"
	"advplay/engine/scene"
	"advplay/engine/scene/patch"
)

// -preset mnist runs the page's MNIST preset (engine/scene's): two of
// MNIST's handwritten digits, logistic regression or a network of 784
// inputs, plainly or adversarially trained, attacked within the L∞ ball
// and the pixel box [0, 1], every error counted on the pair's test
// digits. The command builds the scene through the same patch the page
// applies, so that the same choices give the page's bits.

// digitFlags are where the flag set parses the MNIST preset's flags into.
type digitFlags struct {
	pair, kind, hidden, activation, defense, dir *string
	epochs                                       *int
	defenseEps                                   *float64
}

// digitEps is -eps's default on the digits: up to Fig. 2's ε = 0.25.
const digitEps = "0,0.1,0.2,0.25"

// digitOnly are the flags that apply to -preset mnist only.
var digitOnly = []string{"digits", "model", "hidden", "activation", "epochs", "defense", "defense-eps"}

// addDigitFlags adds the MNIST preset's flags to fs. Their defaults are the
// page's: the flags the command line leaves out, it leaves out of the
// scene's patch too.
func addDigitFlags(fs *flag.FlagSet) digitFlags {
	return digitFlags{
		pair: fs.String("digits", scene.DefaultDigits, "the two `digits` of -preset mnist, class 0 first"),
		kind: fs.String("model", scene.KindLogReg, "the `model` of -preset mnist: logreg (logistic regression, fitted to convergence) "+
			"or mlp (a network of 784 inputs trained by Adam on minibatches)"),
		hidden: fs.String("hidden", strconv.Itoa(network.DefaultUnits), fmt.Sprintf("the network's hidden layers' `widths`, comma-separated: %d to %d layers of %d to %d units (-model mlp)",
			network.MinLayers, network.MaxLayers, network.MinUnits, network.MaxUnits)),
		activation: fs.String("activation", string(mlp.ReLU), "the network's `activation`: tanh or relu (-model mlp)"),
		epochs: fs.Int("epochs", network.PGDTrainEpochs, fmt.Sprintf("the network's training `epochs`, 1 to %d (-model mlp; logistic regression is fitted to convergence)",
			scene.MaxDigitEpochs)),
		defense:    fs.String("defense", string(advtrain.None), "adversarial training `method` of -preset mnist: none, fgsm (Goodfellow et al.'s mix) or pgd (Madry et al.'s)"),
		defenseEps: fs.Float64("defense-eps", scene.DefaultSettings().Defense.Epsilon, fmt.Sprintf("the adversarial training's `ε`, 0 to %g (-defense fgsm or pgd)", float64(scene.MaxEpsilon))),
		dir: fs.String("mnist", "", "read the digits from this `folder` of files as scripts/mnistdata writes them (D-train.bin, D-test.bin) "+
			"instead of MNIST's IDX files in the Go module "+mnistsrc.Module+"; for -preset mnist and a -scene of the digits"),
	}
}

// digitConfig is what the MNIST preset's flags ask for.
type digitConfig struct {
	// pair is the digits, such as "37".
	pair string
	// dir is -mnist's folder, "" for the GoMNIST module.
	dir string
	// patch holds the model, training and defense the flags set, as the
	// scene's patch takes them.
	patch scene.Patch
}

// digits reports whether the experiment is the MNIST preset's.
func (c config) digits() bool { return c.preset == scene.MNIST }

// onDigits reports whether the experiment runs on the digits: the MNIST
// preset's, or a -scene of it.
func (c config) onDigits() bool {
	return c.digits() || c.scene != nil && c.scene.Settings().Preset == scene.MNIST
}

// checkDigitFlags checks the MNIST preset's flags and what -preset mnist
// allows of the others, naming the flag at fault, and fills in cfg's
// digits and defaults: 2,000 training digits per class unless -n says
// otherwise. set holds the flags given.
func checkDigitFlags(cfg *config, f digitFlags, set map[string]bool) error {
	if set["mnist"] {
		cfg.mnist.dir = *f.dir
	}
	if cfg.onDigits() {
		// The attacks stay in the pixel box.
		for _, e := range cfg.eps {
			if e > scene.MaxEpsilon {
				return fmt.Errorf("-eps: %g is more than %g, the width of the pixel box the digits' attacks stay in", e, float64(scene.MaxEpsilon))
			}
		}
	}
	if !cfg.digits() {
		for _, name := range digitOnly {
			if set[name] {
				return fmt.Errorf("-%s applies to -preset mnist only", name)
			}
		}
		if set["mnist"] && !cfg.onDigits() {
			return errors.New("-mnist applies to -preset mnist and to a -scene of the digits only")
		}
		return nil
	}
	if err := checkDigitSetting(cfg, set); err != nil {
		return err
	}
	c, err := f.config(set)
	if err != nil {
		return err
	}
	c.dir = cfg.mnist.dir
	cfg.mnist = c
	return nil
}

// checkMNISTDir checks -mnist's folder.
func checkMNISTDir(dir string) error {
	if dir == "" {
		return errors.New("-mnist: want the folder of the digits' files (go run ./scripts/mnistdata -o DIR writes them)")
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Errorf("-mnist %q: not a folder of the digits' files", dir)
	}
	return nil
}

// checkDigitSetting checks what -preset mnist allows of the command's
// other flags: -n, -attack, -recipe, -dimension, -seed, -data-out.
func checkDigitSetting(cfg *config, set map[string]bool) error {
	if !set["n"] {
		cfg.n = mnist.DefaultTrainImages
	}
	switch {
	case cfg.n > mnist.DefaultTrainImages:
		return fmt.Errorf("-n %d: want 1 to %d training digits per class on -preset mnist (the files hold %d of each digit)",
			cfg.n, mnist.DefaultTrainImages, mnist.DefaultTrainImages)
	case cfg.attack == attack.FGM:
		return errors.New("-attack fgm: FGM attacks in the L2 ball; on the digits the attacks stay in the L∞ ball and the pixel box: want fgsm or pgd")
	case set["recipe"] && cfg.recipe != "converged":
		return fmt.Errorf("-recipe %s is for the clouds; on the digits logistic regression is fitted to convergence", cfg.recipe)
	case set["dimension"] && cfg.dimension != mnist.Dim:
		return fmt.Errorf("-dimension %d cannot be combined with -preset mnist, whose digits have %d pixels", cfg.dimension, mnist.Dim)
	case cfg.seed > 1<<53-1:
		return fmt.Errorf("-seed %d: on the digits want at most 2⁵³ − 1, the largest seed a scene holds", cfg.seed)
	case cfg.dataOut != "":
		return errors.New("-data-out cannot be combined with -preset mnist: the digits are MNIST's files, not generated points")
	}
	cfg.recipe, cfg.dimension = "converged", mnist.Dim
	return nil
}

// config checks the MNIST preset's own flags and returns their patch.
func (f digitFlags) config(set map[string]bool) (digitConfig, error) {
	c := digitConfig{pair: *f.pair, patch: scene.Patch{}}
	if r := []rune(c.pair); len(r) != 2 || r[0] < '0' || r[0] > '9' || r[1] < '0' || r[1] > '9' || r[0] == r[1] {
		return c, fmt.Errorf("-digits %q: want two different digits 0 to 9, class 0 first, such as 37", c.pair)
	}
	kind := *f.kind
	if kind != scene.KindLogReg && kind != scene.KindMLP {
		return c, fmt.Errorf("-model %q: want logreg or mlp", kind)
	}
	model := scene.Patch{"kind": kind}
	if kind != scene.KindMLP {
		for _, name := range []string{"hidden", "activation", "epochs"} {
			if set[name] {
				return c, fmt.Errorf("-%s applies to -model mlp only; logistic regression is fitted to convergence", name)
			}
		}
	}
	if set["hidden"] {
		widths, err := parseWidths(*f.hidden)
		if err != nil {
			return c, err
		}
		model["hidden"] = widths
	}
	if set["activation"] {
		if a := network.Activation(*f.activation); a != network.Tanh && a != network.ReLU {
			return c, fmt.Errorf("-activation %q: want tanh or relu", *f.activation)
		}
		model["activation"] = *f.activation
	}
	c.patch["model"] = model
	if set["epochs"] {
		if *f.epochs < 1 || *f.epochs > scene.MaxDigitEpochs {
			return c, fmt.Errorf("-epochs %d: want %s", *f.epochs, wantValue["epochs"])
		}
		c.patch["training"] = scene.Patch{"epochs": float64(*f.epochs)}
	}
	method := advtrain.Method(*f.defense)
	if method != advtrain.None && method != advtrain.FGSM && method != advtrain.PGD {
		return c, fmt.Errorf("-defense %q: want none, fgsm or pgd", *f.defense)
	}
	defense := scene.Patch{"method": string(method)}
	if set["defense-eps"] {
		eps := *f.defenseEps
		if method == advtrain.None {
			return c, errors.New("-defense-eps applies to -defense fgsm or pgd only")
		}
		if !(eps >= 0 && eps <= scene.MaxEpsilon) {
			return c, fmt.Errorf("-defense-eps %v: want %s", eps, wantValue["defense-eps"])
		}
		defense["epsilon"] = eps
	}
	c.patch["defense"] = defense
	return c, nil
}

// parseWidths reads -hidden: 1 to 3 comma-separated widths of 1 to 256
// units, as the scene's model.hidden takes them.
func parseWidths(s string) ([]any, error) {
	bad := fmt.Errorf("-hidden %q: want %d to %d comma-separated widths, each a whole number of units from %d to %d, such as 64 or 64,32",
		s, network.MinLayers, network.MaxLayers, network.MinUnits, network.MaxUnits)
	parts := strings.Split(s, ",")
	if len(parts) < network.MinLayers || len(parts) > network.MaxLayers {
		return nil, bad
	}
	var widths []any
	for _, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < network.MinUnits || n > network.MaxUnits {
			return nil, bad
		}
		widths = append(widths, float64(n))
	}
	return widths, nil
}

// digitFlag names the flag that sets each of the scene's fields on the
// digits, to name it when the scene refuses a value.
var digitFlag = map[string]string{
	"digits": "-digits", "n": "-n", "seed": "-seed", "epsilon": "-eps", "attack.method": "-attack",
	"model.kind": "-model", "model.hidden": "-hidden", "model.activation": "-activation",
	"training.epochs": "-epochs", "training.recipe": "-recipe",
	"defense.method": "-defense", "defense.epsilon": "-defense-eps",
}

// flagError returns the scene's refusal err naming the flag that set the
// field at fault, and err unchanged if it names no field of a flag.
func flagError(err error) error {
	var pe *patch.Error
	if !errors.As(err, &pe) {
		return err
	}
	path, _, _ := strings.Cut(pe.Path, "[")
	if name, ok := digitFlag[path]; ok {
		return fmt.Errorf("%s: %s", name, pe.Msg)
	}
	return err
}

// stockDigits puts the files of the digits on package mnist's shelf,
// where a scene of the MNIST preset takes them from: from dir as
// scripts/mnistdata writes them, or from the GoMNIST module when dir is
// "". It returns an error naming the source.
func stockDigits(dir string, digits ...int) error {
	if dir == "" {
		if err := mnistsrc.Stock(digits...); err != nil {
			return fmt.Errorf("reading MNIST from the Go module %s (go mod download %s, or give -mnist DIR): %w", mnistsrc.Module, mnistsrc.Module, err)
		}
		return nil
	}
	for _, d := range digits {
		for _, split := range []mnist.Split{mnist.Train, mnist.Test} {
			name := mnist.FileName(d, split)
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err == nil {
				err = mnist.Put(name, b)
			}
			if err != nil {
				return fmt.Errorf("-mnist %s: %w", dir, err)
			}
		}
	}
	return nil
}

// stockMissing puts the files a scene found missing (mnist.MissingError)
// on the shelf, from dir or the module as stockDigits does.
func stockMissing(dir string, missing *mnist.MissingError) error {
	var digits []int
	for _, name := range missing.Names {
		d, _, ok := strings.Cut(name, "-")
		n, err := strconv.Atoi(d)
		if !ok || err != nil {
			return fmt.Errorf("the scene asks for %s, which is not a digit's file", name)
		}
		digits = append(digits, n)
	}
	return stockDigits(dir, digits...)
}

// digitScene returns the MNIST preset's scene that cfg describes, built
// as the page builds it, with the digits' files put on the shelf first,
// trained to the end and attacked at the largest ε of the table.
func digitScene(cfg config) (*scene.Scene, error) {
	p := cfg.mnist
	if err := stockDigits(p.dir, int(p.pair[0]-'0'), int(p.pair[1]-'0')); err != nil {
		return nil, err
	}
	sc, err := scene.New(scene.DefaultSettings())
	if err != nil {
		return nil, err
	}
	eps := 0.0
	for _, e := range cfg.eps {
		eps = max(eps, e)
	}
	patch := scene.Patch{"preset": scene.MNIST, "digits": p.pair, "n": float64(cfg.n), "seed": float64(cfg.seed),
		"epsilon": eps, "attack": scene.Patch{"method": string(cfg.attack)}}
	for k, v := range p.patch {
		patch[k] = v
	}
	if err := sc.Apply(patch); err != nil {
		return nil, flagError(err)
	}
	return sc, nil
}

// trainScene trains a scene to the end and attacks its points, as a page
// that waits does; it returns the scene's training error, if any.
func trainScene(sc *scene.Scene) error {
	for sc.Running() {
		sc.Tick(1000)
	}
	sc.Flush()
	if msg := sc.Peek().Training.Error; msg != "" {
		return errors.New(msg)
	}
	return nil
}

// digitOutput returns the figures of a trained scene of the MNIST preset
// at each ε: the clean and the attacked error on the test digits, the
// training error, and the model: logistic regression's 784 weights and
// bias, or the network's parameter vector, which a reproduction compares
// bit for bit.
func digitOutput(sc *scene.Scene, eps []float64) output {
	st := sc.Summary()
	m := st.Metrics
	out := output{Recipe: st.Training.Method, Seed: st.Seed, N: st.N, Points: m.N, Dimension: st.Dimension,
		Digits: st.Digits, Attack: string(st.Attack.Method), Model: st.Model.Kind, TestSet: m.TestSet,
		TrainError: &m.TrainError, SceneEpsilon: &st.Epsilon, SceneError: &m.AdversarialError,
		attackConfig: st.AttackConfig(), preset: st.Preset}
	if st.Model.Kind == scene.KindMLP {
		out.Hidden, out.Activation, out.Epochs = st.Model.Hidden, st.Model.Activation, st.Training.Epochs
		out.Parameters = sc.State().Model.Parameters
	} else {
		out.Weights, out.Bias = st.Model.Weights, st.Model.Bias
	}
	if d := st.Defense; d.Method != advtrain.None && d.Method != "" {
		out.Defense = &defenseOutput{Method: string(d.Method), Epsilon: d.Epsilon}
	}
	clean := m.CleanError
	for _, e := range eps {
		// The scene attacked its digits at its own ε: the same figure
		// ErrorAt computes again.
		rate := m.AdversarialError
		if e != st.Epsilon {
			rate = sc.ErrorAt(e)
		}
		out.Rows = append(out.Rows, outputRow{Epsilon: e, Error: rate, Clean: &clean})
	}
	return out
}

// digitExperiment trains the MNIST preset's scene that cfg.scene holds
// and returns its figures.
func digitExperiment(cfg config) (output, error) {
	if err := trainScene(cfg.scene); err != nil {
		return output{}, err
	}
	return digitOutput(cfg.scene, cfg.eps), nil
}

// describeDigits names the digits and the training digits of an
// experiment on the MNIST preset.
func describeDigits(out output) string {
	return fmt.Sprintf("MNIST's %cs against %cs, %d training digits per class, seed %d", out.Digits[0], out.Digits[1], out.N, out.Seed)
}

// describeDigitTraining says how the model of an experiment on the digits
// was trained.
func describeDigitTraining(out output) string {
	var how string
	switch {
	case out.Model == scene.KindMLP:
		how = fmt.Sprintf("Adam on minibatches for %d epochs", out.Epochs)
	case out.Defense != nil:
		how = "OWL-QN to convergence on the exact worst case in the pixel box (advtrain.FitLinearBox)"
	default:
		how = "L-BFGS to convergence"
	}
	if d := out.Defense; d != nil {
		how += fmt.Sprintf(" with %s adversarial training at ε = %g", strings.ToUpper(d.Method), d.Epsilon)
	}
	return how
}

// describeDigitAttack says how the digits are attacked: within the L∞
// ball and the pixel box; on logistic regression FGSM and PGD are both
// the exact worst case there.
func describeDigitAttack(out output) string {
	c := out.attackConfig
	if out.Model != scene.KindMLP {
		return fmt.Sprintf("%s within the L∞ ball and the pixel box [0, 1]: on logistic regression the exact worst case there (linear.PerturbBox)", c.Method)
	}
	if c.Method != attack.PGD {
		return fmt.Sprintf("%s within the L∞ ball and the pixel box [0, 1]", c.Method)
	}
	steps := c.Steps
	if steps == 0 {
		steps = attack.DefaultPGDSteps
	}
	size := fmt.Sprintf("%g·ε/%d", network.StepSizeFactor, steps)
	if c.StepSize > 0 {
		size = strconv.FormatFloat(c.StepSize, 'g', -1, 64)
	}
	return fmt.Sprintf("pgd (%d steps of %s from a random start, the strongest point kept) within the L∞ ball and the pixel box [0, 1]", steps, size)
}

// printDigitHeading prints what was trained on which digits and how, the
// attack, the training error, and for a shared scene the error the page
// shows.
func printDigitHeading(w io.Writer, out output, shared bool) {
	model := "Logistic regression"
	if out.Model == scene.KindMLP {
		model = fmt.Sprintf("Neural network (784 inputs, hidden layers %s; %s)", joinInts(out.Hidden), out.Activation)
	}
	fmt.Fprintf(w, "%s trained by %s on %s.\n", model, describeDigitTraining(out), describeDigits(out))
	if out.Model != scene.KindMLP {
		var l1, l2 float64
		for _, v := range out.Weights {
			l1, l2 = l1+math.Abs(v), l2+v*v
		}
		fmt.Fprintf(w, "‖w‖₁ = %.4g, ‖w‖₂ = %.4g, b = %.4f\n", l1, math.Sqrt(l2), out.Bias)
	}
	fmt.Fprintf(w, "errors on the %d test digits; training error %.2f %%\n", out.Points, 100**out.TrainError)
	fmt.Fprintf(w, "attack: %s\n", describeDigitAttack(out))
	if shared {
		fmt.Fprintf(w, "the page shows %.2f %% error at its ε = %g\n", 100**out.SceneError, *out.SceneEpsilon)
	}
}

// digitColumns are the columns of the digits' table.
var digitColumns = []column{
	{"clean", "error on the clean test digits", func(r outputRow) *float64 { return r.Clean }},
	{"error", "error on the test digits attacked at ε", func(r outputRow) *float64 { return &r.Error }},
}
