package scene

import (
	"math"
	"slices"
	"time"

	"advplay/engine/data"
	"advplay/engine/linear"
	"advplay/engine/logistic"
	"advplay/engine/network"
)

// On the digits an attack on the network costs a whole gradient per digit
// and step: PGD on the 2,038 test digits of 3 against 7 takes seconds. It
// runs digitChunk digits at a time, so that a page spreads it over frames
// (Scene.FlushFor), and each chunk's PGD starts from its own seeded random
// points, so that the result is the same however the chunks are spread.
const digitChunk = 128

// mnistDim is the digits' dimension, 28×28 pixels.
const mnistDim = 784

// digitAttack is an attack on the network at one ε for chunk k of the
// digits: the scene's method, steps and step size, its seed mixed with k.
func digitAttack(set Settings, eps float64, k int) network.Attack {
	a := network.Attack{Method: network.Method(set.Attack.Method), Epsilon: eps, Seed: set.Seed ^ uint64(k+1)*0x9e3779b97f4a7c15}
	if a.Method == network.PGD {
		a.Steps, a.StepSize = set.Attack.Steps, set.Attack.StepSize
	}
	return a
}

// digitModel is a run's classifier of digits: its logit and its worst
// point within the ball and the box.
type digitModel struct {
	lin *linear.Model
	net *network.Network
}

// digitModel returns the run's classifier of digits of d pixels: before a
// fit, the zero line.
func (r *run) digitModel(d int) digitModel {
	if r.net != nil {
		return digitModel{net: r.net}
	}
	m := highModel(r, d)
	return digitModel{lin: &m}
}

// logits writes the logit of each row of x into out.
func (m digitModel) logits(x, out []float64) {
	if m.net != nil {
		m.net.Logits(x, out)
		return
	}
	d := len(m.lin.W)
	for i := range out {
		out[i] = m.lin.Logit(x[i*d : (i+1)*d])
	}
}

// attackRows writes the attacked rows from to to of s into adv (the same
// rows), at ε under set's attack, chunk by chunk (attackChunk) from the
// chunk of from, which must start one.
func (m digitModel) attackRows(set Settings, eps float64, s data.Samples, from, to int, adv []float64) {
	d := s.Dim
	for start := from; start < to; start += digitChunk {
		end := min(start+digitChunk, s.Len())
		m.attackChunk(set, eps, rows(s, start, end), start/digitChunk, adv[start*d:end*d])
	}
}

// attackChunk writes into adv the digits of chunk, chunk k of the digits,
// attacked at ε under set's attack: the exact worst case in the box for
// logistic regression, package network's attack for the network.
func (m digitModel) attackChunk(set Settings, eps float64, chunk data.Samples, k int, adv []float64) {
	d := chunk.Dim
	if m.lin != nil {
		for i := range chunk.Len() {
			m.lin.PerturbBox(adv[i*d:(i+1)*d], chunk.Row(i), chunk.Label(i), eps, linear.PixelBox)
		}
		return
	}
	out, _, err := digitAttack(set, eps, k).Perturb(m.net, chunk)
	if err != nil {
		panic("scene: attack on the digits failed: " + err.Error())
	}
	copy(adv, out.X)
}

// rows returns rows from to to of s, sharing its storage.
func rows(s data.Samples, from, to int) data.Samples {
	d := s.Dim
	return data.Samples{Dim: d, X: s.X[from*d : to*d : to*d], Labels: s.Labels[from:to:to]}
}

// digitJob attacks the test digits with one model at one ε, a chunk at a
// time, and holds the attacked digits and both logits of each.
type digitJob struct {
	model     digitModel
	set       Settings
	samples   data.Samples
	adv       data.Samples
	z, zAdv   []float64
	next      int
	trainErr  float64
	modelVers int
}

func newDigitJob(r *run, set Settings, samples, train data.Samples, version int, trainErr float64, known bool) *digitJob {
	j := &digitJob{model: r.digitModel(samples.Dim), set: set, samples: samples, modelVers: version, trainErr: trainErr,
		adv: data.Samples{Dim: samples.Dim, X: make([]float64, len(samples.X)), Labels: samples.Labels},
		z:   make([]float64, samples.Len()), zAdv: make([]float64, samples.Len())}
	j.model.logits(samples.X, j.z)
	if !known {
		j.trainErr = errorOfLogits(j.model, train)
	}
	return j
}

// errorOfLogits returns the model's error rate on s, or 0 without points.
func errorOfLogits(m digitModel, s data.Samples) float64 {
	if s.Len() == 0 {
		return 0
	}
	z := make([]float64, s.Len())
	m.logits(s.X, z)
	wrong := 0
	for i, v := range z {
		if predicted(v) != s.Label(i) {
			wrong++
		}
	}
	return float64(wrong) / float64(s.Len())
}

// predicted is the class of a logit: 1 iff z > 0.
func predicted(z float64) int {
	if z > 0 {
		return 1
	}
	return 0
}

// step attacks the next chunk and reports whether every digit is done.
func (j *digitJob) step() bool {
	if j.next >= j.samples.Len() {
		return true
	}
	end := min(j.next+digitChunk, j.samples.Len())
	j.model.attackRows(j.set, j.set.Epsilon, j.samples, j.next, end, j.adv.X)
	d := j.samples.Dim
	j.model.logits(j.adv.X[j.next*d:end*d], j.zAdv[j.next:end])
	j.next = end
	return j.next >= j.samples.Len()
}

