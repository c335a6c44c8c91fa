package article

// The recipe.
const (
	// PerClass is the number of points in each cloud.
	PerClass = 10000
	// Sigma is each cloud's standard deviation along each axis.
	Sigma = 0.5
	// LearningRate and Epochs are gradient descent's: the step on w is
	// LearningRate times the sum of the per-point gradients, the step on
	// b LearningRate times their mean, from w = 0 and b = 0.
	LearningRate = 0.0005
	Epochs       = 20000
)

// Mean returns the mean of the cloud of a label: (2, 2) for class 1
// (blue), (0, 0) for any other.
func Mean(label int) [2]float64 {
	if label == 1 {
		return [2]float64{2, 2}
	}
	return [2]float64{0, 0}
}

// Figure is one row of the article's table: the fraction of its points
// that the trained model misclassifies once each is attacked by FGSM with
// budget Epsilon.
type Figure struct {
	Epsilon float64
	Error   float64
}

// Table returns the article's table, in its order.
func Table() []Figure {
	return []Figure{{0, 0.029}, {0.2, 0.076}, {0.5, 0.226}}
}

// ReportedError returns the error the article reports at eps, and whether
// its table has a row for eps.
func ReportedError(eps float64) (float64, bool) {
	for _, f := range Table() {
		if f.Epsilon == eps {
			return f.Error, true
		}
	}
	return 0, false
}
