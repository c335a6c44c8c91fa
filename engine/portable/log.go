package portable

import "math"

// Log is Go's math.log (math/log.go, Copyright 2009 The Go Authors,
// BSD-style license), itself a simpler version of FreeBSD's
// /usr/src/lib/msun/src/e_log.c, which came with this notice:
//
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunPro, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================
//
// The method: reduce x = 2^k·(1+f) with √2/2 < 1+f < √2; with
// s = f/(2+f), log(1+f) = 2s + s·R(s²), where a degree-14 polynomial
// approximates R to within 2^−58.45; then
// log(x) = k·Ln2Hi + (f − (hfsq − (s·(hfsq+R) + k·Ln2Lo))) with
// hfsq = f²/2 and ln 2 split so that k·Ln2Hi is exact for |k| < 2000.
const (
	logLn2Hi = 6.93147180369123816490e-01 // 0x3fe62e42fee00000
	logLn2Lo = 1.90821492927058770002e-10 // 0x3dea39ef35793c76
	logL1    = 6.666666666666735130e-01   // 0x3FE5555555555593
	logL2    = 3.999999999940941908e-01   // 0x3FD999999997FA04
	logL3    = 2.857142874366239149e-01   // 0x3FD2492494229359
	logL4    = 2.222219843214978396e-01   // 0x3FCC71C51D8E78AF
	logL5    = 1.818357216161805012e-01   // 0x3FC7466496CB03DE
	logL6    = 1.531383769920937332e-01   // 0x3FC39A09D078C69F
	logL7    = 1.479819860511658591e-01   // 0x3FC2F112DF3E5244
)

// Log returns the natural logarithm of x, with an error below 1 ulp (the
// bound of FreeBSD's error analysis). For normal x > 0 it returns exactly
// what math.Log returns on amd64, whose assembly performs the same
// operations in the same order; for subnormal x it is accurate, where
// that assembly is not (it reads the exponent field without normalizing).
//
// Special cases are as for math.Log: Log(+Inf) = +Inf, Log(±0) = −Inf,
// Log(x < 0) = NaN, Log(NaN) = NaN.
func Log(x float64) float64 {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	}
	f1, ki := math.Frexp(x)
	if f1 < math.Sqrt2/2 {
		f1 *= 2
		ki--
	}
	f := f1 - 1
	k := float64(ki)
	s := f / (2 + f)
	s2 := s * s
	s4 := s2 * s2
	t1 := s2 * (logL1 + s4*(logL3+s4*(logL5+s4*logL7)))
	t2 := s4 * (logL2 + s4*(logL4+s4*logL6))
	R := t1 + t2
	hfsq := 0.5 * f * f
	return k*logLn2Hi - ((hfsq - (s*(hfsq+R) + k*logLn2Lo)) - f)
}
