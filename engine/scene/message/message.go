// Package message is advplay's postMessage protocol: the messages a host
// page posts to an embedded playground, and the replies.
package message

import (
	"advplay/engine/mnist"
	"advplay/engine/scene"
	"advplay/engine/scene/patch"
)

// Handle handles one message a host page posted to the playground s:
//
//	{advplay: "set", patch: {...}}
//	{advplay: "addPoint", x, y, label}
//	{advplay: "state"}
//
// Any of them may carry an id (a string or a number), which the reply
// echoes. It returns the reply to post back: {type: "advplay:state",
// state} for "state", {type: "advplay:ok"} after a change, and
// {type: "advplay:error", message} for a malformed message, which changes
// nothing. It returns nil for a message that is not for advplay (no
// "advplay" field), which a page shares with other scripts.
func Handle(s *scene.Scene, msg any) map[string]any {
	m, ok := msg.(map[string]any)
	if !ok {
		return nil
	}
	cmd, ok := m["advplay"]
	if !ok {
		return nil
	}
	reply := map[string]any{}
	if id, ok := m["id"]; ok {
		switch id.(type) {
		case string, float64:
			reply["id"] = id
		default:
			return errorReply(reply, patch.Errorf("id", "must be a string or a number, got %s", patch.Describe(id)))
		}
	}
	var err error
	switch cmd {
	case "set":
		if _, err = patch.Object("message", m, "advplay", "id", "patch"); err != nil {
			break
		}
		p, ok := m["patch"].(map[string]any)
		if !ok {
			err = patch.Errorf("patch", "must be an object such as {epsilon: 0.2}, got %s", patch.Describe(m["patch"]))
			break
		}
		err = s.Apply(p)
	case "addPoint":
		if _, err = patch.Object("message", m, "advplay", "id", "x", "y", "label"); err != nil {
			break
		}
		err = addPoint(s, m)
	case "state":
		if _, err = patch.Object("message", m, "advplay", "id"); err != nil {
			break
		}
		reply["type"] = "advplay:state"
		reply["state"] = s.State()
		return reply
	default:
		err = patch.Errorf("advplay", "must be one of set, addPoint, state, got %s", patch.Describe(cmd))
	}
	if err != nil {
		return errorReply(reply, err)
	}
	reply["type"] = "advplay:ok"
	return reply
}

// errorReply makes reply an error reply. When the error is that the
// MNIST digit files are not loaded, it also lists them under "missing",
// which a page that can fetch them removes before it replies.
func errorReply(reply map[string]any, err error) map[string]any {
	reply["type"] = "advplay:error"
	reply["message"] = err.Error()
	if missing, ok := mnist.IsMissing(err); ok {
		reply["missing"] = missing.Names
	}
	return reply
}

func addPoint(s *scene.Scene, m map[string]any) error {
	x, err := patch.Number("x", m["x"], -scene.MaxCoordinate, scene.MaxCoordinate)
	if err != nil {
		return err
	}
	y, err := patch.Number("y", m["y"], -scene.MaxCoordinate, scene.MaxCoordinate)
	if err != nil {
		return err
	}
	label := s.Settings().Class
	if v, ok := m["label"]; ok {
		if label, err = patch.Label("label", v); err != nil {
			return err
		}
	}
	_, err = s.AddPoint(x, y, label)
	return err
}
