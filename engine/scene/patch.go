package scene

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"advplay/engine/data"
)

// Patch is a decoded JavaScript object: map[string]any whose values are
// float64, string, bool, nil, []any or map[string]any, as from
// encoding/json or from the js bridge.
type Patch = map[string]any

// fieldError is an error about one field of a patch, named by its path
// such as "attack.method".
type fieldError struct {
	path string
	msg  string
}

func (e *fieldError) Error() string { return e.path + ": " + e.msg }

// describe renders a patch value for an error message.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		if len(v) > 40 {
			v = v[:40] + "…"
		}
		return fmt.Sprintf("%q", v)
	case float64:
		return fmt.Sprint(v)
	case bool:
		return fmt.Sprint(v)
	case []any:
		return fmt.Sprintf("an array of %d", len(v))
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// object checks that a patch has only known keys; the error lists them.
func object(path string, v any, known ...string) (map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, &fieldError{path, fmt.Sprintf("must be an object with the fields %s, got %s", strings.Join(known, ", "), describe(v))}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !slices.Contains(known, k) {
			return nil, &fieldError{join(path, k), "unknown field; known fields are " + strings.Join(known, ", ")}
		}
	}
	return m, nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func number(path string, v any, min, max float64) (float64, error) {
	f, ok := v.(float64)
	if !ok || math.IsNaN(f) || f < min || f > max {
		return 0, &fieldError{path, fmt.Sprintf("must be a number from %v to %v, got %s", min, max, describe(v))}
	}
	if f == 0 {
		return 0, nil // not −0, which the page would print as "-0.00"
	}
	return f, nil
}

func integer(path string, v any, min, max float64) (int64, error) {
	f, ok := v.(float64)
	if !ok || math.IsNaN(f) || f < min || f > max || f != math.Trunc(f) {
		return 0, &fieldError{path, fmt.Sprintf("must be a whole number from %v to %v, got %s", min, max, describe(v))}
	}
	return int64(f), nil
}

func boolean(path string, v any) (bool, error) {
	b, ok := v.(bool)
	if !ok {
		return false, &fieldError{path, "must be true or false, got " + describe(v)}
	}
	return b, nil
}

func oneOf[S ~string](path string, v any, allowed []S) (S, error) {
	s, ok := v.(string)
	if ok {
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
	return "", &fieldError{path, "must be one of " + strings.Join(names, ", ") + ", got " + describe(v)}
}

// Label reads a class label from a patch or an API call: the number 0 or
// 1, or a string data.ParseLabel takes ("red", "blue", "0", "1", in any
// case). It returns an error naming path otherwise.
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
	return 0, &fieldError{path, "must be 0 (red) or 1 (blue), got " + describe(v)}
}

// coordinate checks one coordinate of a point.
func coordinate(path string, v any) (float64, error) {
	return number(path, v, -MaxCoordinate, MaxCoordinate)
}
