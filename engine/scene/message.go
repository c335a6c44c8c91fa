package scene

// Message handles one message a host page posted to the playground:
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
func (s *Scene) Message(msg any) map[string]any {
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
			return errorReply(reply, &fieldError{"id", "must be a string or a number, got " + describe(id)})
		}
	}
	var err error
	switch cmd {
	case "set":
		if _, err = object("message", m, "advplay", "id", "patch"); err != nil {
			break
		}
		p, ok := m["patch"].(map[string]any)
		if !ok {
			err = &fieldError{"patch", "must be an object such as {epsilon: 0.2}, got " + describe(m["patch"])}
			break
		}
		err = s.Apply(p)
	case "addPoint":
		if _, err = object("message", m, "advplay", "id", "x", "y", "label"); err != nil {
			break
		}
		err = s.addPointMessage(m)
	case "state":
		if _, err = object("message", m, "advplay", "id"); err != nil {
			break
		}
		reply["type"] = "advplay:state"
		reply["state"] = s.State()
		return reply
	default:
		err = &fieldError{"advplay", "must be one of set, addPoint, state, got " + describe(cmd)}
	}
	if err != nil {
		return errorReply(reply, err)
	}
	reply["type"] = "advplay:ok"
	return reply
}

func errorReply(reply map[string]any, err error) map[string]any {
	reply["type"] = "advplay:error"
	reply["message"] = err.Error()
	return reply
}

func (s *Scene) addPointMessage(m map[string]any) error {
	x, err := coordinate("x", m["x"])
	if err != nil {
		return err
	}
	y, err := coordinate("y", m["y"])
	if err != nil {
		return err
	}
	lbl := s.settings.Class
	if v, ok := m["label"]; ok {
		if lbl, err = Label("label", v); err != nil {
			return err
		}
	}
	_, err = s.AddPoint(x, y, lbl)
	return err
}
