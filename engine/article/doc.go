// Package article holds, in one place, what advplay reproduces: the table
// and the recipe of the article
//
//	Ken H. K. Tsui, "Perhaps the Simplest Introduction of Adversarial
//	Examples Ever", 2018, first published on Medium;
//	https://kenhktsui.github.io/blog/2018/adversarial-examples
//
// The article draws two Gaussian clouds of PerClass points each, class 0
// (red) around Mean(0) = (0, 0) and class 1 (blue) around Mean(1) = (2, 2),
// both with standard deviation Sigma = 0.5 along each axis. It trains
// logistic regression from zero weights by full-batch gradient descent,
// Epochs = 20,000 epochs at LearningRate = 0.0005, where the step on w
// uses the sum of the per-point gradients and the step on b their mean
// (so the bias learns 2×10,000 times more slowly and ends under-trained).
// Attacked by FGSM, the model errs on the fractions that Table lists: 2.9 %
// at ε = 0, 7.6 % at ε = 0.2 and 22.6 % at ε = 0.5.
//
// Package data generates the clouds from these constants, package logreg
// trains the recipe (logreg.Article), and logreg's TestArticleFigures
// checks the table against the reproduction; go run ./scripts/experiment
// prints both side by side.
package article
