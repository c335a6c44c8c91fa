//go:build js && wasm

package jsvalue

import (
	"encoding/binary"
	"fmt"
	"math"
	"syscall/js"

	"advplay/engine/scene"
)

// Limits on what a JavaScript caller may hand in, so that a hostile
// message cannot exhaust memory or the stack: no array longer than a
// scene's points, and no more values in all than such an array of points
// holds, with room to spare.
const (
	MaxDepth  = 8
	MaxLength = scene.MaxPoints
	MaxItems  = 4*MaxLength + 1024
)

// Flatten is the page's helper that turns a long array of {x, y, label}
// points into a Float64Array [x0, y0, label0, x1, …] in one call, with NaN
// as the label of an item it cannot read as numbers; reading 50,000 points
// value by value through syscall/js takes seconds. Without it (a zero
// Value) every array is read value by value.
var Flatten js.Value

// FromJS converts a JavaScript value into plain Go data: objects become
// map[string]any, arrays []any, numbers float64 (NaN and ±Infinity kept, so
// that they are refused by name rather than turned into null), strings,
// booleans, and nil for null and undefined. It returns an error naming
// the path of the offending value, such as "points: an array of 100000
// items, at most 50000", for functions and symbols, values nested deeper
// than MaxDepth, arrays longer than MaxLength, or more than MaxItems values
// in all. Lengths are checked before any item is read, so an oversized
// array is refused at once.
func FromJS(v js.Value) (any, error) {
	count := 0
	return convert(v, "", 0, &count)
}

func convert(v js.Value, path string, depth int, count *int) (any, error) {
	*count++
	if *count > MaxItems {
		return nil, fmt.Errorf("%smore than %d values in all", prefix(path), MaxItems)
	}
	switch v.Type() {
	case js.TypeUndefined, js.TypeNull:
		return nil, nil
	case js.TypeBoolean:
		return v.Bool(), nil
	case js.TypeNumber:
		return v.Float(), nil
	case js.TypeString:
		return v.String(), nil
	case js.TypeObject:
		if depth >= MaxDepth {
			return nil, fmt.Errorf("%snested deeper than %d levels", prefix(path), MaxDepth)
		}
		if js.Global().Get("Array").Call("isArray", v).Bool() {
			n := v.Length()
			if n > MaxLength {
				return nil, fmt.Errorf("%san array of %d items, at most %d", prefix(path), n, MaxLength)
			}
			if pts, ok, err := pointsFast(v, path, depth, count); ok {
				return pts, err
			}
			out := make([]any, n)
			for i := range n {
				x, err := convert(v.Index(i), fmt.Sprintf("%s[%d]", path, i), depth+1, count)
				if err != nil {
					return nil, err
				}
				out[i] = x
			}
			return out, nil
		}
		keys := js.Global().Get("Object").Call("keys", v)
		out := make(map[string]any, keys.Length())
		for i := range keys.Length() {
			k := keys.Index(i).String()
			sub := k
			if path != "" {
				sub = path + "." + k
			}
			x, err := convert(v.Get(k), sub, depth+1, count)
			if err != nil {
				return nil, err
			}
			out[k] = x
		}
		return out, nil
	}
	return nil, fmt.Errorf("%sa %s cannot be passed", prefix(path), v.Type())
}

// prefix returns "path: ", or nothing for the value itself.
func prefix(path string) string {
	if path == "" {
		return ""
	}
	return path + ": "
}

// pointsFast converts a long array of {x, y, label} objects through
// Flatten. Items Flatten could not read as numbers go through convert one
// by one, so that the caller can parse their labels ("red") or name what is
// wrong with them. It reports false for short arrays or without Flatten.
func pointsFast(v js.Value, path string, depth int, count *int) ([]any, bool, error) {
	n := v.Length()
	if n < 256 || Flatten.Type() != js.TypeFunction {
		return nil, false, nil
	}
	values := Flatten.Invoke(v)
	raw := make([]byte, 8*3*n)
	js.CopyBytesToGo(raw, js.Global().Get("Uint8Array").New(values.Get("buffer"), values.Get("byteOffset"), values.Get("byteLength")))
	out := make([]any, n)
	for i := range n {
		f := func(k int) float64 { return math.Float64frombits(binary.LittleEndian.Uint64(raw[8*(3*i+k):])) }
		if label := f(2); !math.IsNaN(label) {
			out[i] = map[string]any{"x": f(0), "y": f(1), "label": label}
			*count += 4
			continue
		}
		x, err := convert(v.Index(i), fmt.Sprintf("%s[%d]", path, i), depth+1, count)
		if err != nil {
			return nil, true, err
		}
		out[i] = x
	}
	return out, true, nil
}

// Describe names a JavaScript value for an error message: a quoted
// string, a number, or its type.
func Describe(v js.Value) string {
	switch v.Type() {
	case js.TypeString:
		return fmt.Sprintf("%q", v.String())
	case js.TypeNumber:
		return fmt.Sprint(v.Float())
	}
	return v.Type().String()
}

// Number returns argument i as a float64. It returns an error naming the
// argument if it is missing, not a number, NaN or infinite.
func Number(args []js.Value, i int, name string) (float64, error) {
	if i >= len(args) || args[i].Type() != js.TypeNumber {
		got := "nothing"
		if i < len(args) {
			got = args[i].Type().String()
		}
		return 0, fmt.Errorf("%s: must be a number, got %s", name, got)
	}
	v := args[i].Float()
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%s: must be a finite number, got %v", name, v)
	}
	return v, nil
}

// Pair returns arguments 0 and 1 as numbers, naming them in the error.
func Pair(args []js.Value, first, second string) (float64, float64, error) {
	a, err := Number(args, 0, first)
	if err != nil {
		return 0, 0, err
	}
	b, err := Number(args, 1, second)
	return a, b, err
}

// Error returns a JavaScript Error with err's message.
func Error(err error) js.Value {
	return js.Global().Get("Error").New(err.Error())
}
