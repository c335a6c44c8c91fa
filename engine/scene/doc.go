// Package scene is the playground's core: the points, the settings a
// visitor or an embedding page can change, and everything derived from
// them — the trained model, the attacked points, the error figures and the
// curves — with the patches that change them, the share codec, CSV and
// the postMessage protocol. The page (wasm/) and the command line
// (scripts/experiment) both run a scene through it. It has no ebiten or
// syscall/js import, so the whole JS API contract (set, state, addPoint, …)
// is tested natively and under Node.
//
// A Scene changes only through its methods. Each method validates first and
// changes nothing on error, then marks what must be recomputed; Flush (which
// State calls) brings the derived figures up to date, so a change is visible
// to the very next State call. Long training (the article's 20,000 epochs)
// advances only in Tick, a slice at a time, so the page never freezes.
//
// # Into higher dimensions
//
// The clouds presets take a dimension d from 2 to 1024 (data.CloudsIn,
// the means 2√2 apart in every d), and the glyphs preset draws 28×28
// images of two characters, d = 784 (package glyphs). Above two
// dimensions the points in ℝ^d are the truth, fitted by logistic
// regression to convergence in d + 1 parameters (linear.Fit) and attacked
// in closed form, and the plane the page draws is the model's: Points,
// Adversarial, Model and Linear show each point at (ŵ·x, V·x), where the
// model is W = (‖w‖₂, 0), B = b, so the boundary is a vertical line and
// every view of the plane works unchanged (space.go has the details,
// including where edits land). What the plane cannot show is in
// State.Projection (‖δ‖∞, ‖δ‖₂ and the reach along ŵ, ε‖w‖₁/‖w‖₂), in
// each point's coordinates (State's points[i].coords, Samples), and in
// Sample and Weights, the glyph gallery's images. Theory gives the closed
// form for the fit on the preset's distribution, and the chart in mode
// ChartDimension (RefineDimensionCurve, DimensionCurve) the error against
// the dimension at the scene's ε, noise and seed (package dimsweep). In
// two dimensions everything is as it was: the same points, figures and
// links, bit for bit (testdata/plane.golden).
//
// # Real pictures
//
// The MNIST preset ("mnist") shows two of MNIST's handwritten digits
// (Digits, "37" by default, Goodfellow et al.'s Fig. 2): the model learns
// from the training digits, and the points are the test digits, on which
// every error is counted. Logistic regression and a network of 784 inputs
// (package network) train on them, plainly or adversarially, and every
// attack stays in the pixel box [0, 1]. The plane shows each digit at
// (logit, principal direction), so that the boundary is z = 0 for every
// model. The digits' files come from package mnist's shelf, which the page
// fills as it fetches them; an attack on the network runs a chunk of
// digits at a time (FlushFor). digits.go has the details.
package scene
