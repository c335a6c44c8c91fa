// Package portable provides the elementary functions and the normal sampler
// that the engine uses in place of math.Exp, math.Log, math.Hypot,
// math.Tanh and rand.Rand.NormFloat64, so that a scene gives the same bits
// natively on amd64 and in the browser under js/wasm.
//
// In Go 1.26, math.Exp, math.Log and math.Hypot are assembly on amd64 and
// pure Go under js/wasm; math.Exp's assembly even takes another path on a
// processor with FMA. math.Tanh, math.Pow, math.Erf and rand's
// NormFloat64 call math.Exp or math.Log. The two implementations may
// differ in the last bit, and one differing bit in an exponential becomes,
// after thousands of training epochs, different weights. Every function
// here is plain float64 arithmetic (+, −, ×, ÷, √ and bit manipulation,
// each correctly rounded by IEEE 754) in a fixed order, with constant
// tables computed in math/big or written out, so both architectures
// produce identical results; a golden hash test run under both checks it.
//
// Exp and Tanh are table-driven (see their docs). Log and Hypot are Go's
// pure Go algorithms, which the amd64 assembly follows operation for
// operation on normal arguments, so they also give math.Log's and
// math.Hypot's bits there. Normal is NormFloat64's ziggurat over the
// portable Exp and Log, so it draws the same numbers from the same
// generator.
//
// # Assumption
//
// The bit-identity rests on the compiler never fusing x*y + z into one
// fused multiply-add, which would round once instead of twice. It holds
// for amd64 at its default GOAMD64=v1, which has no FMA instruction (with
// GOAMD64=v3 or above the compiler fuses, and the guarantee is lost), and
// for js/wasm, which has none either. arm64, ppc64le, s390x and riscv64
// may fuse, and are not covered: there the results can differ in the last
// bit, as math's own do.
//
// The engine's other code must not call the functions this package
// replaces; a test parses every non-test file of the engine to enforce it.
package portable
