package message

import (
	"advplay/engine/scene/scenetest"
	"strings"
	"testing"
)

// Messages from a host page: valid ones act and answer, malformed ones
// answer advplay:error naming the problem and change nothing, and foreign
// ones are ignored.
func TestMessage(t *testing.T) {
	for _, tc := range []struct {
		name, msg string
		reply     string // the reply's type, or "" for no reply
		errPart   string // part of the error message
		changes   bool
	}{
		{"set", `{"advplay":"set","patch":{"epsilon":0.5},"id":7}`, "advplay:ok", "", true},
		{"addPoint", `{"advplay":"addPoint","x":1,"y":2,"label":"blue"}`, "advplay:ok", "", true},
		{"state", `{"advplay":"state","id":"q"}`, "advplay:state", "", false},
		{"foreign", `{"type":"webpackOk"}`, "", "", false},
		{"not an object", `[1,2]`, "", "", false},
		{"unknown command", `{"advplay":"delete"}`, "advplay:error", "advplay", false},
		{"bad epsilon", `{"advplay":"set","patch":{"epsilon":-1}}`, "advplay:error", "epsilon", false},
		{"huge epsilon", `{"advplay":"set","patch":{"epsilon":1e300}}`, "advplay:error", "epsilon", false},
		{"patch missing", `{"advplay":"set"}`, "advplay:error", "patch", false},
		{"extra field", `{"advplay":"set","patch":{},"force":true}`, "advplay:error", "force", false},
		{"bad x", `{"advplay":"addPoint","x":"1","y":2}`, "advplay:error", "x", false},
		{"bad label", `{"advplay":"addPoint","x":1,"y":2,"label":3}`, "advplay:error", "label", false},
		{"bad id", `{"advplay":"state","id":{}}`, "advplay:error", "id", false},
	} {
		s := scenetest.New(t)
		before := scenetest.Figures(t, s)
		var msg any = scenetest.Patch(t, `{"m":`+tc.msg+`}`)["m"]
		reply := Handle(s, msg)
		switch {
		case tc.reply == "" && reply != nil:
			t.Errorf("%s: replied %v, want no reply", tc.name, reply)
			continue
		case tc.reply == "":
		case reply == nil:
			t.Errorf("%s: no reply, want %s", tc.name, tc.reply)
			continue
		case reply["type"] != tc.reply:
			t.Errorf("%s: reply %v, want type %s", tc.name, reply, tc.reply)
		}
		if tc.errPart != "" {
			if m, _ := reply["message"].(string); !strings.Contains(m, tc.errPart) {
				t.Errorf("%s: error %q does not name %q", tc.name, m, tc.errPart)
			}
		}
		if changed := scenetest.Figures(t, s) != before; changed != tc.changes {
			t.Errorf("%s: state changed = %v, want %v", tc.name, changed, tc.changes)
		}
		if m, ok := msg.(map[string]any); ok && tc.reply != "advplay:error" {
			if id, ok := m["id"]; ok && reply["id"] != id {
				t.Errorf("%s: reply id %v, want %v", tc.name, reply["id"], id)
			}
		}
	}
}

// TestHighMessage: postMessage takes the new settings with the same checks.
func TestHighMessage(t *testing.T) {
	s := scenetest.New(t)
	r := Handle(s, map[string]any{"advplay": "set", "id": 1.0, "patch": map[string]any{"preset": "glyphs", "glyphs": "38", "n": 20.0}})
	if r["type"] != "advplay:ok" || s.Settings().Glyphs != "38" {
		t.Fatalf("set glyphs: %v", r)
	}
	r = Handle(s, map[string]any{"advplay": "set", "patch": map[string]any{"dimension": 16.0}})
	if r["type"] != "advplay:error" || !strings.HasPrefix(r["message"].(string), "dimension: ") {
		t.Errorf("set dimension on the glyphs: %v", r)
	}
	r = Handle(s, map[string]any{"advplay": "addPoint", "x": 0.5, "y": 0.0, "label": 1.0})
	if r["type"] != "advplay:ok" || len(s.View().Points) != 41 {
		t.Errorf("addPoint: %v", r)
	}
}
