//go:build js && wasm

package jsvalue

import (
	"encoding/binary"
	"math"
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
		if v.Type().Elem().Kind() == reflect.Float64 && v.Len() >= bulkLength {
			return floatArray(v)
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

// bulkLength is the length from which a float64 slice crosses to
// JavaScript in bulk (floatArray) rather than a number at a time: a
// digit's 784 pixels, or a network's parameters, take one call instead of
// one per number.
const bulkLength = 16

// floatArray returns the float64 slice or array v as a JavaScript Array,
// its bits copied through a Float64Array.
func floatArray(v reflect.Value) js.Value {
	b := make([]byte, 8*v.Len())
	for i := range v.Len() {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(v.Index(i).Float()))
	}
	bytes := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(bytes, b)
	return js.Global().Get("Array").Call("from", js.Global().Get("Float64Array").New(bytes.Get("buffer")))
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
	var out []field
	seen := map[reflect.Type]bool{}
	names := map[string]bool{} // decided at a shallower depth
	for current := []embedded{{t, nil}}; len(current) > 0; {
		byName, order, next := depthFields(current, seen, names)
		for _, name := range order {
			names[name] = true
			if f, ok := dominant(byName[name]); ok {
				out = append(out, f)
			}
		}
		current = next
	}
	fieldCache.Store(t, out)
	return out
}

// embedded is a struct type whose fields are flattened into the outer
// struct's, at index within it.
type embedded struct {
	t     reflect.Type
	index []int
}

// depthFields returns the fields of one depth of embedding: those of the
// structs in current not seen before, grouped by name, the names in order
// of appearance, leaving out the names decided at a shallower depth; and
// the structs embedded in them, which make the next depth.
func depthFields(current []embedded, seen map[reflect.Type]bool, names map[string]bool) (byName map[string][]field, order []string, next []embedded) {
	byName = map[string][]field{}
	for _, l := range current {
		if seen[l.t] {
			continue
		}
		seen[l.t] = true
		for i := range l.t.NumField() {
			f, embed, ok := jsonField(l.t.Field(i), append(append([]int(nil), l.index...), i))
			switch {
			case embed != nil:
				next = append(next, embedded{embed, f.index})
			case !ok || names[f.name]:
			default:
				if _, ok := byName[f.name]; !ok {
					order = append(order, f.name)
				}
				byName[f.name] = append(byName[f.name], f)
			}
		}
	}
	return byName, order, next
}

// jsonField returns how encoding/json sees the struct field sf at index:
// as the field f; as a struct embed, embedded without a name, whose
// fields are flattened (f then holds only the index); or, with ok false,
// not at all.
func jsonField(sf reflect.StructField, index []int) (f field, embed reflect.Type, ok bool) {
	tag := sf.Tag.Get("json")
	if tag == "-" {
		return field{}, nil, false
	}
	name, opts, _ := strings.Cut(tag, ",")
	ft := sf.Type
	if ft.Kind() == reflect.Pointer {
		ft = ft.Elem()
	}
	if sf.Anonymous && name == "" && ft.Kind() == reflect.Struct {
		return field{index: index}, ft, true
	}
	if !sf.IsExported() {
		return field{}, nil, false
	}
	tagged := name != ""
	if name == "" {
		name = sf.Name
	}
	return field{name: name, index: index, tagged: tagged, omitEmpty: hasOpt(opts, "omitempty")}, nil, true
}

// dominant returns the field that encodes among fs, the fields of one name
// at one depth: the only one, or else the only tagged one. It reports
// false if there is none.
func dominant(fs []field) (field, bool) {
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
		return fs[0], true
	}
	return field{}, false
}

// hasOpt reports whether want is among the comma-separated options of a
// json tag.
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
