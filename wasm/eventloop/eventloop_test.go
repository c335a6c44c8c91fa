//go:build js && wasm

package eventloop

import "testing"

// TestYieldReturns: each Yield comes back once the event loop has
// delivered its message, again and again. A Yielder whose message never
// came back would leave every goroutine asleep, which the runtime reports
// as a deadlock.
func TestYieldReturns(t *testing.T) {
	y := New()
	for range 1000 {
		y.Yield()
	}
}
