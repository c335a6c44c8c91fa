package main

import (
	"errors"
	"fmt"
	"strings"

	"advplay/engine/advtrain"
	"advplay/engine/metrics"
	"advplay/engine/mnist"
	"advplay/engine/model"
	"advplay/engine/scene"
	"advplay/engine/scene/share"
)

// decodeScene decodes a -scene value: a link shared from the browser, or
// the part after its #. A scene of the MNIST preset takes its digits'
// files from dir as scripts/mnistdata writes them, or from the GoMNIST
// module when dir is "" (stockDigits).
func decodeScene(link, dir string) (*scene.Scene, error) {
	sc, err := decodeLink(link)
	if missing, ok := mnist.IsMissing(err); ok {
		if err := stockMissing(dir, missing); err != nil {
			return nil, err
		}
		sc, err = decodeLink(link)
	}
	return sc, err
}

// decodeLink decodes a -scene value, whose digits, if any, must be on
// package mnist's shelf.
func decodeLink(link string) (*scene.Scene, error) {
	link = strings.TrimSpace(link)
	hash := link
	if i := strings.Index(link, "#"); i >= 0 {
		hash = link[i+1:]
	} else if strings.Contains(link, "://") {
		return nil, errors.New("the link has no #fragment: copy the whole link, up to its end")
	}
	if hash == "" {
		return nil, errors.New("want a link shared from the browser, or the part after its #")
	}
	return share.Decode(hash)
}

// sceneExperiment runs the experiment on a scene shared from the browser:
// the link's #fragment holds the points, the model and the attack, and the
// same engine trains the same model, so the figures match the page's.
func sceneExperiment(cfg config) (output, error) {
	sc := cfg.scene
	if err := trainScene(sc); err != nil {
		return output{}, fmt.Errorf("-scene: %v", err)
	}
	st := sc.Summary()
	if st.Preset == scene.MNIST {
		return digitOutput(sc, cfg.eps), nil
	}
	if st.Dimension > 2 {
		out := highOutput(sc, cfg.eps)
		out.SceneEpsilon, out.SceneError = &st.Epsilon, &st.Metrics.AdversarialError
		return out, nil
	}
	v := sc.View()
	m, points := v.Model, v.Points
	// The attack as the chart runs it at each ε (PGD: steps of ε/4).
	ac := st.AttackConfig().AtEpsilon(st.Epsilon)
	out := output{
		Recipe: st.Training.Method, Seed: st.Seed, N: st.N, Points: len(points), Dimension: st.Dimension,
		Attack: string(ac.Method), Model: st.Model.Kind, Separable: st.Model.Separable,
		Weights: st.Model.Weights, Bias: st.Model.Bias, Parameters: st.Model.Parameters,
		SceneEpsilon: &st.Epsilon, SceneError: &st.Metrics.AdversarialError,
		attackConfig: ac, preset: st.Preset,
	}
	if st.Model.Kind == scene.KindMLP {
		out.Hidden, out.Activation, out.Epochs = st.Model.Hidden, st.Model.Activation, st.Training.Epochs
	}
	if d := st.Defense; d.Method != advtrain.None && d.Method != "" {
		out.defense = fmt.Sprintf("%s adversarial training at ε = %g", strings.ToUpper(string(d.Method)), d.Epsilon)
	}
	var exact *metrics.LinearCurve
	if lin, ok := m.(*model.Linear); ok {
		var err error
		if exact, err = metrics.NewLinearCurve(*lin, points, ac.BallNorm()); err != nil {
			return output{}, err
		}
	}
	curve, err := metrics.Curve(m, points, ac, cfg.eps)
	if err != nil {
		return output{}, err
	}
	for _, c := range curve {
		row := outputRow{Epsilon: c.Epsilon, Error: c.Error}
		if exact != nil {
			x := exact.Error(c.Epsilon)
			row.Exact = &x
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}
