package patch

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// TestReaders checks each reader on good and bad values: the value it
// returns, and for a bad one an *Error naming the path and saying what
// the value must be.
func TestReaders(t *testing.T) {
	t.Parallel()
	type methods string
	for _, c := range []struct {
		name string
		read func() (any, error)
		want any    // for a good value
		err  string // a part of the message for a bad one
	}{
		{"number", func() (any, error) { return Number("epsilon", 0.25, 0, 1) }, 0.25, ""},
		{"negative zero", func() (any, error) {
			v, err := Number("epsilon", math.Copysign(0, -1), 0, 1)
			return math.Signbit(v), err
		}, false, ""},
		{"number too big", func() (any, error) { return Number("epsilon", 2.0, 0, 1) }, nil, "epsilon: must be a number from 0 to 1, got 2"},
		{"number NaN", func() (any, error) { return Number("epsilon", math.NaN(), 0, 1) }, nil, "got NaN"},
		{"number a string", func() (any, error) { return Number("epsilon", "0.2", 0, 1) }, nil, `got "0.2"`},
		{"integer", func() (any, error) { return Integer("n", 12.0, 0, 100) }, int64(12), ""},
		{"integer fraction", func() (any, error) { return Integer("n", 1.5, 0, 100) }, nil, "n: must be a whole number from 0 to 100, got 1.5"},
		{"bool", func() (any, error) { return Bool("show.arrows", true) }, true, ""},
		{"bool null", func() (any, error) { return Bool("show.arrows", nil) }, nil, "show.arrows: must be true or false, got null"},
		{"one of", func() (any, error) { return OneOf("attack.method", "pgd", []methods{"fgsm", "pgd"}) }, methods("pgd"), ""},
		{"one of unknown", func() (any, error) { return OneOf("attack.method", "bim", []methods{"fgsm", "pgd"}) }, nil, `attack.method: must be one of fgsm, pgd, got "bim"`},
		{"label number", func() (any, error) { return Label("label", 1.0) }, 1, ""},
		{"label word", func() (any, error) { return Label("label", "Red") }, 0, ""},
		{"label 2", func() (any, error) { return Label("label", 2.0) }, nil, "label: must be 0 (red) or 1 (blue), got 2"},
		{"object", func() (any, error) {
			m, err := Object("attack", map[string]any{"method": "pgd"}, "method", "steps")
			return len(m), err
		}, 1, ""},
		{"object unknown key", func() (any, error) {
			return Object("attack", map[string]any{"steps": 1.0, "zz": 1.0, "aa": 2.0}, "method", "steps")
		}, nil, "attack.aa: unknown field; known fields are method, steps"},
		{"object an array", func() (any, error) { return Object("show", []any{1.0}, "arrows") }, nil, "show: must be an object with the fields arrows, got an array of 1"},
	} {
		got, err := c.read()
		if c.err == "" {
			if err != nil || got != c.want {
				t.Errorf("%s: got %v, %v; want %v", c.name, got, err, c.want)
			}
			continue
		}
		var pe *Error
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s: error %v, want an *Error containing %q", c.name, err, c.err)
		}
	}
}

// TestDescribe checks how values are named in messages.
func TestDescribe(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		v    any
		want string
	}{
		{nil, "null"}, {0.5, "0.5"}, {true, "true"}, {"ab", `"ab"`},
		{strings.Repeat("x", 50), `"` + strings.Repeat("x", 40) + `…"`},
		{[]any{1.0, 2.0}, "an array of 2"}, {map[string]any{}, "an object"}, {3, "int"},
	} {
		if got := Describe(c.v); got != c.want {
			t.Errorf("Describe(%#v) = %s, want %s", c.v, got, c.want)
		}
	}
	if got := (&Error{Msg: "bad"}).Error(); got != "bad" {
		t.Errorf("an Error without a path reads %q", got)
	}
}
