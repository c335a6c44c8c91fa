//go:build js && wasm

package jsvalue

import (
	"reflect"
	"strings"
	"sync"
	"syscall/js"
)

// ToJS hands a Go value to JavaScript as plain objects, arrays, numbers,
// strings and booleans. Structs follow their json tags as encoding/json
// does: field names, "-", omitempty, embedded structs flattened, and a
// field shadowing another of the same name at a deeper level. Unlike JSON,
// NaN and ±Inf stay numbers. It panics on values JSON cannot express
// (channels, functions, maps with non-string keys), which the API never
// returns.
func ToJS(v any) js.Value {
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
		if v.IsNil() {
			return nil
		}
		out := make(map[string]any, v.Len())
		for it := v.MapRange(); it.Next(); {
			out[it.Key().String()] = plain(it.Value())
		}
		return out
	case reflect.Struct:
		out := map[string]any{}
		for _, f := range fieldsOf(v.Type()) {
			fv, err := v.FieldByIndexErr(f.index)
			if err != nil {
				continue // inside a nil embedded pointer
			}
			if f.omitEmpty && isEmpty(fv) {
				continue
			}
			out[f.name] = plain(fv)
		}
		return out
	}
	panic("jsvalue: cannot hand a " + v.Type().String() + " to JavaScript")
}

// field is a struct field as JSON sees it.
type field struct {
	name      string
	index     []int
	tagged    bool
	omitEmpty bool
}

var fieldCache sync.Map // reflect.Type → []field

// fieldsOf returns the fields encoding/json would encode for t: every
// exported field, embedded structs' fields flattened, and for each name
// only the shallowest, a tagged one winning a tie at that depth and none
// if the tie remains.
func fieldsOf(t reflect.Type) []field {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]field)
	}
	type level struct {
		t     reflect.Type
		index []int
	}
	var out []field
	seen := map[reflect.Type]bool{}
	names := map[string]bool{} // decided at a shallower depth
	for next := []level{{t, nil}}; len(next) > 0; {
		current := next
		next = nil
		byName := map[string][]field{}
		var order []string
		for _, l := range current {
			if seen[l.t] {
				continue
			}
			seen[l.t] = true
			for i := range l.t.NumField() {
				sf := l.t.Field(i)
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				index := append(append([]int(nil), l.index...), i)
				ft := sf.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if sf.Anonymous && name == "" && ft.Kind() == reflect.Struct {
					next = append(next, level{ft, index})
					continue
				}
				if !sf.IsExported() {
					continue
				}
				tagged := name != ""
				if name == "" {
					name = sf.Name
				}
				if names[name] {
					continue
				}
				if _, ok := byName[name]; !ok {
					order = append(order, name)
				}
				byName[name] = append(byName[name], field{name: name, index: index, tagged: tagged, omitEmpty: hasOpt(opts, "omitempty")})
			}
		}
		for _, name := range order {
			names[name] = true
			fs := byName[name]
			if len(fs) > 1 {
				var tagged []field
				for _, f := range fs {
					if f.tagged {
						tagged = append(tagged, f)
					}
				}
				fs = tagged
			}
			if len(fs) == 1 {
				out = append(out, fs[0])
			}
		}
	}
	fieldCache.Store(t, out)
	return out
}

func hasOpt(opts, want string) bool {
	for _, o := range strings.Split(opts, ",") {
		if o == want {
			return true
		}
	}
	return false
}

// isEmpty is omitempty's test: false, 0, a nil pointer or interface, and
// an empty array, slice, map or string.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}
