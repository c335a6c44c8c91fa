package scene

import (
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
		s := newScene(t)
		before := stateJSON(t, s)
		var msg any = decode(t, `{"m":`+tc.msg+`}`)["m"]
		reply := s.Message(msg)
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
		if changed := stateJSON(t, s) != before; changed != tc.changes {
			t.Errorf("%s: state changed = %v, want %v", tc.name, changed, tc.changes)
		}
		if m, ok := msg.(map[string]any); ok && tc.reply != "advplay:error" {
			if id, ok := m["id"]; ok && reply["id"] != id {
				t.Errorf("%s: reply id %v, want %v", tc.name, reply["id"], id)
			}
		}
	}
}
