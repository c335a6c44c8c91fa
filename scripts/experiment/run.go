package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"text/tabwriter"

	"advplay/engine/article"
	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/glyphs"
	"advplay/engine/logreg"
	"advplay/engine/metrics"
	"advplay/engine/mnist"
	"advplay/engine/model"
	"advplay/engine/scene"
	"advplay/engine/theory"
)

// config is the parsed command line.
type config struct {
	recipe  string
	seed    uint64
	n       int
	eps     []float64
	attack  attack.Method
	dataIn  string
	dataOut string
	json    bool
	// scene is the -scene link's scene, decoded; nil without -scene.
	scene *scene.Scene
	// preset is "article" (the clouds), "glyphs" or "mnist"; dimension is
	// d, and glyphs the glyph pair of the glyphs preset.
	preset    string
	dimension int
	glyphs    string
	// mnist is what the MNIST preset's flags ask for (digits.go).
	mnist digitConfig
	// poster is the poster to render, if any (-poster).
	poster posterConfig
}

// high reports whether the experiment is above two dimensions: the clouds
// in d > 2 dimensions or the glyphs, which run through a scene.
func (c config) high() bool { return !c.digits() && (c.dimension > 2 || c.preset == glyphs.Name) }

// output is the -json document.
type output struct {
	Recipe string `json:"recipe"`
	Seed   uint64 `json:"seed"`
	N      int    `json:"n"`
	Points int    `json:"points"`
	// Dimension is d, the dimension of the points, Glyphs the glyph pair
	// of the glyphs preset and Digits the digits of the MNIST preset.
	Dimension int       `json:"dimension"`
	Glyphs    string    `json:"glyphs,omitempty"`
	Digits    string    `json:"digits,omitempty"`
	Attack    string    `json:"attack"`
	Model     string    `json:"model,omitempty"`
	Weights   []float64 `json:"weights"`
	Bias      float64   `json:"bias"`
	// Hidden and Activation describe a network, trained for Epochs
	// epochs by a step-wise trainer.
	Hidden     []int  `json:"hidden,omitempty"`
	Activation string `json:"activation,omitempty"`
	Epochs     int    `json:"epochs,omitempty"`
	// Parameters is a network's parameter vector (see scene.ModelState).
	Parameters []float64 `json:"parameters,omitempty"`
	// Defense is the MNIST preset's adversarial training, if any.
	Defense *defenseOutput `json:"defense,omitempty"`
	// TestSet says the errors are counted on test points the model did
	// not learn from, the MNIST preset's test digits (Points of them),
	// and TrainError is then the clean error on the training digits.
	TestSet    bool        `json:"testSet,omitempty"`
	TrainError *float64    `json:"trainError,omitempty"`
	Separable  bool        `json:"separable,omitempty"`
	Rows       []outputRow `json:"rows"`
	// SceneEpsilon and SceneError are the ε of a -scene and the error the
	// page shows there.
	SceneEpsilon *float64 `json:"sceneEpsilon,omitempty"`
	SceneError   *float64 `json:"sceneError,omitempty"`
	// Poster is the poster written with -poster.
	Poster *posterOutput `json:"poster,omitempty"`

	// For the table's heading only.
	attackConfig attack.Config // the attack, with its PGD settings
	preset       string        // a -scene's preset, or the glyphs
	defense      string        // a -scene's defense, e.g. "FGSM adversarial training at ε = 0.2"
	norm1, norm2 float64       // ‖w‖₁ and ‖w‖₂ above two dimensions
}

// defenseOutput is an adversarial training, in the -json document.
type defenseOutput struct {
	Method  string  `json:"method"`
	Epsilon float64 `json:"epsilon"`
}

type outputRow struct {
	Epsilon float64 `json:"epsilon"`
	// Error is the error under attack at ε and, on the MNIST preset's
	// test digits, Clean the error without it.
	Error  float64  `json:"error"`
	Clean  *float64 `json:"clean,omitempty"`
	Exact  *float64 `json:"exact,omitempty"`
	Theory *float64 `json:"theory,omitempty"`
	// Best is the best line's closed form on the clouds in d > 2
	// dimensions (theory.DimensionError).
	Best    *float64 `json:"best,omitempty"`
	Article *float64 `json:"article,omitempty"`
}

