package mnist

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
)

// The pictures' size, as in MNIST.
const (
	Width  = 28
	Height = 28
	// Dim is the number of pixels of a picture, Width·Height = 784.
	Dim = Width * Height
)

// Split names the MNIST file an image comes from.
type Split uint8

// The splits, as stored in a file's header.
const (
	Train Split = 0 // train-images-idx3-ubyte: 60,000 images
	Test  Split = 1 // t10k-images-idx3-ubyte: 10,000 images
)

// String returns "train" or "test", as in the file names.
func (s Split) String() string {
	switch s {
	case Train:
		return "train"
	case Test:
		return "test"
	}
	return fmt.Sprintf("Split(%d)", uint8(s))
}

// Version is the version of the file format that Encode writes and Decode
// reads.
const Version = 1

// HeaderSize is the length of a file's header in bytes.
const HeaderSize = 24

// magic opens every file.
const magic = "ADVMNIST"

// MaxImages is the most images a file may hold: more than any digit has in
// either MNIST file (the most is 6,742 ones in the training file), and
// 7.84 MB of pixels at most.
const MaxImages = 10_000

// Set is the images of one digit from one split of MNIST, in the order of
// the MNIST file: image i is Pixels[i·Dim : (i+1)·Dim], 28 rows of 28
// pixels from the top left, 0 for the background and 255 for full ink, as
// in MNIST.
type Set struct {
	Digit  int
	Split  Split
	Pixels []byte
}

// Len returns the number of images, len(Pixels)/Dim.
func (s Set) Len() int { return len(s.Pixels) / Dim }

// Image returns the pixels of image i, a slice of Pixels (not a copy). It
// panics if i is out of range.
func (s Set) Image(i int) []byte {
	if i < 0 || i >= s.Len() {
		panic(fmt.Sprintf("mnist: Set.Image(%d) of %d images", i, s.Len()))
	}
	return s.Pixels[i*Dim : (i+1)*Dim : (i+1)*Dim]
}

// Validate returns an error if the digit is not 0 to 9, the split is not
// Train or Test, or the pixels are not 1 to MaxImages whole images.
func (s Set) Validate() error {
	if s.Digit < 0 || s.Digit > 9 {
		return fmt.Errorf("mnist: digit is %d, must be 0 to 9", s.Digit)
	}
	if s.Split != Train && s.Split != Test {
		return fmt.Errorf("mnist: split is %d, must be %d (train) or %d (test)", s.Split, Train, Test)
	}
	if len(s.Pixels)%Dim != 0 {
		return fmt.Errorf("mnist: %d pixels are not whole images of %d×%d", len(s.Pixels), Width, Height)
	}
	if n := s.Len(); n < 1 || n > MaxImages {
		return fmt.Errorf("mnist: %d images, must be 1 to %d", n, MaxImages)
	}
	return nil
}

// FileName returns the name of the file of a digit and split, such as
// "3-train.bin". It panics if digit is not 0 to 9 or split is not Train or
// Test.
func FileName(digit int, split Split) string {
	if digit < 0 || digit > 9 || (split != Train && split != Test) {
		panic(fmt.Sprintf("mnist: FileName(%d, %d): no such file", digit, split))
	}
	return fmt.Sprintf("%d-%s.bin", digit, split)
}

// Encode returns s in the file format, version 1: a header of HeaderSize
// bytes, all integers big-endian,
//
//	offset  size  field
//	0       8     magic "ADVMNIST"
//	8       2     version, 1
//	10      1     digit, 0 to 9
//	11      1     split, 0 = train, 1 = test
//	12      2     width, 28
//	14      2     height, 28
//	16      4     count, the number of images, 1 to MaxImages
//	20      4     CRC-32 (IEEE) of the pixels
//
// followed by the count·784 pixels, image after image. It returns an error
// if s is invalid (Validate).
func Encode(s Set) ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	b := make([]byte, HeaderSize, HeaderSize+len(s.Pixels))
	copy(b, magic)
	binary.BigEndian.PutUint16(b[8:], Version)
	b[10] = byte(s.Digit)
	b[11] = byte(s.Split)
	binary.BigEndian.PutUint16(b[12:], Width)
	binary.BigEndian.PutUint16(b[14:], Height)
	binary.BigEndian.PutUint32(b[16:], uint32(s.Len()))
	binary.BigEndian.PutUint32(b[20:], crc32.ChecksumIEEE(s.Pixels))
	return append(b, s.Pixels...), nil
}

// errNotMNIST is the error of a file that does not start with the magic.
var errNotMNIST = errors.New("mnist: not an advplay MNIST file (bad magic)")

