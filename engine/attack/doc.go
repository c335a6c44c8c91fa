// Package attack perturbs points to raise a model's loss: the Fast Gradient
// Sign Method (FGSM, L∞), the Fast Gradient Method (FGM, L2) and Projected
// Gradient Descent (PGD, also called the Basic Iterative Method). PGD
// returns the point of highest loss among its iterates and the single full
// FGSM (or FGM) step, so it is never weaker than FGSM.
//
// All attacks use each point's true label, so they maximize the loss the
// model is trained on: x' = x + ε·sign(∇ₓJ(x, y)). Attack libraries such
// as CleverHans and ART default instead to the model's own prediction,
// which avoids leaking labels at test time; advplay uses the labels because
// the article does and because the label is what the visitor drew.
package attack
