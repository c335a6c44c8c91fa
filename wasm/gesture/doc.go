// Package gesture turns raw pointer events — mouse, touch and pen alike,
// as the browser's Pointer Events deliver them — into the playground's
// actions: add a point, remove one, drag one, pan, zoom and hover.
//
// It holds no ebiten or syscall/js import: the browser side queues events
// as they arrive and feeds them here from Update, so a click whose press
// and release land within one frame is never lost, and the logic is
// tested natively.
package gesture
