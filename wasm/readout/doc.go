// Package readout writes what the playground shows as text: the figures
// of the readout beside the plot, the description of the scene that a
// screen reader gives the plot, the sentence the live region announces,
// and what the keyboard cursor is over.
//
// It holds no ebiten or syscall/js import, so it is tested natively. The
// page shows the text as HTML, where it can be read aloud, zoomed,
// selected and copied; the canvas only draws it into an exported picture.
package readout