// errUsage marks errors that are the caller's fault: exit code 2.
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(stderr, "experiment:", err)
		}
		return 2
	}
	run := experiment
	switch {
	case cfg.scene != nil:
		run = sceneExperiment
	case cfg.digits():
		// The scene is built here, so that -poster draws the one trained.
		cfg.scene, err = digitScene(cfg)
		run = digitExperiment
	case cfg.high():
		run = highExperiment
	}
	var out output
	if err == nil {
		out, err = run(cfg)
	}
	if err == nil && cfg.poster.file != "" {
		out.Poster, err = writePoster(cfg)
	}
	if err != nil {
		fmt.Fprintln(stderr, "experiment:", err)
		return 1
	}
	if cfg.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintln(stderr, "experiment:", err)
			return 1
		}
		return 0
	}
	printTable(stdout, cfg, out)
	if out.Poster != nil {
		printPoster(stdout, out.Poster)
	}
	return 0
}

// usageText heads the -h output; the flags follow it.
const usageText = `usage: go run ./scripts/experiment [flags]

Trains logistic regression on the article's two Gaussian clouds (or on a CSV
of points, or on a scene shared from the browser), attacks every point, and
prints the error at each ε. With -dimension the clouds are carried to d
dimensions, and -preset glyphs draws 28×28 images of two characters
(d = 784): there the fit is L-BFGS to convergence, the attack its closed
form, and the theory columns the closed forms of package theory.
-preset mnist runs the page's MNIST preset: two of MNIST's handwritten
digits, logistic regression or a network (-model mlp), plainly or
adversarially trained (-defense), attacked within the pixel box, the clean
and attacked errors counted on the test digits (default -eps 0,0.1,0.2,0.25).

examples:
  go run ./scripts/experiment                       # the article's table
  go run ./scripts/experiment -recipe converged -json
  go run ./scripts/experiment -data points.csv -eps 0,0.1,0.3
  go run ./scripts/experiment -dimension 64 -eps 0,0.1,0.2
  go run ./scripts/experiment -preset glyphs -glyphs 37 -eps 0,0.05,0.1
  go run ./scripts/experiment -preset mnist -digits 37 -n 2000 -eps 0,0.25
  go run ./scripts/experiment -preset mnist -model mlp -defense pgd -attack pgd -eps 0,0.1,0.2
  go run ./scripts/experiment -scene 'https://…/play.html#s1.…'
  go run ./scripts/experiment -scene '#s1.…' -poster scene.png -theme dark

flags:
`

// badValue matches the flag package's message for a value it cannot parse,
// capturing the value (quoted) and the flag's name.
var badValue = regexp.MustCompile(`^invalid (?:boolean )?value ("(?:[^"\\]|\\.)*") for (?:flag )?-([\w-]+): `)

// wantValue says what the typed flags take, for their parse errors.
var wantValue = map[string]string{
	"n":           fmt.Sprintf("a whole number between 1 and %d", data.MaxPerClass),
	"seed":        "a whole number ≥ 0",
	"json":        "true or false (or -json alone)",
	"dimension":   fmt.Sprintf("a whole number between %d and %d", scene.MinDimension, scene.MaxDimension),
	"epochs":      fmt.Sprintf("a whole number of epochs between 1 and %d on the digits", scene.MaxDigitEpochs),
	"defense-eps": fmt.Sprintf("a number between 0 and %g", float64(scene.MaxEpsilon)),
}

// parseFlags parses the command line. -h prints the help to stdout and
// returns flag.ErrHelp; any other mistake prints one line naming the flag to
// stderr and returns errUsage.
func parseFlags(args []string, stdout, stderr io.Writer) (config, error) {
	fail := func(err error) (config, error) {
		fmt.Fprintln(stderr, "experiment:", err)
		fmt.Fprintln(stderr, "run with -h for help")
		return config{}, errUsage
	}
	fs, f := newFlagSet()
	pf := addPosterFlags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usageText)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return config{}, err
		}
		return fail(explainParseError(err))
	}
	if fs.NArg() > 0 {
		return fail(fmt.Errorf("unexpected argument %q (every option is a -flag)", fs.Arg(0)))
	}
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	cfg, err := f.config(set)
	if err == nil {
		cfg.poster, err = pf.config(set)
	}
	if err != nil {
		return fail(err)
	}
	return cfg, nil
}

