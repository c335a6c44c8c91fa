//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"advplay/wasm/jsvalue"
)

// pngRequest is a pending advplay.exportPNG() promise.
type pngRequest struct {
	resolve, reject js.Value
}

// exportPNG returns a Promise of the picture on the canvas as an ImageData,
// without the hover details and with the readout; the page encodes the PNG
// with the browser's own encoder (canvas.toBlob). The picture is composed
// offscreen in the next Update, since reading pixels back from the GPU
// belongs in the game loop; the promise is rejected, with a reason, when
// no frame will come (the plot hidden or out of view) or the canvas has no
// picture to give.
func (a *api) exportPNG([]js.Value) (any, error) {
	var resolve, reject js.Value
	executor := js.FuncOf(func(this js.Value, args []js.Value) any {
		resolve, reject = args[0], args[1]
		return nil
	})
	defer executor.Release()
	promise := js.Global().Get("Promise").New(executor)
	if !a.g.rest.Visible() {
		reject.Invoke(jsvalue.Error(errors.New("advplay.exportPNG: the plot cannot be seen (a hidden page, or out of view), so it draws nothing to export; show it and try again")))
		return promise, nil
	}
	a.g.pngRequests = append(a.g.pngRequests, pngRequest{resolve: resolve, reject: reject})
	return promise, nil
}

// servePNGRequests renders the frame offscreen once and settles every
// pending exportPNG promise with its pixels. It runs in Update, after the
// layers are up to date.
func (g *game) servePNGRequests() {
	if len(g.pngRequests) == 0 {
		return
	}
	reqs := g.pngRequests
	g.pngRequests = nil
	f := g.frame
	f.Readout = readoutLines(g)
	pix, w, h := g.painter.Export(&f)
	if pix == nil {
		for _, r := range reqs {
			r.reject.Invoke(jsvalue.Error(errors.New("advplay.exportPNG: the canvas has no size to export")))
		}
		return
	}
	arr := js.Global().Get("Uint8ClampedArray").New(len(pix))
	js.CopyBytesToJS(arr, pix)
	data := js.Global().Get("ImageData").New(arr, w, h)
	for _, r := range reqs {
		r.resolve.Invoke(data)
	}
}
