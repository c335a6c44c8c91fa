//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
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

// toJS hands a Go value to JavaScript as a plain object, through JSON,
// which is far faster than building it property by property.
func toJS(v any) js.Value {
	b, err := json.Marshal(v)
	if err != nil {
		panic("advplay: state does not encode: " + err.Error())
	}
	return js.Global().Get("JSON").Call("parse", string(b))
}

// jsError returns a JavaScript Error with the message; the loader's wrapper
// throws it.
func jsError(err error) js.Value {
	return js.Global().Get("Error").New(err.Error())
}
