package logreg

import (
	"testing"

	"advplay/engine/data"
)

// The article's recipe on its 2×10,000 points: 20,000 epochs, 4·10⁸
// point-epochs (package article).
func BenchmarkArticleRecipe(b *testing.B) { benchmarkArticle(b, data.ArticlePerClass, ArticleEpochs) }

// One animation slice of 100 epochs on the same points.
func BenchmarkArticle100Epochs(b *testing.B) { benchmarkArticle(b, data.ArticlePerClass, 100) }

// The converged fit on 2×10,000 points (the target: ≤ 10 ms).
func BenchmarkFit20000(b *testing.B) { benchmarkFit(b, data.ArticlePerClass) }

func benchmarkArticle(b *testing.B, perClass, epochs int) {
	points, err := data.Clouds(perClass, 1)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		a, err := NewArticle(points)
		if err != nil {
			b.Fatal(err)
		}
		a.Epochs = epochs
		a.Run()
	}
}

func benchmarkFit(b *testing.B, perClass int) {
	points, err := data.Clouds(perClass, 1)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Fit(points, FitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
