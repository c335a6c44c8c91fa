package logreg_test

import (
	"fmt"

	"advplay/engine/article"
	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/logreg"
	"advplay/engine/metrics"
	"advplay/engine/model"
)

// The article's recipe (package article) beside the converged fit on the
// article's clouds, both attacked by FGSM. To run in a fraction of a
// second the clouds here have 2×500 points rather than the article's
// 2×10,000; the descent ends much as it does on the full clouds, where
// go run ./scripts/experiment gives 3.05 %, 8.04 % and 22.51 %. Its bias
// is under-trained, so its boundary crosses the diagonal x₁ = x₂ near the
// red cloud at (0, 0) rather than midway to the blue one at (2, 2), where
// the converged fit puts it, and FGSM flips far more points.
func ExampleArticle() {
	points, err := data.Clouds(500, 1)
	if err != nil {
		panic(err)
	}
	descent, err := logreg.NewArticle(points)
	if err != nil {
		panic(err)
	}
	descent.Run()
	fit, err := logreg.Fit(points, logreg.FitOptions{})
	if err != nil {
		panic(err)
	}
	models := []model.Linear{descent.Model(), fit.Model}
	for i, how := range []string{fmt.Sprintf("%d epochs of descent", descent.Epoch()), fmt.Sprintf("%d Newton steps", fit.Iterations)} {
		m := models[i]
		fmt.Printf("%-24s w = (%.2f, %.2f), b = %6.2f, crossing x₁ = x₂ at %.2f\n", how+":", m.W[0], m.W[1], m.B, -m.B/(m.W[0]+m.W[1]))
	}
	fmt.Printf("%-3s%10s%10s%9s\n", "ε", "descent", "converged", "article")
	for _, row := range article.Table() {
		fmt.Printf("%.1f", row.Epsilon)
		for _, m := range models {
			e, err := metrics.AdversarialError(&m, points, attack.Config{Method: attack.FGSM, Epsilon: row.Epsilon})
			if err != nil {
				panic(err)
			}
			fmt.Printf("%8.2f %%", 100*e)
		}
		fmt.Printf("   %4.1f %%\n", 100*row.Error)
	}
	// Output:
	// 20000 epochs of descent: w = (1.54, 1.18), b =  -1.47, crossing x₁ = x₂ at 0.54
	// 5 Newton steps:          w = (7.59, 8.05), b = -14.89, crossing x₁ = x₂ at 0.95
	// ε     descent converged  article
	// 0.0    3.20 %    0.10 %    2.9 %
	// 0.2    7.80 %    1.00 %    7.6 %
	// 0.5   21.80 %    7.60 %   22.6 %
}
