package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/logreg"
	"advplay/engine/metrics"
	"advplay/engine/model"
	"advplay/engine/theory"
)

// articleTable is the article's reported error at each ε (its table, for
// logistic regression trained by its recipe on 2×10,000 points).
var articleTable = map[float64]float64{0: 0.029, 0.2: 0.076, 0.5: 0.226}

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
	scene   string
}

// output is the -json document.
type output struct {
	Recipe    string      `json:"recipe"`
	Seed      uint64      `json:"seed"`
	N         int         `json:"n"`
	Points    int         `json:"points"`
	Attack    string      `json:"attack"`
	Model     string      `json:"model,omitempty"`
	Weights   [2]float64  `json:"weights"`
	Bias      float64     `json:"bias"`
	Separable bool        `json:"separable,omitempty"`
	Rows      []outputRow `json:"rows"`
	// SceneEpsilon and SceneError are the ε of a -scene and the error the
	// page shows there.
	SceneEpsilon *float64 `json:"sceneEpsilon,omitempty"`
	SceneError   *float64 `json:"sceneError,omitempty"`
}

type outputRow struct {
	Epsilon float64  `json:"epsilon"`
	Error   float64  `json:"error"`
	Exact   *float64 `json:"exact,omitempty"`
	Theory  *float64 `json:"theory,omitempty"`
	Article *float64 `json:"article,omitempty"`
}

// errUsage marks errors that are the caller's fault: exit code 2.
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
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
	if cfg.scene != "" {
		run = sceneExperiment
	}
	out, err := run(cfg)
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
	return 0
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("experiment", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: go run ./scripts/experiment [flags]

Trains logistic regression on the article's two Gaussian clouds (or on a CSV
of points), attacks every point, and prints the error at each ε.

flags:
`)
		fs.PrintDefaults()
	}
	recipe := fs.String("recipe", "article", "training: `article` (the article's gradient descent, 20,000 epochs) or converged (Newton to the maximum likelihood)")
	seed := fs.Uint64("seed", 1, "random seed of the generated clouds")
	n := fs.Int("n", data.ArticlePerClass, "points per class to generate")
	eps := fs.String("eps", "0,0.2,0.5", "comma-separated attack budgets ε ≥ 0")
	method := fs.String("attack", "fgsm", "attack: fgsm (L∞), fgm (L2) or pgd (L∞, 10 steps of ε/4)")
	dataIn := fs.String("data", "", "read points from this CSV (x,y,label) instead of generating them")
	dataOut := fs.String("data-out", "", "write the points used to this CSV")
	jsonOut := fs.Bool("json", false, "print machine-readable JSON")
	sceneIn := fs.String("scene", "", "run on a scene shared from the browser: its link, or the part after #; the link sets the data, model and attack, so -recipe, -seed, -n, -attack and -data do not apply")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return config{}, err
		}
		return config{}, errUsage // the flag package has printed the message
	}
	fail := func(format string, a ...any) (config, error) {
		fmt.Fprintf(stderr, "experiment: "+format+"\n", a...)
		fmt.Fprintln(stderr, "run with -h for help")
		return config{}, errUsage
	}
	if fs.NArg() > 0 {
		return fail("unexpected argument %q", fs.Arg(0))
	}
	cfg := config{recipe: *recipe, seed: *seed, n: *n, attack: attack.Method(*method),
		dataIn: *dataIn, dataOut: *dataOut, json: *jsonOut, scene: *sceneIn}
	if cfg.scene != "" {
		conflict := ""
		fs.Visit(func(f *flag.Flag) {
			switch f.Name {
			case "recipe", "seed", "n", "attack", "data", "data-out":
				conflict = f.Name
			}
		})
		if conflict != "" {
			return fail("-%s cannot be combined with -scene, whose link sets it", conflict)
		}
	}
	if cfg.recipe != "article" && cfg.recipe != "converged" {
		return fail("-recipe %q: want article or converged", cfg.recipe)
	}
	if cfg.n < 1 || cfg.n > data.MaxPerClass {
		return fail("-n %d: want between 1 and %d points per class", cfg.n, data.MaxPerClass)
	}
	if err := (attack.Config{Method: cfg.attack}).Validate(); err != nil {
		return fail("-attack %q: want fgsm, fgm or pgd", *method)
	}
	for _, f := range strings.Split(*eps, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || !(v >= 0) || math.IsInf(v, 0) {
			return fail("-eps: %q is not a finite number ≥ 0", f)
		}
		cfg.eps = append(cfg.eps, v)
	}
	return cfg, nil
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
	out := output{Recipe: cfg.recipe, Seed: cfg.seed, N: cfg.n, Points: len(points), Attack: string(cfg.attack),
		Weights: m.W, Bias: m.B, Separable: separable}
	generated := cfg.dataIn == ""
	articleScene := generated && cfg.recipe == "article" && cfg.n == data.ArticlePerClass && cfg.attack == attack.FGSM
	for _, c := range curve {
		x := exact.Error(c.Epsilon)
		row := outputRow{Epsilon: c.Epsilon, Error: c.Error, Exact: &x}
		if generated {
			t := theory.CloudsError(m, data.CloudSigma, c.Epsilon, ac.BallNorm())
			row.Theory = &t
		}
		if a, ok := articleTable[c.Epsilon]; ok && articleScene {
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

func printTable(w io.Writer, cfg config, out output) {
	source := fmt.Sprintf("the article's clouds, %d points per class, seed %d", out.N, out.Seed)
	switch {
	case cfg.dataIn != "":
		source = fmt.Sprintf("%d points from %s", out.Points, cfg.dataIn)
	case cfg.scene != "":
		source = fmt.Sprintf("the shared scene's %d points", out.Points)
	}
	how := map[string]string{
		"article": "the article's gradient descent", "converged": "Newton's method to convergence",
		"newton": "Newton's method to convergence", "adam": "Adam", "lbfgs": "L-BFGS",
	}[out.Recipe]
	if out.Model == "mlp" {
		fmt.Fprintf(w, "Neural network trained by %s on %s.\n", how, source)
	} else {
		fmt.Fprintf(w, "Logistic regression trained by %s on %s.\n", how, source)
		fmt.Fprintf(w, "w = (%.4f, %.4f), b = %.4f", out.Weights[0], out.Weights[1], out.Bias)
	}
	if out.Separable {
		fmt.Fprintf(w, "  (separable data: fitted with L2 penalty %g)", logreg.SeparableL2)
	}
	fmt.Fprintf(w, "\nattack: %s\n", out.Attack)
	if out.SceneEpsilon != nil {
		fmt.Fprintf(w, "the page shows %.2f %% at its ε = %g\n", 100**out.SceneError, *out.SceneEpsilon)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "ε\terror\texact\ttheory\tarticle\t\n")
	pct := func(v *float64) string {
		if v == nil {
			return "–"
		}
		return fmt.Sprintf("%.2f %%", 100**v)
	}
	for _, r := range out.Rows {
		fmt.Fprintf(tw, "%.3g\t%s\t%s\t%s\t%s\t\n", r.Epsilon, pct(&r.Error), pct(r.Exact), pct(r.Theory), pct(r.Article))
	}
	tw.Flush()
	fmt.Fprint(w, `
error:   measured by attacking every point
exact:   read off the sorted margins (each falls by ε·‖w‖₁ for FGSM, ε·‖w‖₂ for FGM)
theory:  closed form for this boundary on the clouds' true distributions
article: the figures the article reports
`)
}
