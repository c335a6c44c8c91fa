package mlp

import (
	"fmt"
	"strings"
)

// Activation names a hidden unit's non-linearity.
type Activation string

// The activations.
const (
	Tanh Activation = "tanh" // tanh(a)
	ReLU Activation = "relu" // max(a, 0)
)

// Limits of the architecture.
const (
	MinLayers = 1
	MaxLayers = 3
	MinUnits  = 2
	MaxUnits  = 32
)

// Config describes an MLP's architecture.
type Config struct {
	// Hidden holds the number of units of each hidden layer, from the
	// input side: 1 to 3 layers of 2 to 32 units.
	Hidden []int `json:"hidden"`
	// Activation is Tanh or ReLU; the empty string means Tanh.
	Activation Activation `json:"activation"`
}

// DefaultConfig returns two hidden layers of 16 tanh units.
func DefaultConfig() Config {
	return Config{Hidden: []int{16, 16}, Activation: Tanh}
}

// Validate returns an error naming the first invalid field: hidden when
// there are not 1 to 3 layers or a layer has not 2 to 32 units, activation
// when it is not tanh or relu.
func (c Config) Validate() error {
	if len(c.Hidden) < MinLayers || len(c.Hidden) > MaxLayers {
		return fmt.Errorf("mlp: hidden has %d layers, must have %d to %d", len(c.Hidden), MinLayers, MaxLayers)
	}
	for i, n := range c.Hidden {
		if n < MinUnits || n > MaxUnits {
			return fmt.Errorf("mlp: hidden layer %d has %d units, must have %d to %d", i+1, n, MinUnits, MaxUnits)
		}
	}
	switch c.Activation {
	case "", Tanh, ReLU:
	default:
		return fmt.Errorf("mlp: activation %q is not one of %s, %s", c.Activation, Tanh, ReLU)
	}
	return nil
}

func (c Config) activation() Activation {
	if c.Activation == "" {
		return Tanh
	}
	return c.Activation
}

// String returns the architecture as "2-16-16-1 tanh".
func (c Config) String() string {
	var b strings.Builder
	b.WriteString("2")
	for _, n := range c.Hidden {
		fmt.Fprintf(&b, "-%d", n)
	}
	fmt.Fprintf(&b, "-1 %s", c.activation())
	return b.String()
}
