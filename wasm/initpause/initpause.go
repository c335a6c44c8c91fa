//go:build js && wasm

// Package initpause hands the browser's event loop back once during Go's
// package initialization, which is otherwise one long task of the page's
// start. Importing it is all it takes.
//
// Go initializes the packages in the order of their import paths, each as
// soon as its imports are (the Go 1.21 rule), so this package, which sorts
// before every package of another module and imports text/template,
// initializes right after text/template. That is just before Ebiten's
// built-in shaders: internal/builtinshader writes their sources with
// text/template, and internal/restorable then compiles three of them, the
// longest part of the initialization (GODEBUG=inittrace=1 shows the order
// and the times). What came before goes in a task of its own.
package initpause

import (
	_ "text/template" // the package this one follows

	"advplay/wasm/eventloop"
)

func init() {
	eventloop.New().Yield()
}
