//go:build js && wasm

package main

import (
	"fmt"
	"reflect"
	"strings"
	"syscall/js"
)

// Limits on what a JavaScript caller may hand to the API, so that a hostile
// message cannot exhaust memory or the stack.
const (
	maxDepth = 8
	maxItems = 200000
)

// fromJS converts a JavaScript value into plain Go data: objects become
// map[string]any, arrays []any, numbers float64 (NaN and ±Infinity kept, so
// that they are rejected by name rather than turned into null), strings,
// booleans, and nil for null and undefined. It returns an error for
// functions, symbols, values nested deeper than maxDepth, or more than
// maxItems values in all.
func fromJS(v js.Value) (any, error) {
	count := 0
	return convert(v, 0, &count)
}

func convert(v js.Value, depth int, count *int) (any, error) {
	*count++
	if *count > maxItems {
		return nil, fmt.Errorf("more than %d values", maxItems)
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
			return nil, fmt.Errorf("nested deeper than %d levels", maxDepth)
		}
		if js.Global().Get("Array").Call("isArray", v).Bool() {
			n := v.Length()
			if n > maxItems {
				return nil, fmt.Errorf("an array of %d, more than %d", n, maxItems)
			}
			out := make([]any, n)
			for i := range n {
				x, err := convert(v.Index(i), depth+1, count)
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
			x, err := convert(v.Get(k), depth+1, count)
			if err != nil {
				return nil, err
			}
			out[k] = x
		}
		return out, nil
	}
	return nil, fmt.Errorf("a %s cannot be passed", v.Type())
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