// Decode returns the Set a file holds. It checks the whole file before it
// allocates anything, and allocates no more than the file's length, so a
// hostile file costs at most one pass over its bytes. It returns an error
// naming the first thing that is wrong: a file shorter than the header
// (truncated header), a bad magic, an unknown version, a digit that is not
// 0 to 9, a split that is not 0 or 1, a width or height that is not 28, a
// count that is not 1 to MaxImages, fewer pixels than the count needs
// (truncated), bytes after the last image (trailing bytes), or pixels whose
// CRC-32 is not the header's (corrupt). The pixels are a copy: b may be
// reused.
func Decode(b []byte) (Set, error) {
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		if len(b) < len(magic) && string(b) == magic[:len(b)] {
			return Set{}, fmt.Errorf("mnist: truncated header: %d bytes, want %d", len(b), HeaderSize)
		}
		return Set{}, errNotMNIST
	}
	if len(b) < HeaderSize {
		return Set{}, fmt.Errorf("mnist: truncated header: %d bytes, want %d", len(b), HeaderSize)
	}
	if v := binary.BigEndian.Uint16(b[8:]); v != Version {
		return Set{}, fmt.Errorf("mnist: version %d, this reader knows only version %d", v, Version)
	}
	if d := b[10]; d > 9 {
		return Set{}, fmt.Errorf("mnist: digit %d, must be 0 to 9", d)
	}
	if s := b[11]; s > 1 {
		return Set{}, fmt.Errorf("mnist: split %d, must be 0 (train) or 1 (test)", s)
	}
	if w, h := binary.BigEndian.Uint16(b[12:]), binary.BigEndian.Uint16(b[14:]); w != Width || h != Height {
		return Set{}, fmt.Errorf("mnist: images of %d×%d, must be %d×%d", w, h, Width, Height)
	}
	count := binary.BigEndian.Uint32(b[16:])
	if count < 1 || count > MaxImages {
		return Set{}, fmt.Errorf("mnist: count %d, must be 1 to %d", count, MaxImages)
	}
	want := int(count) * Dim
	switch got := len(b) - HeaderSize; {
	case got < want:
		return Set{}, fmt.Errorf("mnist: truncated: %d bytes of pixels for %d images, want %d", got, count, want)
	case got > want:
		return Set{}, fmt.Errorf("mnist: %d trailing bytes after %d images", got-want, count)
	}
	pixels := b[HeaderSize:]
	if sum, h := crc32.ChecksumIEEE(pixels), binary.BigEndian.Uint32(b[20:]); sum != h {
		return Set{}, fmt.Errorf("mnist: corrupt: pixels have CRC-32 %08x, header says %08x", sum, h)
	}
	return Set{Digit: int(b[10]), Split: Split(b[11]), Pixels: append([]byte(nil), pixels...)}, nil
}

// Extract returns the images of one digit from an MNIST file's images and
// labels, in the file's order: the first limit of them, or all if limit is
// 0. images[i] is image i, Dim pixels, and labels[i] its digit. It returns
// an error if digit is not 0 to 9, split is not Train or Test, limit is
// negative or more than the digit's images, the images and labels differ
// in number, an image is not Dim pixels, a label is not 0 to 9, or the set
// is empty or holds more than MaxImages.
func Extract(images [][]byte, labels []uint8, digit int, split Split, limit int) (Set, error) {
	if digit < 0 || digit > 9 {
		return Set{}, fmt.Errorf("mnist: digit is %d, must be 0 to 9", digit)
	}
	if split != Train && split != Test {
		return Set{}, fmt.Errorf("mnist: split is %d, must be %d (train) or %d (test)", split, Train, Test)
	}
	if limit < 0 {
		return Set{}, fmt.Errorf("mnist: limit is %d, must be at least 0 (0 for all)", limit)
	}
	if len(images) != len(labels) {
		return Set{}, fmt.Errorf("mnist: %d images and %d labels", len(images), len(labels))
	}
	s := Set{Digit: digit, Split: split}
	found := 0
	for i, l := range labels {
		if l > 9 {
			return Set{}, fmt.Errorf("mnist: label %d of image %d is not a digit", l, i)
		}
		if len(images[i]) != Dim {
			return Set{}, fmt.Errorf("mnist: image %d has %d pixels, want %d", i, len(images[i]), Dim)
		}
		if int(l) != digit {
			continue
		}
		found++
		if limit == 0 || found <= limit {
			s.Pixels = append(s.Pixels, images[i]...)
		}
	}
	if limit > found {
		return Set{}, fmt.Errorf("mnist: limit is %d, but the %s file has %d images of %d", limit, split, found, digit)
	}
	if err := s.Validate(); err != nil {
		return Set{}, err
	}
	return s, nil
}