// flagValues holds where the flag set parses each flag into.
type flagValues struct {
	recipe, eps, method, dataIn, dataOut, sceneIn, preset, pair *string
	seed                                                        *uint64
	n, dimension                                                *int
	json                                                        *bool
	digits                                                      digitFlags
}

// newFlagSet returns the command's flags, which print nothing when they
// fail to parse: the flag package would print its error followed by the
// whole help, and parseFlags prints the error alone, like every other usage
// error.
func newFlagSet() (*flag.FlagSet, flagValues) {
	fs := flag.NewFlagSet("experiment", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	// In each usage string the back-quoted word is the placeholder -h
	// shows for the flag's value (see flag.PrintDefaults).
	f := flagValues{
		recipe: fs.String("recipe", "article", "training recipe `name`: article (the article's gradient descent, 20,000 epochs) or converged (Newton's method to the maximum likelihood)"),
		seed:   fs.Uint64("seed", 1, "random seed of the generated clouds, a whole `number` ≥ 0"),
		n: fs.Int("n", data.ArticlePerClass, fmt.Sprintf("`number` of points per class to generate, 1 to %d; with -preset mnist the training digits per class, 1 to %d, all %d unless set",
			data.MaxPerClass, mnist.DefaultTrainImages, mnist.DefaultTrainImages)),
		eps:     fs.String("eps", "0,0.2,0.5", "comma-separated `list` of attack budgets ε ≥ 0; on the digits at most 1, and "+digitEps+" unless set"),
		method:  fs.String("attack", "fgsm", "attack `method`: fgsm (L∞), fgm (L2) or pgd (L∞, 10 steps of ε/4); on the digits fgsm or pgd, within the pixel box"),
		dataIn:  fs.String("data", "", "read the points from this CSV `file` (x,y,label) instead of generating them"),
		dataOut: fs.String("data-out", "", "write the points used to this CSV `file`"),
		json:    fs.Bool("json", false, "print machine-readable JSON instead of the table"),
		sceneIn: fs.String("scene", "", "run on a scene shared from the browser: its `link`, or the part after #; the link sets the data, model and attack, so -recipe, -seed, -n, -attack, -data, -data-out, -preset, -dimension, -glyphs and the flags of -preset mnist do not apply"),
		preset: fs.String("preset", "article", "the points' `name`: article (the article's clouds), glyphs (28×28 images of the two characters of -glyphs, 1000 per class unless -n says otherwise) "+
			"or mnist (MNIST's handwritten digits -digits, with -model, -hidden, -activation, -epochs, -defense, -defense-eps and -mnist)"),
		dimension: fs.Int("dimension", 2, fmt.Sprintf("carry the clouds to d `dimensions`, %d to %d; above 2 the fit is L-BFGS to convergence and -data-out writes x1,…,xd,label", scene.MinDimension, scene.MaxDimension)),
		pair:      fs.String("glyphs", glyphs.Default.Pair, "the two `characters` of -preset glyphs, class 0 first"),
	}
	f.digits = addDigitFlags(fs)
	return fs, f
}

// explainParseError returns the flag package's parse error err, saying what
// a typed flag takes: "invalid value "x" for flag -n: parse error" says
// what is wrong but not what is right.
func explainParseError(err error) error {
	if m := badValue.FindStringSubmatch(err.Error()); m != nil && wantValue[m[2]] != "" {
		return fmt.Errorf("-%s %s: want %s", m[2], m[1], wantValue[m[2]])
	}
	if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: "); ok {
		return fmt.Errorf("unknown flag %s", name)
	}
	return err
}

