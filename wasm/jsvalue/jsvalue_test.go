//go:build js && wasm

package jsvalue

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"syscall/js"
	"testing"

	"advplay/engine/scene"
)

// viaJSON returns what JSON.stringify makes of ToJS(v), decoded: the value
// a page receives, as generic JSON.
func viaJSON(t *testing.T, v any) any {
	t.Helper()
	s := js.Global().Get("JSON").Call("stringify", ToJS(v)).String()
	var out any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		t.Fatalf("decoding %s: %v", s, err)
	}
	return out
}

// viaMarshal returns encoding/json's view of v, decoded.
func viaMarshal(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

type inner struct {
	Points []int `json:"points"`
	Name   string
	Depth  int `json:"depth"`
}

type other struct {
	Depth int `json:"depth"`
}

type outer struct {
	inner
	*other
	Points  []int          `json:"points,omitempty"` // shadows inner's
	Skip    int            `json:"-"`
	Zero    [2]float64     `json:"zero,omitempty"` // an array of 2 is never empty
	Empty   []string       `json:"empty,omitempty"`
	Nil     map[string]int `json:"nil"`
	Pointer *inner         `json:"pointer,omitempty"`
	private int
}

// TestToJSFollowsJSON checks that the page receives what encoding/json
// would write, for the API's own values and for the rules they rely on:
// a field shadowing an embedded one (summary()'s points), depth ties,
// omitempty, "-" and nil pointers.
func TestToJSFollowsJSON(t *testing.T) {
	sc, err := scene.New(scene.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		scene.State
		Points []scene.PointState `json:"points,omitempty"`
	}
	for name, v := range map[string]any{
		"rules":            outer{inner: inner{Points: []int{1}, Name: "n", Depth: 1}, Zero: [2]float64{}, private: 3},
		"rules with other": outer{other: &other{Depth: 2}},
		"state":            sc.State(),
		"summary":          summary{State: sc.Summary()},
		"curves":           sc.Chart().Full(),
		"settings":         scene.DefaultSettings(),
	} {
		got, want := viaJSON(t, v), viaMarshal(t, v)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the page receives\n%v\nencoding/json writes\n%v", name, got, want)
		}
	}
	// The shadowing that once put "points": null in summary().
	if m := viaJSON(t, summary{State: sc.Summary()}).(map[string]any); m["points"] != nil {
		t.Errorf("summary's points: %v, want the field left out", m["points"])
	} else if _, ok := m["points"]; ok {
		t.Errorf("summary has a points field (null); encoding/json leaves it out")
	}
}

func TestToJSKeepsNaN(t *testing.T) {
	v := ToJS(map[string]any{"nan": math.NaN(), "inf": math.Inf(-1), "list": []float64{1, math.NaN()}})
	if !math.IsNaN(v.Get("nan").Float()) || !math.IsInf(v.Get("inf").Float(), -1) || !math.IsNaN(v.Get("list").Index(1).Float()) {
		t.Errorf("NaN and -Inf did not arrive as numbers: %v", js.Global().Get("String").Invoke(v))
	}
}

// TestToJSLongFloats checks the bulk copy of long float64 slices and
// arrays (bulkLength and longer): a plain Array, every value kept, NaN and
// ±Inf included, as short ones are. (syscall/js reads −0 back as 0 and
// makes every NaN one, so bits are not compared.)
func TestToJSLongFloats(t *testing.T) {
	type pixels [bulkLength]float64
	long := []float64{1.5, math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), math.SmallestNonzeroFloat64, math.MaxFloat64, -1 / 3.0}
	for len(long) < 3*bulkLength {
		long = append(long, float64(len(long))*0.1)
	}
	var arr pixels
	copy(arr[:], long)
	for name, want := range map[string][]float64{"slice": long, "array": arr[:], "short": long[:bulkLength-1]} {
		var v js.Value
		if name == "array" {
			v = ToJS(map[string]any{"x": arr})
		} else {
			v = ToJS(map[string]any{"x": want})
		}
		got := v.Get("x")
		if !js.Global().Get("Array").Call("isArray", got).Bool() || got.Length() != len(want) {
			t.Errorf("%s: %v, want an Array of %d", name, js.Global().Get("String").Invoke(got), len(want))
			continue
		}
		for i, w := range want {
			if g := got.Index(i).Float(); g != w && !(math.IsNaN(g) && math.IsNaN(w)) {
				t.Errorf("%s[%d] = %v, want %v", name, i, g, w)
			}
		}
	}
}

// eval evaluates JavaScript in Node.
func eval(src string) js.Value { return js.Global().Call("eval", src) }

