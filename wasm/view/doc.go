// Package view holds the playground's drawing mathematics with no ebiten or
// syscall/js import, so it is tested natively: the data↔screen transform
// with pan and zoom, axis ticks, the probability colour map, hit testing,
// the clipped decision boundary and the screen layout.
//
// Screen coordinates are device pixels, y pointing down; data coordinates
// have y pointing up.
package view
