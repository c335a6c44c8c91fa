package scene

// encodeModel writes the model, its training and the defense.
func (s *Scene) encodeModel(w *recordWriter) {
	m := s.settings.Model
	w.str(m.Kind)
	w.uvarint(uint64(len(m.HiddenLayers())))
	for _, n := range m.HiddenLayers() {
		w.uvarint(uint64(n))
	}
	w.str(string(m.Activation))
	w.str(string(s.settings.Optimizer))
	w.uvarint(uint64(s.settings.Epochs))
	w.str(string(s.settings.Defense.Method))
	w.float(s.settings.Defense.Epsilon)
}

// decodeModel reads what encodeModel wrote into the patch, for Apply to
// check.
func decodeModel(r *recordReader, patch Patch) {
	model := Patch{"kind": r.str()}
	layers := r.count(3, "hidden layers")
	hidden := make([]any, layers)
	for i := range hidden {
		hidden[i] = r.uvarintFloat()
	}
	model["hidden"] = hidden
	model["activation"] = r.str()
	patch["model"] = model
	training := patch["training"].(Patch)
	training["optimizer"] = r.str()
	training["epochs"] = r.uvarintFloat()
	patch["defense"] = Patch{"method": r.str(), "epsilon": r.float()}
}