// config returns the configuration the parsed flags f say, set holding the
// flags given, or an error naming the first flag at fault.
func (f flagValues) config(set map[string]bool) (config, error) {
	cfg := config{recipe: *f.recipe, seed: *f.seed, n: *f.n, attack: attack.Method(*f.method),
		dataIn: *f.dataIn, dataOut: *f.dataOut, json: *f.json,
		preset: *f.preset, dimension: *f.dimension, glyphs: *f.pair}
	if err := checkIgnored(set); err != nil {
		return config{}, err
	}
	if set["mnist"] {
		if err := checkMNISTDir(*f.digits.dir); err != nil {
			return config{}, err
		}
	}
	if set["scene"] {
		sc, err := decodeScene(*f.sceneIn, *f.digits.dir)
		if err != nil {
			return config{}, fmt.Errorf("-scene: %v", err)
		}
		cfg.scene = sc
	}
	switch {
	case set["data"] && cfg.dataIn == "":
		return config{}, errors.New("-data: want a CSV file name")
	case set["data-out"] && cfg.dataOut == "":
		return config{}, errors.New("-data-out: want a CSV file name")
	case cfg.recipe != "article" && cfg.recipe != "converged":
		return config{}, fmt.Errorf("-recipe %q: want article or converged", cfg.recipe)
	case cfg.n < 1 || cfg.n > data.MaxPerClass:
		return config{}, fmt.Errorf("-n %d: want %s", cfg.n, wantValue["n"])
	}
	if err := checkHigh(&cfg, set); err != nil {
		return config{}, err
	}
	epsList := *f.eps
	if cfg.onDigits() && !set["eps"] {
		epsList = digitEps
	}
	if err := (attack.Config{Method: cfg.attack}).Validate(); err != nil {
		return config{}, fmt.Errorf("-attack %q: want fgsm, fgm or pgd", *f.method)
	}
	for _, e := range strings.Split(epsList, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(e), 64)
		if err != nil || !(v >= 0) || math.IsInf(v, 0) {
			return config{}, fmt.Errorf("-eps: %q is not a finite number ≥ 0", e)
		}
		cfg.eps = append(cfg.eps, v)
	}
	if err := checkDigitFlags(&cfg, f.digits, set); err != nil {
		return config{}, err
	}
	return cfg, nil
}

// checkIgnored refuses, rather than silently ignores, the flags in set that
// another one in set makes meaningless.
func checkIgnored(set map[string]bool) error {
	for _, c := range []struct {
		flag    string
		ignored []string
		why     string
	}{
		{"scene", append([]string{"recipe", "seed", "n", "attack", "data", "data-out", "preset", "dimension", "glyphs"}, digitOnly...), "whose link sets the data, model and attack"},
		{"data", append([]string{"seed", "n", "preset", "dimension", "glyphs", "mnist"}, digitOnly...), "which reads the points instead of generating them"},
	} {
		if !set[c.flag] {
			continue
		}
		for _, f := range c.ignored {
			if set[f] {
				return fmt.Errorf("-%s cannot be combined with -%s, %s", f, c.flag, c.why)
			}
		}
	}
	return nil
}

func loadPoints(cfg config) ([]data.Point, error) {
	if cfg.dataIn == "" {
		return data.Clouds(cfg.n, cfg.seed)
	}
	f, err := os.Open(cfg.dataIn)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	points, err := data.ReadCSV(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.dataIn, err)
	}
	return points, nil
}

func experiment(cfg config) (output, error) {
	points, err := loadPoints(cfg)
	if err != nil {
		return output{}, err
	}
	if cfg.dataOut != "" {
		if err := writePoints(cfg.dataOut, points); err != nil {
			return output{}, err
		}
	}
	var m model.Linear
	var separable bool
	switch cfg.recipe {
	case "article":
		tr, err := logreg.NewArticle(points)
		if err != nil {
			return output{}, err
		}
		tr.Run()
		m = tr.Model()
	default:
		res, err := logreg.Fit(points, logreg.FitOptions{})
		if err != nil {
			return output{}, err
		}
		m, separable = res.Model, res.Separable
	}
	ac := attack.Config{Method: cfg.attack}
	exact, err := metrics.NewLinearCurve(m, points, ac.BallNorm())
	if err != nil {
		return output{}, err
	}
	curve, err := metrics.Curve(&m, points, ac, cfg.eps)
	if err != nil {
		return output{}, err
	}
	out := output{Recipe: cfg.recipe, Seed: cfg.seed, N: cfg.n, Points: len(points), Dimension: 2, Attack: string(cfg.attack),
		Weights: m.W[:], Bias: m.B, Separable: separable, attackConfig: ac}
	generated := cfg.dataIn == ""
	articleScene := generated && cfg.recipe == "article" && cfg.n == data.ArticlePerClass && cfg.attack == attack.FGSM
	for _, c := range curve {
		x := exact.Error(c.Epsilon)
		row := outputRow{Epsilon: c.Epsilon, Error: c.Error, Exact: &x}
		if generated {
			t := theory.CloudsError(m, data.CloudSigma, c.Epsilon, ac.BallNorm())
			row.Theory = &t
		}
		if a, ok := article.ReportedError(c.Epsilon); ok && articleScene {
			row.Article = &a
		}
		out.Rows = append(out.Rows, row)
	}
	if !generated {
		out.Seed, out.N = 0, 0
	}
	return out, nil
}

