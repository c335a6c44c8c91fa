package scene

import (
	"advplay/engine/advtrain"
	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/mlp"
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
)

// Presets returns the names of the data presets, in the order a page lists
// them.
func Presets() []string { return data.PresetNames() }
