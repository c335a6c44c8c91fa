package main

import (
	"bytes"
	"image"
	"image/color"

	"advplay/wasm/poster"
)

// paletteSteps are the palette sizes shrink tries, largest first.
var paletteSteps = []int{128, 64, 48, 32}

// encodeWithin encodes img (poster.Encode) in at most maxBytes if it can:
// when the picture as rendered is larger, it merges its colours (see
// reduce) to fewer and fewer of them until it fits. The shades merged
// first are those anti-aliased edges and crossing arrows make, which a
// picture that only stands in for the page until its module starts can
// lose. It returns the smallest encoding it
// made, which may still be over maxBytes, and the colours kept.
func encodeWithin(img *image.Paletted, maxBytes int) ([]byte, int, error) {
	var buf bytes.Buffer
	if err := poster.Encode(&buf, img); err != nil {
		return nil, 0, err
	}
	best, colours := buf.Bytes(), len(img.Palette)
	for _, n := range paletteSteps {
		if len(best) <= maxBytes || n >= len(img.Palette) {
			if len(best) <= maxBytes {
				break
			}
			continue
		}
		var b bytes.Buffer
		if err := poster.Encode(&b, reduce(img, n)); err != nil {
			return nil, 0, err
		}
		if b.Len() < len(best) {
			best, colours = b.Bytes(), n
		}
	}
	return best, colours, nil
}

// reduce returns a copy of img with at most n colours. It merges colours
// two by two, each time the pair whose merge changes the picture least
// (the squared distance between the two in premultiplied RGBA, times the
// pixels of the rarer), into the colour of the commoner. Rare colours far
// from all others, such as the boundary's purple, are kept; the shades
// between two colours, which anti-aliasing makes, go first.
func reduce(img *image.Paletted, n int) *image.Paletted {
	count := make([]int, len(img.Palette))
	for _, v := range img.Pix {
		count[v]++
	}
	// into[i] is the colour i is merged into, itself while it is kept.
	into := make([]int, len(img.Palette))
	kept := 0
	for i := range into {
		into[i] = i
		if count[i] > 0 {
			kept++
		}
	}
	root := func(i int) int {
		for into[i] != i {
			i = into[i]
		}
		return i
	}
	mergeClosest(img.Palette, count, into, kept-n)
	var pal color.Palette
	index := make([]int, len(img.Palette))
	for i := range into {
		if into[i] == i && count[i] > 0 {
			index[i] = len(pal)
			pal = append(pal, img.Palette[i])
		}
	}
	remap := make([]uint8, len(img.Palette))
	for i := range remap {
		if count[root(i)] > 0 {
			remap[i] = uint8(index[root(i)])
		}
	}
	out := image.NewPaletted(img.Rect, pal)
	for i, v := range img.Pix {
		out.Pix[i] = remap[v]
	}
	return out
}

// mergeClosest merges colours of the palette merges times, each time the
// two used colours whose squared distance times the fewer pixels is
// least, the rarer into the commoner: into[i] becomes the colour i is
// merged into, and count the pixels of each colour kept.
func mergeClosest(palette color.Palette, count, into []int, merges int) {
	rgba := make([][4]int64, len(palette))
	for i, c := range palette {
		r, g, b, a := c.RGBA()
		rgba[i] = [4]int64{int64(r >> 8), int64(g >> 8), int64(b >> 8), int64(a >> 8)}
	}
	distance := func(i, j int) uint64 {
		var d int64
		for k := range 4 {
			d += (rgba[i][k] - rgba[j][k]) * (rgba[i][k] - rgba[j][k])
		}
		return uint64(d)
	}
	for range merges {
		a, b, cost := -1, -1, uint64(1<<63)
		for i := range into {
			if into[i] != i || count[i] == 0 {
				continue
			}
			for j := i + 1; j < len(into); j++ {
				if into[j] != j || count[j] == 0 {
					continue
				}
				if c := distance(i, j) * uint64(min(count[i], count[j])); c < cost {
					a, b, cost = i, j, c
				}
			}
		}
		if count[a] < count[b] {
			a, b = b, a
		}
		into[b] = a
		count[a] += count[b]
	}
}