// finish puts the attacked digits in a and the digits in the plane of the
// job's model in p.
func (j *digitJob) finish(a *attacked, p *pointSet) {
	n := j.samples.Len()
	side := p.digits
	a.adv, a.flipped = make([]data.Point, n), make([]bool, n)
	a.advDigits = j.adv
	f := Metrics{N: n, TestSet: true, TrainError: j.trainErr}
	var wrong, advWrong int
	for i := range n {
		l := j.samples.Label(i)
		p.points[i] = data.Point{X: j.z[i], Y: side.vert[i], Label: l}
		a.adv[i] = data.Point{X: j.zAdv[i], Y: side.vertical(j.adv.Row(i)), Label: l}
		right, rightAfter := predicted(j.z[i]) == l, predicted(j.zAdv[i]) == l
		if !right {
			wrong++
		}
		if !rightAfter {
			advWrong++
		}
		if right && !rightAfter {
			a.flipped[i] = true
			f.Flipped++
		}
	}
	if n > 0 {
		f.CleanError, f.AdversarialError = float64(wrong)/float64(n), float64(advWrong)/float64(n)
	}
	a.figures = f
}

// FlushFor is Flush within about budget: it retrains as Flush does, but
// an attack of the MNIST preset's test digits (by either model) that needs
// longer goes on at the next call, the view showing the last complete one
// (View.AttackStale) until it is done. FlushFor(0) only retrains: it
// leaves that attack, begun or not, to later calls, and spares a scene
// that only trains (a training worker's) the attack's memory and first
// pass. It reports whether everything is up to date. Elsewhere every
// attack is quick, and FlushFor is Flush.
func (s *Scene) FlushFor(budget time.Duration) bool {
	s.FlushTraining()
	if !s.att.stale {
		return true
	}
	if s.pts.digits == nil {
		s.Flush()
		return true
	}
	if budget <= 0 {
		return false
	}
	start := time.Now()
	j := s.att.job
	if j == nil || j.modelVers != s.modelVersion || j.set.Epsilon != s.settings.Epsilon || j.set.Attack != s.settings.Attack {
		trainErr, known := s.att.trainErr, s.att.trainErrAt == s.modelVersion
		j = newDigitJob(s.fit.main, s.settings, s.pts.hd.samples, s.pts.digits.train, s.modelVersion, trainErr, known)
		s.att.job = j
	}
	for !j.step() {
		if time.Since(start) >= budget {
			s.perf.AttackMs = ms(time.Since(start))
			return false
		}
	}
	j.finish(&s.att, &s.pts)
	s.att.job, s.att.stale = nil, false
	s.att.trainErr, s.att.trainErrAt = j.trainErr, j.modelVers
	s.attackVersion, s.pointsVersion = nextVersion(), nextVersion()
	s.perf.AttackMs = ms(time.Since(start))
	return true
}

// sampleDigit is Sample on the digits: test digit i, the attacked one of
// the last complete attack, and the model's probabilities, read off the
// logits that place them in the plane.
func sampleDigit(p *pointSet, a *attacked, i int) SampleView {
	v := SampleView{Label: p.points[i].Label, Flipped: a.flipped[i]}
	v.Clean = slices.Clone(p.hd.samples.Row(i))
	v.Attacked = slices.Clone(a.advDigits.Row(i))
	v.Perturbation = make([]float64, len(v.Clean))
	for j, x := range v.Clean {
		v.Perturbation[j] = v.Attacked[j] - x
	}
	v.Probability = logistic.Sigmoid(p.points[i].X)
	v.AttackedProbability = logistic.Sigmoid(a.adv[i].X)
	return v
}

// digitErrorRate returns m's error on s attacked at eps under set's
// attack, chunk by chunk as the scene attacks.
func digitErrorRate(m digitModel, set Settings, eps float64, s data.Samples) float64 {
	if s.Len() == 0 {
		return 0
	}
	if m.lin != nil {
		return linear.BoxErrorRate(*m.lin, s, eps, linear.PixelBox)
	}
	adv := make([]float64, len(s.X))
	m.attackRows(set, eps, s, 0, s.Len(), adv)
	z := make([]float64, s.Len())
	m.logits(adv, z)
	wrong := 0
	for i, v := range z {
		if predicted(v) != s.Label(i) {
			wrong++
		}
	}
	return float64(wrong) / float64(s.Len())
}

// digitInfo is Info on the digits for test digit i under the model m:
// the margin s·z, the gradient of the loss along the plane's across axis,
// σ(z) − y, and for logistic regression the smallest ε that flips the
// digit within the box.
func digitInfo(p *pointSet, a *attacked, m digitModel, i int) PointInfo {
	q := p.points[i]
	z := q.X
	info := PointInfo{Grad: [2]float64{logistic.Residual(z, float64(q.Label)), 0}, Margin: z, MinFlip: math.NaN()}
	if q.Label == 0 {
		info.Margin = -z
	}
	if m.lin != nil {
		info.MinFlip = m.lin.FlipThreshold(p.hd.samples.Row(i), q.Label, linear.PixelBox)
	}
	if i < len(a.flipped) {
		info.Flipped = a.flipped[i]
	}
	return info
}
