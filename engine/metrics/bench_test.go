package metrics

import (
	"testing"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/model"
)

// benchModel is near the article recipe's result, w = (1.3382, 1.3417) and
// b = −1.4881 for seed 1 (go run ./scripts/experiment).
var benchModel = model.Linear{W: [2]float64{1.34, 1.35}, B: -1.48}

// FGSM at ε = 0.2 and the error rate on the article's 2×10,000 points
// (the target: ≤ 1 ms).
func BenchmarkFGSMError20000(b *testing.B) {
	benchmarkAttackError(b, data.ArticlePerClass, attack.FGSM)
}

// Evaluate with FGSM at ε = 0.2 on the same points, as the page does after
// every change: the attack, both error rates and the per-point flags.
func BenchmarkEvaluateFGSM20000(b *testing.B) {
	benchmarkEvaluate(b, data.ArticlePerClass, attack.FGSM)
}

// The exact ε-curve at 101 values on 2×10,000 points: sorting the margins
// and 101 look-ups (the target: ≤ 5 ms natively).
func BenchmarkLinearCurve101(b *testing.B) { benchmarkLinearCurve(b, data.ArticlePerClass, 101) }

func benchmarkAttackError(b *testing.B, perClass int, method attack.Method) {
	points, err := data.Clouds(perClass, 1)
	if err != nil {
		b.Fatal(err)
	}
	c := attack.Config{Method: method, Epsilon: 0.2}
	for b.Loop() {
		if _, err := AdversarialError(&benchModel, points, c); err != nil {
			b.Fatal(err)
		}
	}
}

func benchmarkEvaluate(b *testing.B, perClass int, method attack.Method) {
	points, err := data.Clouds(perClass, 1)
	if err != nil {
		b.Fatal(err)
	}
	c := attack.Config{Method: method, Epsilon: 0.2}
	for b.Loop() {
		if _, err := Evaluate(&benchModel, points, c); err != nil {
			b.Fatal(err)
		}
	}
}

func benchmarkLinearCurve(b *testing.B, perClass, n int) {
	points, err := data.Clouds(perClass, 1)
	if err != nil {
		b.Fatal(err)
	}
	eps := Grid(1, n-1)
	for b.Loop() {
		c, err := NewLinearCurve(benchModel, points, attack.LInf)
		if err != nil {
			b.Fatal(err)
		}
		for _, e := range eps {
			c.Error(e)
		}
	}
}