func TestFromJS(t *testing.T) {
	for _, c := range []struct {
		src     string
		want    any
		wantErr string
	}{
		{`({epsilon: 0.2, attack: {method: "pgd"}, show: {arrows: true}, x: null})`,
			map[string]any{"epsilon": 0.2, "attack": map[string]any{"method": "pgd"}, "show": map[string]any{"arrows": true}, "x": nil}, ""},
		{`[1, "a", [NaN]]`, []any{1.0, "a", []any{math.NaN()}}, ""},
		{`({f: () => 1})`, nil, "f: a function cannot be passed"},
		{`({a: {b: {c: {d: {e: {f: {g: {h: {i: 1}}}}}}}}})`, nil, "a.b.c.d.e.f.g.h: nested deeper than 8 levels"},
		{`({points: new Array(50001).fill(0)})`, nil, "points: an array of 50001 items, at most 50000"},
		{`Symbol("s")`, nil, "a symbol cannot be passed"},
	} {
		got, err := FromJS(eval(c.src))
		switch {
		case c.wantErr != "":
			if err == nil || err.Error() != c.wantErr {
				t.Errorf("FromJS(%s): error %v, want %q", c.src, err, c.wantErr)
			}
		case err != nil:
			t.Errorf("FromJS(%s): %v", c.src, err)
		case !sameValue(got, c.want):
			t.Errorf("FromJS(%s) = %#v, want %#v", c.src, got, c.want)
		}
	}
	// 200,000 values in arrays that are each short enough.
	_, err := FromJS(eval(`Array.from({length: 10}, () => new Array(25000).fill(1))`))
	if err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("250,000 values: error %v, want one about the total", err)
	}
}

// sameValue is reflect.DeepEqual with NaN equal to NaN.
func sameValue(a, b any) bool {
	if fa, ok := a.(float64); ok {
		fb, ok := b.(float64)
		return ok && (fa == fb || math.IsNaN(fa) && math.IsNaN(fb))
	}
	if la, ok := a.([]any); ok {
		lb, ok := b.([]any)
		if !ok || len(la) != len(lb) {
			return false
		}
		for i := range la {
			if !sameValue(la[i], lb[i]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

// TestPointsFast reads 1,000 points through a Flatten helper that, as the
// page's does, leaves NaN as the label of items it cannot read: those are
// read one by one, so labels such as "red" and bad items keep their own
// values, and the others arrive exactly.
func TestPointsFast(t *testing.T) {
	Flatten = eval(`(points) => {
	  const out = new Float64Array(3 * points.length);
	  points.forEach((p, i) => {
	    const ok = p !== null && typeof p === "object" && typeof p.x === "number" && typeof p.y === "number" && (p.label === 0 || p.label === 1);
	    out[3 * i] = ok ? p.x : NaN; out[3 * i + 1] = ok ? p.y : NaN; out[3 * i + 2] = ok ? p.label : NaN;
	  });
	  return out;
	}`)
	defer func() { Flatten = js.Value{} }()
	got, err := FromJS(eval(`Array.from({length: 1000}, (_, i) => i === 7 ? {x: 1, y: 2, label: "blue"} : i === 9 ? 5 : {x: i / 3, y: -i, label: i % 2})`))
	if err != nil {
		t.Fatal(err)
	}
	list := got.([]any)
	if !sameValue(list[7], map[string]any{"x": 1.0, "y": 2.0, "label": "blue"}) || list[9] != 5.0 {
		t.Errorf("items 7 and 9: %v, %v; want them read one by one", list[7], list[9])
	}
	for _, i := range []int{0, 1, 500, 999} {
		want := map[string]any{"x": float64(i) / 3, "y": -float64(i), "label": float64(i % 2)}
		if !reflect.DeepEqual(list[i], want) {
			t.Errorf("item %d: %v, want %v", i, list[i], want)
		}
	}
}

func TestArguments(t *testing.T) {
	args := []js.Value{js.ValueOf(1.5), js.ValueOf("x"), js.ValueOf(math.Inf(1))}
	if v, err := Number(args, 0, "x"); err != nil || v != 1.5 {
		t.Errorf("Number: %v, %v", v, err)
	}
	for i, want := range map[int]string{1: "y: must be a number, got string", 2: "y: must be a finite number, got +Inf", 3: "y: must be a number, got nothing"} {
		if _, err := Number(args, i, "y"); err == nil || err.Error() != want {
			t.Errorf("Number(args, %d): %v, want %q", i, err, want)
		}
	}
	if got := Describe(js.ValueOf("s")) + " " + Describe(js.ValueOf(2)) + " " + Describe(js.Null()); got != `"s" 2 null` {
		t.Errorf("Describe: %q", got)
	}
	e := Error(errors.New("epsilon: must be a number"))
	if !e.InstanceOf(js.Global().Get("Error")) || e.Get("message").String() != "epsilon: must be a number" {
		t.Errorf("Error: %v", e)
	}
}
