// Package advtrain trains models on adversarial examples, to test the
// article's third intuition: logistic regression cannot defend itself, but
// adversarial examples should help a non-linear model defend.
//
// Two recipes are offered, both at a training ε that is separate from the
// ε of the attack the model is later evaluated against:
//
//   - Goodfellow et al.'s mix (FGSM): each point's loss is
//     α·J(x) + (1−α)·J(x_adv) with α = 0.5 by default, where
//     x_adv = x + ε·sign(∇ₓJ(x)) is the FGSM point against the current
//     model (I. Goodfellow, J. Shlens, C. Szegedy, "Explaining and
//     Harnessing Adversarial Examples", ICLR 2015, §6).
//   - PGD training (Madry et al.): the loss is J(x_adv) alone, where x_adv
//     is the projected-gradient attack with 10 steps of ε/4 from a seeded
//     random start in the L∞ ball (A. Madry et al., "Towards Deep Learning
//     Models Resistant to Adversarial Attacks", ICLR 2018).
//
// NewMLP trains an mlp.MLP through its own fast trainer, step by step. The
// adversarial points are recomputed against the current parameters before
// every Adam step (every mlp.LBFGSAdversaryEpochs epochs of L-BFGS) and
// held fixed while the gradient is taken. They are exactly the points that
// package attack produces (attack.Perturb with the true labels), computed
// through the batched mlp.MLP.InputGrads, bit for bit.
//
// For a linear model the FGSM point has a closed form, and FGSM training
// becomes an L1-like penalty on w (Goodfellow et al. 2015, §5): with the
// signed label s = 2y−1, the adversarial loss is
//
//	J(x_adv) = softplus(−s·(w·x+b) + ε‖w‖₁),
//
// so the attack lowers every margin by ε‖w‖₁, and training against it
// shrinks ‖w‖₁ instead of moving the boundary towards the data.
// LinearFGSMObjective computes the training objective from it, and
// FitLinear minimizes that to convergence; the tests check both, and the
// gradient, against attacking the points. For a linear model PGD in the L∞
// ball reaches the same corner as FGSM, so PGD training adds nothing there.
package advtrain
