// Package keys makes the plot operable from the keyboard: a cursor that
// the arrow keys move over the plot, and keys that add a point at the
// cursor, remove or pick up the point nearest to it, carry a picked-up
// point with the arrows, zoom about the cursor and leave the plot.
//
// It holds no ebiten or syscall/js import. The browser side queues the
// plot's keydown events as they arrive and feeds them here from Update,
// as it does pointer events for package gesture, so every press counts
// once, in order, and the logic is tested natively.
//
// The keys:
//
//	arrows           move the cursor (Shift: five times further); at the
//	                 plot's edge the view pans instead
//	Enter            add a point of the selected class at the cursor
//	Shift+Enter      add a point of the other class
//	Delete, Backspace remove the point nearest the cursor
//	Space            pick up the point nearest the cursor; arrows then
//	                 carry it, and Space or Enter puts it down
//	Escape           put a carried point back where it was; otherwise
//	                 leave the plot
//	N, Shift+N       jump to the next or previous point
//	+ (or =), −      zoom in or out about the cursor
//	0, Home          fit the view to the points
//
// Positions are screen pixels, as in package view; steps are given in CSS
// pixels and scaled by the device scale.
package keys
