// Package metrics measures classifiers: the error rate on clean and attacked
// points, the error-against-ε curve, and for linear models the exact curve
// and each point's minimal flipping ε, both read off the sorted margins.
package metrics
