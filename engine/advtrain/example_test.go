package advtrain_test

import (
	"fmt"

	"advplay/engine/advtrain"
	"advplay/engine/data"
	"advplay/engine/model"
)

// The FGSM point of a linear model loses exactly ε‖w‖₁ of margin, so the
// adversarial loss is a penalty on ‖w‖₁ (Goodfellow et al. 2015, §5).
func ExampleLinearFGSMObjective() {
	m := model.Linear{W: [2]float64{1, 1}, B: -2}      // the article's Bayes boundary
	points := []data.Point{{X: 1.5, Y: 1.5, Label: 1}} // a blue point, margin 1
	for _, eps := range []float64{0, 0.25, 0.5, 0.75} {
		c := advtrain.Config{Method: advtrain.FGSM, Epsilon: eps} // α = 0: the attacked loss alone
		fmt.Printf("ε = %.2f: margin %.2f, loss %.4f\n", eps, 1-eps*m.Norm1(), advtrain.LinearFGSMObjective(m, points, c))
	}
	// Output:
	// ε = 0.00: margin 1.00, loss 0.3133
	// ε = 0.25: margin 0.50, loss 0.4741
	// ε = 0.50: margin 0.00, loss 0.6931
	// ε = 0.75: margin -0.50, loss 0.9741
}
