// Package linear holds linear classifiers in d dimensions, class 1 iff
// w·x + b > 0: logistic regression fitted to convergence, the FGSM and FGM
// attacks in closed form, error counting, and the plane in which the page
// draws a model and its points.
//
// The fit minimizes the mean log-loss plus a ridge penalty λ/2·‖w‖₂² over
// the d+1 parameters with L-BFGS (package lbfgs; Newton's Hessian would have
// (d+1)² entries). The default λ = DefaultL2 = 1e-4 per point is there
// because in high dimensions the training points are often linearly
// separable (the clouds' 2×1000 points of seed 1 already are in four
// dimensions), and then the unpenalized loss has no minimum: the weights
// grow without end while the gradient fades below any tolerance. With the
// penalty the fit is unique and L-BFGS converges in a few tens of
// iterations in every dimension up to 1024. In the plane, on the article's
// 2×10,000 points (seeds 1 to 3), it shrinks ‖w‖ from about 9 to 5.7 but
// moves the boundary's closed-form error by less than 0.003 percentage
// points at ε = 0, 0.2 and 0.5, a tenth of the sampling error. A negative
// L2 gives the plain maximum-likelihood fit.
//
// A Fitter does the fit in slices of bounded work, so that a browser can
// keep each frame within its budget; the result does not depend on the
// slicing. The sums over the points and L-BFGS's own updates are plain Go
// in a fixed order, so the fitted weights are the same bits natively and
// in WebAssembly.
//
// The attacks in closed form move every point of a class by the same step
// (Model.Step): FGSM by −s·ε·sign(w), lowering the margin s·(w·x + b) by
// ε‖w‖₁, and FGM by −s·ε·w/‖w‖₂, lowering it by ε‖w‖₂, where s = +1 for
// class 1 and −1 for class 0. Along the unit normal ŵ the FGSM step is
// ε‖w‖₁/‖w‖₂ long (Model.Reach), up to ε√d, though no coordinate moves
// by more than ε: the linear explanation of adversarial examples (I.
// Goodfellow, J. Shlens, C. Szegedy, "Explaining and Harnessing Adversarial
// Examples", ICLR 2015, arXiv:1412.6572, §3). Package theory has the
// closed-form error rates these attacks produce on Gaussian classes.
package linear
