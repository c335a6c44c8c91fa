// Package patch reads the values of a patch, a decoded JavaScript object
// such as {epsilon: 0.2, attack: {method: "pgd"}}: map[string]any whose
// values are float64, string, bool, nil, []any or map[string]any, as
// encoding/json and the JS bridge hand them over. Each reader checks one
// value and returns an error that names its path in the patch
// ("attack.method") and what it must be, so that a refused patch tells
// the visitor, the host page or the API caller exactly what is wrong.
package patch

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"advplay/engine/data"
)

// Patch is a decoded JavaScript object.
type Patch = map[string]any

// Error is an error about one value of a patch, named by its path.
type Error struct {
	Path string // such as "attack.method"; "" for the patch itself
	Msg  string
}

func (e *Error) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// Errorf returns an *Error for path with a formatted message.
func Errorf(path, format string, args ...any) error {
	return &Error{Path: path, Msg: fmt.Sprintf(format, args...)}
}

// Describe renders a patch value for an error message: a number or a
// boolean as itself, a string quoted (cut after 40 bytes), and the kind
// of anything else.
func Describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		if len(v) > 40 {
			v = v[:40] + "…"
		}
		return fmt.Sprintf("%q", v)
	case float64, bool:
		return fmt.Sprint(v)
	case []any:
		return fmt.Sprintf("an array of %d", len(v))
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// Join returns the path of key inside path.
func Join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// Object returns v as an object whose keys are all among known; the error
// names the first unknown key (in sorted order) and lists the known ones.
func Object(path string, v any, known ...string) (map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, Errorf(path, "must be an object with the fields %s, got %s", strings.Join(known, ", "), Describe(v))
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !slices.Contains(known, k) {
			return nil, Errorf(Join(path, k), "unknown field; known fields are %s", strings.Join(known, ", "))
		}
	}
	return m, nil
}

// Number returns v as a number from min to max; −0 becomes 0, which a
// page would print as "-0.00".
func Number(path string, v any, min, max float64) (float64, error) {
	f, ok := v.(float64)
	if !ok || math.IsNaN(f) || f < min || f > max {
		return 0, Errorf(path, "must be a number from %v to %v, got %s", min, max, Describe(v))
	}
	if f == 0 {
		return 0, nil
	}
	return f, nil
}

// Integer returns v as a whole number from min to max.
func Integer(path string, v any, min, max float64) (int64, error) {
	f, ok := v.(float64)
	if !ok || math.IsNaN(f) || f < min || f > max || f != math.Trunc(f) {
		return 0, Errorf(path, "must be a whole number from %v to %v, got %s", min, max, Describe(v))
	}
	return int64(f), nil
}

// Bool returns v as true or false.
func Bool(path string, v any) (bool, error) {
	b, ok := v.(bool)
	if !ok {
		return false, Errorf(path, "must be true or false, got %s", Describe(v))
	}
	return b, nil
}

// OneOf returns v as one of the allowed strings.
func OneOf[S ~string](path string, v any, allowed []S) (S, error) {
	if s, ok := v.(string); ok {
		for _, a := range allowed {
			if string(a) == s {
				return a, nil
			}
		}
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	return "", Errorf(path, "must be one of %s, got %s", strings.Join(names, ", "), Describe(v))
}

// Label returns v as a class label: the number 0 or 1, or a string that
// data.ParseLabel takes ("red", "blue", "0", "1", in any case).
func Label(path string, v any) (int, error) {
	switch v := v.(type) {
	case float64:
		if v == 0 || v == 1 {
			return int(v), nil
		}
	case string:
		if l, err := data.ParseLabel(v); err == nil {
			return l, nil
		}
	}
	return 0, Errorf(path, "must be 0 (red) or 1 (blue), got %s", Describe(v))
}