func writePoints(path string, points []data.Point) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := data.WriteCSV(f, points); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// column is one column of the table, and its line in the legend.
type column struct {
	name, legend string
	value        func(outputRow) *float64
}

// printTable prints the experiment as text: a heading that says what was
// trained on which points and how, then the error at each ε in the
// columns that apply, and the columns' legend.
func printTable(w io.Writer, cfg config, out output) {
	if out.TestSet {
		printDigitHeading(w, out, !cfg.digits())
		fmt.Fprintln(w)
		printColumns(w, digitColumns, out.Rows)
		return
	}
	high := out.Dimension > 2
	printHeading(w, cfg, out)
	fmt.Fprintln(w)
	generated := cfg.scene == nil && cfg.dataIn == "" && !high
	printColumns(w, tableColumns(out, generated), out.Rows)
}

// describeSource names the points of the experiment.
func describeSource(cfg config, out output) string {
	high := out.Dimension > 2
	source := fmt.Sprintf("the article's clouds, %d points per class, seed %d", out.N, out.Seed)
	switch {
	case cfg.dataIn != "":
		source = fmt.Sprintf("%d points from %s", out.Points, cfg.dataIn)
	case cfg.scene != nil:
		source = fmt.Sprintf("the shared scene's %d points", out.Points)
		if out.preset != "" && out.preset != "empty" {
			source += fmt.Sprintf(" (%s preset)", out.preset)
		}
		if high {
			source += fmt.Sprintf(" in %d dimensions", out.Dimension)
		}
	case out.Glyphs != "":
		r := []rune(out.Glyphs)
		source = fmt.Sprintf("the glyphs %q against %q, %d×%d pixels (d = %d), %d images per class, seed %d",
			string(r[0]), string(r[1]), glyphs.Side, glyphs.Side, out.Dimension, out.N, out.Seed)
	case high:
		source = fmt.Sprintf("the article's clouds in %d dimensions, %d points per class, seed %d", out.Dimension, out.N, out.Seed)
	}
	return source
}

// describeTraining says how the model of the experiment was trained.
func describeTraining(out output) string {
	how := map[string]string{
		"article": "the article's gradient descent", "converged": "Newton's method to convergence",
		"newton": "Newton's method to convergence", "adam": "Adam", "lbfgs": "L-BFGS",
	}[out.Recipe]
	if how == "" {
		how = out.Recipe
	}
	if out.Dimension > 2 {
		how = "L-BFGS to convergence"
	}
	if out.Epochs > 0 {
		how += fmt.Sprintf(" for %d epochs", out.Epochs)
	}
	if out.defense != "" {
		how += " with " + out.defense
	}
	return how
}

