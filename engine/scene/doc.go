// Package scene is the playground's core: the points, the settings a
// visitor or an embedding page can change, and everything derived from
// them — the trained model, the attacked points, the error figures and the
// curves — with the patches that change them, the share codec, CSV and
// the postMessage protocol. The page (wasm/) and the command line
// (scripts/experiment) both run a scene through it. It has no ebiten or
// syscall/js import, so the whole JS API contract (set, state, addPoint, …)
// is tested natively and under Node.
//
// A Scene changes only through its methods. Each method validates first and
// changes nothing on error, then marks what must be recomputed; Flush (which
// State calls) brings the derived figures up to date, so a change is visible
// to the very next State call. Long training (the article's 20,000 epochs)
// advances only in Tick, a slice at a time, so the page never freezes.
package scene
