package view

import (
	"math"
	"strconv"
)

// Tick is one labelled axis tick.
type Tick struct {
	Value float64
	Label string
}

// Ticks returns "nice" tick values (1, 2 or 5 times a power of ten apart)
// covering [lo, hi], at most about maxCount of them, with labels that show
// just enough decimals to tell them apart. It returns nil if the range is
// empty or not finite, or maxCount < 2.
func Ticks(lo, hi float64, maxCount int) []Tick {
	if !(hi > lo) || math.IsInf(lo, 0) || math.IsInf(hi, 0) || maxCount < 2 {
		return nil
	}
	step := niceStep((hi - lo) / float64(maxCount-1))
	decimals := max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	first := math.Ceil(lo/step - 1e-9)
	var ticks []Tick
	for k := first; k*step <= hi+step*1e-9; k++ {
		v := k * step
		if math.Abs(v) < step*1e-9 {
			v = 0 // no "-0"
		}
		label := strconv.FormatFloat(v, 'f', decimals, 64)
		// When step is near the spacing of float64 at lo and hi, k·step can
		// repeat a value, and k+1 can even equal k: keep distinct labels only
		// and stop once k no longer advances.
		if n := len(ticks); n == 0 || v > ticks[n-1].Value && label != ticks[n-1].Label {
			ticks = append(ticks, Tick{Value: v, Label: label})
		}
		if k+1 == k || k-first > float64(4*maxCount) {
			break
		}
	}
	return ticks
}

// AxisTicks returns about maxCount ticks over [lo, hi], as Ticks does, but
// at least three where a finer step gives them: Ticks rounds its step up,
// which on a short axis can leave a single tick.
func AxisTicks(lo, hi float64, maxCount int) []Tick {
	maxCount = max(3, maxCount)
	ticks := Ticks(lo, hi, maxCount)
	for k := maxCount + 1; len(ticks) < 3 && k <= maxCount+8; k++ {
		ticks = Ticks(lo, hi, k)
	}
	return ticks
}

// niceStep rounds raw up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	switch f := raw / p; {
	case f <= 1:
		return p
	case f <= 2:
		return 2 * p
	case f <= 5:
		return 5 * p
	}
	return 10 * p
}