// printHeading prints what was trained on which points and how, the
// model's parameters, the attack, and for a scene the error the page
// shows.
func printHeading(w io.Writer, cfg config, out output) {
	how, source := describeTraining(out), describeSource(cfg, out)
	if out.Model == "mlp" {
		fmt.Fprintf(w, "Neural network (hidden layers %s; %s) trained by %s on %s.\n", joinInts(out.Hidden), out.Activation, how, source)
	} else {
		fmt.Fprintf(w, "Logistic regression trained by %s on %s.\n", how, source)
	}
	switch {
	case out.Dimension > 2:
		var b strings.Builder
		highHeading(&b, out)
		fmt.Fprint(w, b.String())
	case out.Model != "mlp":
		fmt.Fprintf(w, "w = (%.4f, %.4f), b = %.4f", out.Weights[0], out.Weights[1], out.Bias)
		if out.Separable {
			fmt.Fprintf(w, "  (separable data: fitted with L2 penalty %g)", logreg.SeparableL2)
		}
		fmt.Fprintln(w)
		fallthrough
	default:
		fmt.Fprintf(w, "attack: %s\n", describeAttack(out.attackConfig))
	}
	if out.SceneEpsilon != nil {
		fmt.Fprintf(w, "the page shows %.2f %% error at its ε = %g\n", 100**out.SceneError, *out.SceneEpsilon)
	}
}

// tableColumns returns the columns that apply: exact for logistic
// regression, theory for the generated clouds, and the article's figures
// beside the generated clouds only (a dash where its setup differs). A
// scene or a CSV has neither of the last two, so they are left out rather
// than shown empty.
func tableColumns(out output, generated bool) []column {
	high := out.Dimension > 2
	margin := "ε·‖w‖₁"
	if out.attackConfig.BallNorm() == attack.L2 {
		margin = "ε·‖w‖₂"
	}
	measured, truth := "measured by attacking every point", "the clouds' true distributions"
	if high {
		measured = fmt.Sprintf("counted in %d dimensions, every point attacked", out.Dimension)
		truth = "the true distributions of the points (theory.LinearError)"
	}
	all := []column{
		{"error", measured, func(r outputRow) *float64 { return &r.Error }},
		{"exact", "read off the sorted margins (each falls by " + margin + ")", func(r outputRow) *float64 { return r.Exact }},
		{"theory", "closed form for this boundary on " + truth, func(r outputRow) *float64 { return r.Theory }},
		{"best", "closed form for the best boundary, Φ((ε√d − √2)/σ) under L∞ and Φ((ε − √2)/σ) under L2 (theory.DimensionError)", func(r outputRow) *float64 { return r.Best }},
		{"article", "the figures the article reports, for its setup only (the default -recipe, -n and -attack)", func(r outputRow) *float64 { return r.Article }},
	}
	var cols []column
	for _, c := range all {
		show := c.name == "article" && generated
		for _, r := range out.Rows {
			show = show || c.value(r) != nil
		}
		if show {
			cols = append(cols, c)
		}
	}
	return cols
}

// printColumns prints the rows in the columns cols, a dash where a row has
// no value, then the legend of the columns.
func printColumns(w io.Writer, cols []column, rows []outputRow) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "ε\t")
	for _, c := range cols {
		fmt.Fprint(tw, c.name, "\t")
	}
	fmt.Fprintln(tw)
	for _, r := range rows {
		fmt.Fprintf(tw, "%.3g\t", r.Epsilon)
		for _, c := range cols {
			v := c.value(r)
			if v == nil {
				fmt.Fprint(tw, "–\t")
			} else {
				fmt.Fprintf(tw, "%.2f %%\t", 100**v)
			}
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	fmt.Fprintln(w)
	width := 0
	for _, c := range cols {
		width = max(width, len(c.name)+1)
	}
	for _, c := range cols {
		fmt.Fprintf(w, "%-*s %s\n", width, c.name+":", c.legend)
	}
}

// describeAttack names the attack and its ball, e.g. "fgsm (L∞)".
func describeAttack(c attack.Config) string {
	norm := map[attack.Norm]string{attack.LInf: "L∞", attack.L2: "L2"}[c.BallNorm()]
	if c.Method != attack.PGD {
		return fmt.Sprintf("%s (%s)", c.Method, norm)
	}
	steps, size := c.Steps, "ε/4"
	if steps == 0 {
		steps = attack.DefaultPGDSteps
	}
	if c.StepSize > 0 {
		size = strconv.FormatFloat(c.StepSize, 'g', -1, 64)
	}
	s := fmt.Sprintf("pgd (%s, %d steps of %s", norm, steps, size)
	if c.RandomStart {
		s += ", random start"
	}
	return s + ")"
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ", ")
}
