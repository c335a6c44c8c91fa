package logreg

import (
	"testing"

	"advplay/engine/data"
)

func BenchmarkArticleRecipe(b *testing.B) {
	points, _ := data.Clouds(data.ArticlePerClass, 1)
	for b.Loop() {
		a, _ := NewArticle(points)
		a.Run()
		m := a.Model()
		b.ReportMetric(m.B, "bias")
	}
}
