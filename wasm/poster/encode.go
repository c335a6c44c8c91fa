package poster

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"io"
)

// Encode writes img as a paletted PNG, as small as this encoder makes it:
// the palette as it is (1, 2, 4 or 8 bits a pixel, as its size allows),
// with transparency as far as the last translucent colour, and the pixels
// at zlib's best compression, unfiltered or under PNG's filter Up,
// whichever gives fewer bytes. (Up wins where rows repeat, as in a scene
// with few points; the other filters, which predict a palette's indices
// as if they were intensities, never won on a poster.) It returns an
// error if img has no palette or more than 256 colours, or from w.
func Encode(w io.Writer, img *image.Paletted) error {
	if img == nil || len(img.Palette) == 0 || len(img.Palette) > 256 {
		return errors.New("poster: Encode: the image must have 1 to 256 colours")
	}
	b := img.Bounds()
	depth := 8
	switch n := len(img.Palette); {
	case n <= 2:
		depth = 1
	case n <= 4:
		depth = 2
	case n <= 16:
		depth = 4
	}
	best, err := smallestIDAT(packRows(img, depth))
	if err != nil {
		return err
	}

	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(b.Dx()))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(b.Dy()))
	ihdr[8], ihdr[9] = byte(depth), 3 // bit depth, palette colour
	chunk(&out, "IHDR", ihdr)
	plte := make([]byte, 0, 3*len(img.Palette))
	trns := make([]byte, 0, len(img.Palette))
	translucent := 0
	for i, c := range img.Palette {
		n := color.NRGBAModel.Convert(c).(color.NRGBA)
		plte = append(plte, n.R, n.G, n.B)
		trns = append(trns, n.A)
		if n.A != 0xff {
			translucent = i + 1
		}
	}
	chunk(&out, "PLTE", plte)
	if translucent > 0 {
		chunk(&out, "tRNS", trns[:translucent])
	}
	chunk(&out, "IDAT", best)
	chunk(&out, "IEND", nil)
	_, err = w.Write(out.Bytes())
	return err
}

// smallestIDAT compresses the packed rows with no filter and with the Up
// filter, and returns the smaller.
func smallestIDAT(rows [][]byte) ([]byte, error) {
	// The two compressions side by side: each takes a good part of a
	// second on a large poster.
	var up []byte
	var upErr error
	done := make(chan struct{})
	go func() {
		up, upErr = compress(rows, filterUp)
		close(done)
	}()
	best, err := compress(rows, filterNone)
	<-done
	if err == nil {
		err = upErr
	}
	if err != nil {
		return nil, err
	}
	if len(up) < len(best) {
		best = up
	}
	return best, nil
}

// The PNG filters Encode uses: none, and Up, each byte less the byte
// above it.
const (
	filterNone byte = 0
	filterUp   byte = 2
)

// packRows returns the image's rows of palette indices, packed depth bits
// a pixel, most significant first.
func packRows(img *image.Paletted, depth int) [][]byte {
	b := img.Bounds()
	w := b.Dx()
	rows := make([][]byte, b.Dy())
	per := 8 / depth
	for y := range rows {
		src := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y):][:w]
		if depth == 8 {
			rows[y] = src
			continue
		}
		row := make([]byte, (w+per-1)/per)
		for x, v := range src {
			row[x/per] |= v << (8 - depth*(x%per+1))
		}
		rows[y] = row
	}
	return rows
}

// compress returns the zlib stream of the rows, each under filter f
// (filterNone or filterUp).
func compress(rows [][]byte, f byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	if err != nil {
		return nil, err
	}
	var prev []byte
	line := make([]byte, 1)
	for _, row := range rows {
		if prev == nil {
			prev = make([]byte, len(row))
		}
		line = append(line[:1], row...)
		line[0] = f
		filter(line[1:], row, prev, f)
		if _, err := zw.Write(line); err != nil {
			return nil, err
		}
		prev = row
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// filter writes into out the row cur under filter f (filterNone or
// filterUp), given the previous row prev (zeros for the first).
func filter(out, cur, prev []byte, f byte) {
	if f == filterNone {
		copy(out, cur)
		return
	}
	for i, x := range cur {
		out[i] = x - prev[i]
	}
}

// chunk writes a PNG chunk: its length, type, data and CRC.
func chunk(w *bytes.Buffer, kind string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(kind))
	crc.Write(data)
	w.WriteString(kind)
	w.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}
