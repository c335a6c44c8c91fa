//go:build js && wasm

package main

import (
	"bytes"
	"image"
	"image/png"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
)

// pngRequest is a pending advplay.exportPNG() promise.
type pngRequest struct {
	resolve, reject js.Value
}

// servePNGRequests renders the frame offscreen once, encodes it as PNG and
// settles every pending exportPNG promise. It runs in Update, after the
// layers are up to date.
func (g *game) servePNGRequests() {
	if len(g.pngRequests) == 0 {
		return
	}
	reqs := g.pngRequests
	g.pngRequests = nil
	b, err := g.encodePNG()
	for _, r := range reqs {
		if err != nil {
			r.reject.Invoke(jsError(err))
			continue
		}
		arr := js.Global().Get("Uint8Array").New(len(b))
		js.CopyBytesToJS(arr, b)
		r.resolve.Invoke(arr)
	}
}

func (g *game) encodePNG() ([]byte, error) {
	w, h := int(g.layout.Screen.W), int(g.layout.Screen.H)
	img := ebiten.NewImage(w, h)
	defer img.Deallocate()
	g.compose(img)
	rgba := image.NewRGBA(image.Rect(0, 0, w, h))
	img.ReadPixels(rgba.Pix)
	var buf bytes.Buffer
	if err := png.Encode(&buf, rgba); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
