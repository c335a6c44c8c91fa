package network

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
	MinUnits  = 1
	// MaxUnits bounds a hidden layer. The cost of everything grows with
	// the first layer's d·units weights: on the MNIST preset 128 units
	// take twice as long as the default 64 (the package doc's table), so
	// 256 take four times as long, 8 s of plain training and well over a
	// minute of PGD training in a browser, as far as a page can ask a
	// visitor to wait.
	MaxUnits = 256
)

// Config describes a Network's architecture; the input dimension d is
// New's argument.
type Config struct {
	// Hidden holds the number of units of each hidden layer, from the
	// input side: 1 to 3 layers of 1 to 256 units.
	Hidden []int `json:"hidden"`
	// Activation is Tanh or ReLU; the empty string means ReLU.
	Activation Activation `json:"activation"`
}

// DefaultConfig returns the tuned architecture of the MNIST preset: one
// hidden layer of DefaultUnits ReLU units (the package doc says why).
func DefaultConfig() Config {
	return Config{Hidden: []int{DefaultUnits}, Activation: ReLU}
}

// DefaultUnits is the width of DefaultConfig's hidden layer.
const DefaultUnits = 64

// Validate returns an error naming the first invalid field: hidden when
// there are not 1 to 3 layers or a layer has not 1 to 256 units,
// activation when it is not tanh or relu.
func (c Config) Validate() error {
	if len(c.Hidden) < MinLayers || len(c.Hidden) > MaxLayers {
		return fmt.Errorf("network: hidden has %d layers, must have %d to %d", len(c.Hidden), MinLayers, MaxLayers)
	}
	for i, n := range c.Hidden {
		if n < MinUnits || n > MaxUnits {
			return fmt.Errorf("network: hidden layer %d has %d units, must have %d to %d", i+1, n, MinUnits, MaxUnits)
		}
	}
	switch c.Activation {
	case "", Tanh, ReLU:
	default:
		return fmt.Errorf("network: activation %q is not one of %s, %s", c.Activation, Tanh, ReLU)
	}
	return nil
}

func (c Config) activation() Activation {
	if c.Activation == "" {
		return ReLU
	}
	return c.Activation
}

// String returns the hidden layers and the activation as "64-32 relu".
func (c Config) String() string {
	var b strings.Builder
	for i, n := range c.Hidden {
		if i > 0 {
			b.WriteByte('-')
		}
		fmt.Fprintf(&b, "%d", n)
	}
	fmt.Fprintf(&b, " %s", c.activation())
	return b.String()
}
