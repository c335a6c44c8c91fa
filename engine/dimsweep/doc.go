// Package dimsweep measures how the error of linear classifiers under a
// small attack grows with the dimension, the linear explanation of
// adversarial examples (I. Goodfellow, J. Shlens, C. Szegedy, "Explaining
// and Harnessing Adversarial Examples", ICLR 2015, arXiv:1412.6572, §3).
//
// For each dimension d (by default 2, 4, …, 1024) it draws the article's
// clouds carried to d dimensions (data.CloudsIn: the means 2√2 apart in
// every d), fits logistic regression to convergence (linear.Fit), and
// counts on fresh test points of the same clouds the errors of the fit and
// of the best line (linear.Bisector), clean, under FGSM (L∞) and under FGM
// (L2) of the same budget ε, beside the closed forms of package theory:
// the best line's Φ((ε√d − √2)/σ) and Φ((ε − √2)/σ), and the general form
// with the fit's own (w, b). The L∞ attack moves every point by ε‖w‖₁/‖w‖₂
// towards the boundary, up to ε√d, while the L2 attack moves it by ε: the
// L∞ error climbs with d and the L2 error stays flat.
//
// The measured errors are on test points, not on the training points: in
// high dimensions the fit separates its training points almost perfectly,
// and the closed form, an expectation over the clouds, describes fresh
// points.
//
// A Sweep runs in slices of bounded work (Step), so that the page can keep
// each frame within its budget; its results do not depend on the slicing.
// The points and the fits are bit-identical natively and in WebAssembly
// (portable normal sampler on PCG, package lbfgs's plain loops).
package dimsweep
