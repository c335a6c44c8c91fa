package main

import (
	"fmt"
	"strings"

	"advplay/engine/attack"
	"advplay/engine/metrics"
	"advplay/engine/model"
	"advplay/wasm/scene"
)

// sceneExperiment runs the experiment on a scene shared from the browser:
// the link's #fragment holds the points, the model and the attack, and the
// same engine trains the same model, so the figures match the page's.
func sceneExperiment(cfg config) (output, error) {
	hash := cfg.scene
	if i := strings.Index(hash, "#"); i >= 0 {
		hash = hash[i+1:]
	}
	sc, err := scene.Decode(hash)
	if err != nil {
		return output{}, fmt.Errorf("-scene: %w", err)
	}
	for sc.Running() {
		sc.Tick(1000)
	}
	st := sc.State()
	if st.Training.Error != "" {
		return output{}, fmt.Errorf("-scene: %s", st.Training.Error)
	}
	m := sc.Model()
	points := sc.Points()
	ac := st.AttackConfig()
	out := output{
		Recipe: st.Training.Method, Seed: st.Seed, N: st.N, Points: len(points),
		Attack: string(ac.Method), Model: st.Model.Kind, Separable: st.Model.Separable,
		Weights: st.Model.Weights, Bias: st.Model.Bias,
		SceneEpsilon: &st.Epsilon, SceneError: &st.Metrics.AdversarialError,
	}
	var exact *metrics.LinearCurve
	if lin, ok := m.(*model.Linear); ok {
		if exact, err = metrics.NewLinearCurve(*lin, points, ac.BallNorm()); err != nil {
			return output{}, err
		}
	}
	for _, eps := range cfg.eps {
		c := ac
		c.Epsilon = eps
		if c.Method == attack.PGD {
			c.StepSize = 0 // ε/4 at every ε, as the chart does
		}
		e, err := metrics.AdversarialError(m, points, c)
		if err != nil {
			return output{}, err
		}
		row := outputRow{Epsilon: eps, Error: e}
		if exact != nil {
			x := exact.Error(eps)
			row.Exact = &x
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}
