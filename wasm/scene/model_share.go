package scene

// encodeModel writes the model settings. Only logistic regression exists
// so far; the kind is stored so that later kinds extend the record.
func (s *Scene) encodeModel(w *recordWriter) {
	w.str("logreg")
}

// decodeModel reads what encodeModel wrote into the patch.
func decodeModel(r *recordReader, patch Patch) {
	patch["model"] = Patch{"kind": r.str()}
}
