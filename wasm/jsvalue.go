//go:build js && wasm

package main

import (
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"strings"
	"syscall/js"

	"advplay/engine/scene"
)

// Limits on what a JavaScript caller may hand to the API, so that a hostile
// message cannot exhaust memory or the stack: no array longer than a
// scene's points, and no more values in all than such an array of points
// holds, with room to spare.
const (
	maxDepth  = 8
	maxLength = scene.MaxPoints
	maxItems  = 4*scene.MaxPoints + 1024
)

// fromJS converts a JavaScript value into plain Go data: objects become
// map[string]any, arrays []any, numbers float64 (NaN and ±Infinity kept, so
// that they are rejected by name rather than turned into null), strings,
// booleans, and nil for null and undefined. It returns an error naming the
// path of the offending value, such as "points: an array of 100000 items,
// at most 50000", for functions and symbols, values nested deeper than
// maxDepth, arrays longer than maxLength, or more than maxItems values in
// all. Lengths are checked before any item is read, so an oversized array
// is refused at once.
func fromJS(v js.Value) (any, error) {
	count := 0
	return convert(v, "", 0, &count)
}

func convert(v js.Value, path string, depth int, count *int) (any, error) {
	*count++
	if *count > maxItems {
		return nil, fmt.Errorf("%smore than %d values in all", prefix(path), maxItems)
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
		if depth >= maxDepth {
			return nil, fmt.Errorf("%snested deeper than %d levels", prefix(path), maxDepth)
		}
		if js.Global().Get("Array").Call("isArray", v).Bool() {
			n := v.Length()
			if n > maxLength {
				return nil, fmt.Errorf("%san array of %d items, at most %d", prefix(path), n, maxLength)
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

// toJS hands a Go value to JavaScript as plain objects, arrays, numbers,
// strings and booleans, following the json struct tags as encoding/json
// would (names, "-", omitempty, embedded structs flattened), but keeping
// NaN and ±Inf as numbers. It panics on values JSON cannot express
// (channels, functions, maps with non-string keys), which the API never
// returns.
func toJS(v any) js.Value {
	return js.ValueOf(plain(reflect.ValueOf(v)))
}

// plain converts v into the types js.ValueOf accepts.
func plain(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Invalid:
		return nil
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return plain(v.Elem())
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return float64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return v.Float()
	case reflect.String:
		return v.String()
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return nil
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = plain(v.Index(i))
		}
		return out
	case reflect.Map:
		out := make(map[string]any, v.Len())
		for it := v.MapRange(); it.Next(); {
			out[it.Key().String()] = plain(it.Value())
		}
		return out
	case reflect.Struct:
		out := map[string]any{}
		addFields(out, v)
		return out
	}
	panic("advplay: cannot hand a " + v.Type().String() + " to JavaScript")
}

// addFields adds a struct's fields to out under their json names.
func addFields(out map[string]any, v reflect.Value) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		fv := v.Field(i)
		if f.Anonymous && name == "" && fv.Kind() == reflect.Struct {
			addFields(out, fv)
			continue
		}
		if name == "" {
			name = f.Name
		}
		if opts == "omitempty" && fv.IsZero() {
			continue
		}
		out[name] = plain(fv)
	}
}

// jsError returns a JavaScript Error with the message; the loader's wrapper
// throws it.
func jsError(err error) js.Value {
	return js.Global().Get("Error").New(err.Error())
}

// pointsFast converts a long array of {x, y, label} objects in one call to
// the loader's advplayPoints, which flattens it into a Float64Array:
// reading 50,000 points value by value through syscall/js takes seconds.
// If an item has another shape, that item alone goes through convert, so
// that the scene can name what is wrong with it; the items after it are
// left nil, since the scene stops at the first bad point. It reports false
// for short arrays or without the loader.
func pointsFast(v js.Value, path string, depth int, count *int) ([]any, bool, error) {
	n := v.Length()
	flatten := js.Global().Get("advplayPoints")
	if n < 256 || flatten.Type() != js.TypeFunction {
		return nil, false, nil
	}
	res := flatten.Invoke(v)
	values, bad := res.Get("values"), res.Get("bad").Int()
	raw := make([]byte, 8*3*n)
	js.CopyBytesToGo(raw, js.Global().Get("Uint8Array").New(values.Get("buffer"), values.Get("byteOffset"), values.Get("byteLength")))
	good := n
	if bad >= 0 {
		good = bad
	}
	out := make([]any, n)
	for i := range good {
		f := func(k int) float64 { return math.Float64frombits(binary.LittleEndian.Uint64(raw[8*(3*i+k):])) }
		out[i] = map[string]any{"x": f(0), "y": f(1), "label": f(2)}
	}
	*count += 4 * good
	if bad >= 0 {
		x, err := convert(v.Index(bad), fmt.Sprintf("%s[%d]", path, bad), depth+1, count)
		if err != nil {
			return nil, true, err
		}
		out[bad] = x
	}
	return out, true, nil
}
