package scene

import "fmt"

// A training can run elsewhere than in the scene that shows it: the page
// hands it to a worker thread, which trains the same scene (decoded from
// its share link, so from the same points and settings, from scratch) at
// the engine's full speed and sends its Progress back; the scene that
// shows it takes each Progress as if it had stepped there itself. The
// trainers give the same bits however their epochs are split, so the
// result is the scene's own, bit for bit.

// Progress is where a training is: for the shown model and, under a
// defense, the plain baseline beside it.
type Progress struct {
	Main     RunProgress  `json:"main"`
	Baseline *RunProgress `json:"baseline,omitempty"`
	// Rival is the robust linear model beside a robust network on the
	// digits.
	Rival *RunProgress `json:"rival,omitempty"`
}

// RunProgress is one model's training: its epoch, loss and parameters,
// and whether it stopped (Done) at an optimum (Converged) or at a
// failure.
type RunProgress struct {
	Epoch     int       `json:"epoch"`
	Loss      float64   `json:"loss"`
	Done      bool      `json:"done"`
	Converged bool      `json:"converged"`
	Params    []float64 `json:"params"`
}

// Training identifies one training of a scene, from its start: any change
// that restarts the training makes a new one.
type Training struct{ main *run }

// Handover hands a scene's training to a trainer elsewhere and takes its
// progress back (see Scene.Handover).
type Handover struct{ s *Scene }

// Handover returns the scene's side of a training that runs elsewhere.
func (s *Scene) Handover() Handover { return Handover{s} }

// Progress returns where the scene's training is.
func (h Handover) Progress() Progress {
	h.s.FlushTraining()
	f := &h.s.fit
	p := Progress{Main: f.main.progress()}
	if f.baseline != nil {
		b := f.baseline.progress()
		p.Baseline = &b
	}
	if f.rival != nil {
		r := f.rival.progress()
		p.Rival = &r
	}
	return p
}

func (r *run) progress() RunProgress {
	m := r.trained()
	p := RunProgress{Epoch: r.epoch(), Loss: r.currentLoss(), Params: m.Params(make([]float64, m.NumParams()))}
	if r.train != nil {
		p.Done, p.Converged = r.train.Done(), r.train.Converged()
	}
	return p
}

// Start hands the running training over to another trainer, if one runs
// and has not taken a step: from then on Tick leaves it alone and Apply
// moves it. The other trainer trains the scene of the same link (package
// share) from scratch. Start returns the training, and false when there is
// nothing to hand over (no running training, or one already under way
// here).
func (h Handover) Start() (Training, bool) {
	h.s.FlushTraining()
	f := &h.s.fit
	if !f.running || !f.main.handOff() {
		return Training{}, false
	}
	for _, r := range f.runs()[1:] {
		if !r.handOff() {
			panic("scene: a baseline under way beside a fresh training")
		}
	}
	return Training{f.main}, true
}

// handOff replaces a fresh run's trainer by a remote one, and reports
// whether it did.
func (r *run) handOff() bool {
	if r.train == nil {
		return true // fitted at once: nothing to train
	}
	if rs, remote := r.train.(*remoteStepper); remote {
		// Handed off already, or a training with no trainer here (the
		// digits' in the page's module) that waits for its first.
		handed := !rs.unhanded
		rs.unhanded = false
		return !handed
	}
	if r.train.Epoch() != 0 {
		return false
	}
	r.train = &remoteStepper{converged: r.train.Converged()}
	r.sync = nil
	return true
}

// Current reports whether t is still the scene's training; a change that
// restarts the training makes it stale.
func (h Handover) Current(t Training) bool {
	h.s.FlushTraining()
	return t.main != nil && t.main == h.s.fit.main
}

// Apply moves a handed-over training to p. It returns an error, changing
// nothing, if t is no longer the scene's training or p does not fit its
// models.
func (h Handover) Apply(t Training, p Progress) error {
	if !h.Current(t) {
		return fmt.Errorf("progress: the training it belongs to was replaced")
	}
	f := &h.s.fit
	if err := f.main.checkProgress(p.Main); err != nil {
		return err
	}
	if (p.Baseline != nil) != (f.baseline != nil) {
		return fmt.Errorf("progress: baseline given %v, scene has one %v", p.Baseline != nil, f.baseline != nil)
	}
	if (p.Rival != nil) != (f.rival != nil) {
		return fmt.Errorf("progress: rival given %v, scene has one %v", p.Rival != nil, f.rival != nil)
	}
	for _, side := range []struct {
		r *run
		p *RunProgress
	}{{f.baseline, p.Baseline}, {f.rival, p.Rival}} {
		if side.p != nil {
			if err := side.r.checkProgress(*side.p); err != nil {
				return err
			}
		}
	}
	if p.Baseline != nil {
		f.baseline.applyProgress(*p.Baseline)
	}
	if p.Rival != nil {
		f.rival.applyProgress(*p.Rival)
	}
	f.main.applyProgress(p.Main)
	f.follow()
	h.s.modelVersion = nextVersion()
	h.s.att.stale = true
	return nil
}

// Restart starts the training again from scratch, as an edit would: for a
// training handed over to a trainer that failed.
func (h Handover) Restart() {
	h.s.fit.stale = true
	h.s.FlushTraining()
}

func (r *run) checkProgress(p RunProgress) error {
	if _, remote := r.train.(*remoteStepper); !remote {
		return fmt.Errorf("progress: the training was not handed over")
	}
	if n := r.trained().NumParams(); len(p.Params) != n {
		return fmt.Errorf("progress: %d parameters for a model of %d", len(p.Params), n)
	}
	if p.Epoch < 0 || p.Epoch > r.epochs {
		return fmt.Errorf("progress: epoch %d outside 0…%d", p.Epoch, r.epochs)
	}
	return nil
}

func (r *run) applyProgress(p RunProgress) {
	rs := r.train.(*remoteStepper)
	rs.epoch, rs.loss, rs.done, rs.converged = p.Epoch, p.Loss, p.Done, p.Converged
	r.trained().SetParams(p.Params)
}

// remoteStepper is a training that runs elsewhere: it reports what the
// last Progress said, and Step leaves it where it is.
type remoteStepper struct {
	epoch           int
	loss            float64
	done, converged bool
	// unhanded: no trainer here, and not yet handed off.
	unhanded bool
}

func (r *remoteStepper) Step(int) int    { return r.epoch }
func (r *remoteStepper) Epoch() int      { return r.epoch }
func (r *remoteStepper) Done() bool      { return r.done }
func (r *remoteStepper) Converged() bool { return r.converged }
func (r *remoteStepper) Loss() float64   { return r.loss }
