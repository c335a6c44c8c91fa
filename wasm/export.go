//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
)

// pngRequest is a pending advplay.exportPNG() promise.
type pngRequest struct {
	resolve, reject js.Value
}

// servePNGRequests renders the frame offscreen once and settles every
// pending exportPNG promise with its pixels as an ImageData; the page
// encodes the PNG with the browser's own encoder (canvas.toBlob). It runs
// in Update, after the layers are up to date.
func (g *game) servePNGRequests() {
	if len(g.pngRequests) == 0 {
		return
	}
	reqs := g.pngRequests
	g.pngRequests = nil
	w, h := int(g.layout.Screen.W), int(g.layout.Screen.H)
	img := ebiten.NewImage(w, h)
	defer img.Deallocate()
	// On screen the plot's edges blend over the frame before; here over
	// the background.
	img.Fill(g.theme.Fill())
	g.compose(img, true)
	pix := make([]byte, 4*w*h)
	img.ReadPixels(pix)
	unpremultiply(pix)
	arr := js.Global().Get("Uint8ClampedArray").New(len(pix))
	js.CopyBytesToJS(arr, pix)
	data := js.Global().Get("ImageData").New(arr, w, h)
	for _, r := range reqs {
		r.resolve.Invoke(data)
	}
}

// unpremultiply turns Ebiten's premultiplied RGBA into the straight RGBA
// of ImageData. Only the transparent theme has pixels that are not opaque.
func unpremultiply(pix []byte) {
	for i := 0; i < len(pix); i += 4 {
		a := int(pix[i+3])
		if a == 0 || a == 255 {
			continue
		}
		for k := range 3 {
			pix[i+k] = byte(min(255, (int(pix[i+k])*255+a/2)/a))
		}
	}
}
