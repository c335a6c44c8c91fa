// Package logreg trains logistic regression (model.Linear) in the two ways
// advplay needs: the article's plain gradient descent, step by step so that
// the browser can animate it, and a converged maximum-likelihood fit.
package logreg
