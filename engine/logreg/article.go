package logreg

import (
	"errors"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"advplay/engine/article"
	"advplay/engine/data"
	"advplay/engine/logistic"
	"advplay/engine/model"
)

// The article's recipe (package article).
const (
	ArticleRate   = article.LearningRate
	ArticleEpochs = article.Epochs
)

// Article trains logistic regression exactly as the article did: from zero
// weights, by full-batch gradient descent where each epoch does
//
//	w ← w − lr·Σᵢ(ŷᵢ−yᵢ)·xᵢ   (a sum, not a mean)
//	b ← b − lr·meanᵢ(ŷᵢ−yᵢ)
//
// with lr = 0.0005 for 20,000 epochs. The bias therefore learns N times more
// slowly than the weights and ends under-trained (near −1.48 on the article's
// clouds, where the converged value is about −2·w). That is what produced
// the article's figures, so it is kept.
//
// The sums are taken over two fixed halves of the data, and within each
// half over two lanes, its first and second half (see gradSums). Natively
// the halves run on two goroutines; under js/wasm they run one after the
// other. The order of additions is the same either way, so the weights are
// bit-identical on every platform.
type Article struct {
	// Rate is the learning rate; Epochs the total number of epochs.
	Rate   float64
	Epochs int

	cols  data.Columns
	w1    float64
	w2    float64
	b     float64
	epoch int
}

// NewArticle returns the article's trainer for points, at epoch 0 with zero
// weights. It returns an error if points is empty or invalid.
func NewArticle(points []data.Point) (*Article, error) {
	if len(points) == 0 {
		return nil, errors.New("logreg: no points to train on")
	}
	if err := data.Validate(points); err != nil {
		return nil, err
	}
	return &Article{Rate: ArticleRate, Epochs: ArticleEpochs, cols: data.ToColumns(points)}, nil
}

// Epoch returns the number of epochs done.
func (a *Article) Epoch() int { return a.epoch }

// Done reports whether all epochs are done.
func (a *Article) Done() bool { return a.epoch >= a.Epochs }

// Model returns the current model.
func (a *Article) Model() model.Linear {
	return model.Linear{W: [2]float64{a.w1, a.w2}, B: a.b}
}

// Loss returns the mean log-loss of the current model on the training points.
func (a *Article) Loss() float64 {
	var sum float64
	c := a.cols
	for i := range c.X1 {
		sum += logistic.LogLoss(a.w1*c.X1[i]+a.w2*c.X2[i]+a.b, c.Y[i])
	}
	return sum / float64(len(c.X1))
}

// Run does all remaining epochs.
func (a *Article) Run() { a.Step(a.Epochs - a.epoch) }

// Step does up to k more epochs, never past Epochs, and returns the number
// of epochs done so far.
func (a *Article) Step(k int) int {
	k = max(0, min(k, a.Epochs-a.epoch))
	if k == 0 {
		return a.epoch
	}
	c := a.cols
	half := len(c.X1) / 2
	lo := data.Columns{X1: c.X1[:half], X2: c.X2[:half], Y: c.Y[:half]}
	hi := data.Columns{X1: c.X1[half:], X2: c.X2[half:], Y: c.Y[half:]}
	invN := 1 / float64(len(c.X1))
	update := func(g1, g2, g0 float64) {
		a.w1 -= a.Rate * g1
		a.w2 -= a.Rate * g2
		a.b -= a.Rate * (g0 * invN)
	}
	if runtime.GOMAXPROCS(0) < 2 || half < minParallelHalf {
		for range k {
			l1, l2, l0 := gradSums(lo.X1, lo.X2, lo.Y, a.w1, a.w2, a.b)
			h1, h2, h0 := gradSums(hi.X1, hi.X2, hi.Y, a.w1, a.w2, a.b)
			update(l1+h1, l2+h2, l0+h0)
		}
		a.epoch += k
		return a.epoch
	}
	var helper halfWorker
	go helper.run(hi)
	for range k {
		helper.start(a.w1, a.w2, a.b)
		l1, l2, l0 := gradSums(lo.X1, lo.X2, lo.Y, a.w1, a.w2, a.b)
		h1, h2, h0 := helper.wait()
		update(l1+h1, l2+h2, l0+h0)
	}
	helper.stop()
	a.epoch += k
	return a.epoch
}

// minParallelHalf is the half size below which a second goroutine costs more
// than it saves.
const minParallelHalf = 2048

// halfWorker computes gradSums on the second half of the data on its own
// goroutine, once per epoch. Each side waits for the other by spinning for
// about an epoch's time and then sleeping: an epoch takes about 100 µs,
// and waking a parked goroutine can cost as much on a virtual machine, but
// spinning longer would steal the CPU from the partner on a busy machine.
type halfWorker struct {
	weights [3]float64 // written before request, read after it
	sums    [3]float64 // written before reply, read after it
	request signal
	reply   signal
}

// stopRequest tells run to return.
const stopRequest = math.MaxUint64

func (h *halfWorker) run(c data.Columns) {
	var seen uint64
	for {
		r := h.request.await(func(v uint64) bool { return v != seen })
		if r == stopRequest {
			return
		}
		seen = r
		w := h.weights
		h.sums[0], h.sums[1], h.sums[2] = gradSums(c.X1, c.X2, c.Y, w[0], w[1], w[2])
		h.reply.set(r)
	}
}

func (h *halfWorker) start(w1, w2, b float64) {
	h.weights = [3]float64{w1, w2, b}
	h.request.set(h.request.value.Load() + 1)
}

func (h *halfWorker) wait() (g1, g2, g0 float64) {
	want := h.request.value.Load()
	h.reply.await(func(v uint64) bool { return v == want })
	return h.sums[0], h.sums[1], h.sums[2]
}

func (h *halfWorker) stop() { h.request.set(stopRequest) }

// signal is a counter one goroutine sets and another waits on.
type signal struct {
	value    atomic.Uint64
	sleeping atomic.Bool
	wake     chan struct{} // made on first use, buffered 1
	once     sync.Once
}

// spinPolls is how many times await polls before it sleeps; with a yield
// between polls that is roughly one epoch.
const spinPolls = 500

func (s *signal) init() { s.once.Do(func() { s.wake = make(chan struct{}, 1) }) }

// set stores v and wakes the waiter if it sleeps.
func (s *signal) set(v uint64) {
	s.init()
	s.value.Store(v)
	if s.sleeping.CompareAndSwap(true, false) {
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
}

// await returns the value once ready(value) holds.
func (s *signal) await(ready func(uint64) bool) uint64 {
	s.init()
	for i := 0; ; i++ {
		if v := s.value.Load(); ready(v) {
			return v
		}
		if i < spinPolls {
			runtime.Gosched()
			continue
		}
		// Announce the sleep, then look once more, so that a set between
		// the last poll and the announcement is not missed. A wake-up
		// left over from such a race only costs one more loop.
		s.sleeping.Store(true)
		if v := s.value.Load(); ready(v) {
			s.sleeping.Store(false)
			return v
		}
		<-s.wake
	}
}
