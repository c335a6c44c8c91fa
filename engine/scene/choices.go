package scene

import (
	"slices"

	"advplay/engine/advtrain"
	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/dimsweep"
	"advplay/engine/glyphs"
	"advplay/engine/mlp"
	"advplay/engine/mnist"
)

// The values each enumerated setting takes, in the order a page lists
// them; Apply accepts exactly these.
var (
	AttackMethods  = attack.Methods
	AttackNorms    = []attack.Norm{attack.LInf, attack.L2}
	ModelKinds     = []string{KindLogReg, KindMLP}
	Activations    = []mlp.Activation{mlp.Tanh, mlp.ReLU}
	Recipes        = []string{RecipeConverged, RecipeArticle}
	Optimizers     = []mlp.Optimizer{mlp.Adam, mlp.LBFGS}
	DefenseMethods = advtrain.Methods
	Modes          = []string{ModeAdd, ModeRemove}
	ControlsValues = []string{"full", "minimal", "none"}
	ChartModes     = []string{ChartEpsilon, ChartDimension}
)

// Presets returns the names of the data presets, in the order a page lists
// them: package data's, with the MNIST digits and the glyphs (package
// glyphs), both pictures of d = 784, before "empty".
func Presets() []string {
	names := data.PresetNames()
	return slices.Insert(names, slices.Index(names, "empty"), MNIST, glyphs.Name)
}

// CloudPresets are the presets whose points are the article's clouds,
// which a dimension setting carries to d dimensions (data.CloudsIn).
var CloudPresets = []string{"article", "small"}

// Pictures returns the side, in pixels, of the square pictures that a
// preset's points are (28 for the glyphs and the digits), and 0 for presets whose
// points are not pictures.
func Pictures(preset string) int {
	switch preset {
	case glyphs.Name:
		return glyphs.Side
	case MNIST:
		return mnist.Width
	}
	return 0
}

// Dimensions are the stops a page offers for the dimension of the clouds:
// 2, 4, …, 1024, the dimensions of the error-against-dimension chart
// (dimsweep.Dims). Apply takes any whole number from MinDimension to
// MaxDimension.
var Dimensions = dimsweep.Dims
