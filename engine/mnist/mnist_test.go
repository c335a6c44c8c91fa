package mnist

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"strings"
	"testing"
)

// fixture returns a Set of n images of the digit whose pixel p of image i
// is (7i + 3p) mod 256: every byte value occurs, and no two images are
// alike.
func fixture(digit int, split Split, n int) Set {
	s := Set{Digit: digit, Split: split, Pixels: make([]byte, n*Dim)}
	for i := range n {
		for p := range Dim {
			s.Pixels[i*Dim+p] = byte(7*i + 3*p)
		}
	}
	return s
}

// TestEncodeDecode checks that Decode returns what Encode was given, and
// the header's layout byte by byte as Encode's doc gives it.
func TestEncodeDecode(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		digit int
		split Split
		n     int
	}{{0, Train, 1}, {9, Test, 3}, {3, Train, 300}} {
		s := fixture(c.digit, c.split, c.n)
		b, err := Encode(s)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) != HeaderSize+c.n*Dim {
			t.Fatalf("%d images: %d bytes, want %d", c.n, len(b), HeaderSize+c.n*Dim)
		}
		want := []byte("ADVMNIST")
		want = binary.BigEndian.AppendUint16(want, 1)
		want = append(want, byte(c.digit), byte(c.split))
		want = binary.BigEndian.AppendUint16(want, 28)
		want = binary.BigEndian.AppendUint16(want, 28)
		want = binary.BigEndian.AppendUint32(want, uint32(c.n))
		want = binary.BigEndian.AppendUint32(want, crc32.ChecksumIEEE(s.Pixels))
		if !bytes.Equal(b[:HeaderSize], want) {
			t.Errorf("header % x, want % x", b[:HeaderSize], want)
		}
		got, err := Decode(b)
		if err != nil {
			t.Fatal(err)
		}
		if got.Digit != c.digit || got.Split != c.split || !bytes.Equal(got.Pixels, s.Pixels) || got.Len() != c.n {
			t.Errorf("decoded digit %d split %v, %d images; want %d %v %d", got.Digit, got.Split, got.Len(), c.digit, c.split, c.n)
		}
		// The pixels are a copy.
		b[HeaderSize] ^= 1
		if got.Pixels[0] != s.Pixels[0] {
			t.Error("the decoded pixels alias the input")
		}
	}
}

// TestDecodeErrors corrupts a valid file of two images in each way Decode
// names, and checks that the error says so.
func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	good, err := Encode(fixture(4, Test, 2))
	if err != nil {
		t.Fatal(err)
	}
	edit := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	for _, c := range []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "truncated header: 0 bytes"},
		{"other file", []byte("\x1f\x8b\x08\x00 gzip"), "bad magic"},
		{"magic only", []byte("ADVMN"), "truncated header"},
		{"short header", good[:HeaderSize-1], "truncated header"},
		{"magic", edit(func(b []byte) []byte { b[0] = 'a'; return b }), "bad magic"},
		{"version", edit(func(b []byte) []byte { b[9] = 2; return b }), "version 2"},
		{"digit", edit(func(b []byte) []byte { b[10] = 10; return b }), "digit 10"},
		{"split", edit(func(b []byte) []byte { b[11] = 2; return b }), "split 2"},
		{"width", edit(func(b []byte) []byte { b[13] = 27; return b }), "27×28"},
		{"height", edit(func(b []byte) []byte { b[14] = 1; return b }), "28×284"},
		{"no images", edit(func(b []byte) []byte { binary.BigEndian.PutUint32(b[16:], 0); return b }), "count 0"},
		{"huge count", edit(func(b []byte) []byte { binary.BigEndian.PutUint32(b[16:], 1<<31); return b }), "count 2147483648"},
		{"one image too many", edit(func(b []byte) []byte { binary.BigEndian.PutUint32(b[16:], 3); return b }), "truncated"},
		{"truncated", good[:len(good)-1], "truncated: 1567 bytes"},
		{"trailing", append(append([]byte(nil), good...), 0), "1 trailing bytes"},
		{"corrupt pixel", edit(func(b []byte) []byte { b[len(b)-1] ^= 0x40; return b }), "corrupt"},
		{"corrupt checksum", edit(func(b []byte) []byte { b[23]++; return b }), "corrupt"},
	} {
		s, err := Decode(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "mnist: ") {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.want)
		}
		if s.Pixels != nil || s.Digit != 0 {
			t.Errorf("%s: a set came back with the error", c.name)
		}
	}
}

func TestEncodeErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		s    Set
		want string
	}{
		{"digit", Set{Digit: -1, Pixels: make([]byte, Dim)}, "digit is -1"},
		{"split", Set{Split: 2, Pixels: make([]byte, Dim)}, "split is 2"},
		{"partial image", Set{Pixels: make([]byte, Dim+1)}, "whole images"},
		{"empty", Set{}, "0 images"},
		{"too many", Set{Pixels: make([]byte, (MaxImages+1)*Dim)}, "10001 images"},
	} {
		if _, err := Encode(c.s); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.want)
		}
	}
}

func TestFileName(t *testing.T) {
	t.Parallel()
	if got := FileName(3, Train); got != "3-train.bin" {
		t.Errorf("FileName(3, Train) = %q", got)
	}
	if got := FileName(7, Test); got != "7-test.bin" {
		t.Errorf("FileName(7, Test) = %q", got)
	}
	for _, c := range []struct {
		digit int
		split Split
	}{{10, Train}, {-1, Test}, {3, 2}} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.HasPrefix(fmt.Sprint(r), "mnist: ") {
					t.Errorf("FileName(%d, %d): panic %v, want one from package mnist", c.digit, c.split, r)
				}
			}()
			FileName(c.digit, c.split)
		}()
	}
	want := [4]string{"3-train.bin", "3-test.bin", "7-train.bin", "7-test.bin"}
	if got := DefaultPair.FileNames(); got != want {
		t.Errorf("DefaultPair.FileNames() = %v, want %v", got, want)
	}
}

// TestExtract checks that Extract keeps the images of its digit in order,
// the first limit of them, on labels 0 1 2 0 1 0 whose image i is filled
// with the byte i.
func TestExtract(t *testing.T) {
	t.Parallel()
	labels := []uint8{0, 1, 2, 0, 1, 0}
	images := make([][]byte, len(labels))
	for i := range images {
		images[i] = bytes.Repeat([]byte{byte(i)}, Dim)
	}
	for _, c := range []struct {
		digit, limit int
		want         []byte // the first pixel of each image
	}{{0, 0, []byte{0, 3, 5}}, {0, 2, []byte{0, 3}}, {1, 1, []byte{1}}, {2, 0, []byte{2}}} {
		s, err := Extract(images, labels, c.digit, Test, c.limit)
		if err != nil {
			t.Fatalf("digit %d limit %d: %v", c.digit, c.limit, err)
		}
		var got []byte
		for i := range s.Len() {
			got = append(got, s.Image(i)[0])
		}
		if !bytes.Equal(got, c.want) || s.Digit != c.digit || s.Split != Test {
			t.Errorf("digit %d limit %d: images %v, want %v", c.digit, c.limit, got, c.want)
		}
	}
	for _, c := range []struct {
		name   string
		images [][]byte
		labels []uint8
		digit  int
		split  Split
		limit  int
		want   string
	}{
		{"digit", images, labels, 10, Train, 0, "digit is 10"},
		{"split", images, labels, 0, 5, 0, "split is 5"},
		{"negative limit", images, labels, 0, Train, -1, "limit is -1"},
		{"limit over", images, labels, 0, Train, 4, "3 images of 0"},
		{"absent digit", images, labels, 7, Train, 0, "0 images"},
		{"count", images, labels[:5], 0, Train, 0, "6 images and 5 labels"},
		{"label", images, []uint8{0, 1, 2, 0, 1, 11}, 0, Train, 0, "label 11"},
		{"image size", append(images[:5:5], make([]byte, 10)), labels, 0, Train, 0, "10 pixels"},
	} {
		if _, err := Extract(c.images, c.labels, c.digit, c.split, c.limit); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.want)
		}
	}
}

// TestPairSamples checks the assembled sets on fixtures: sizes, labels,
// the order (class 0 first, the first N training images) and the scaling
// v/255.
func TestPairSamples(t *testing.T) {
	t.Parallel()
	sets := []Set{fixture(7, Test, 3), fixture(3, Train, 5), fixture(7, Train, 4), fixture(3, Test, 2), fixture(1, Train, 1)}
	p := Pair{Digits: [2]int{3, 7}, N: 4}
	train, test, err := p.Samples(sets...)
	if err != nil {
		t.Fatal(err)
	}
	if err := train.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := test.Validate(); err != nil {
		t.Fatal(err)
	}
	if train.Dim != Dim || train.Len() != 8 || test.Len() != 5 {
		t.Fatalf("%d training and %d test points of dimension %d, want 8 and 5 of %d", train.Len(), test.Len(), train.Dim, Dim)
	}
	wantLabels := [][]uint8{{0, 0, 0, 0, 1, 1, 1, 1}, {0, 0, 1, 1, 1}}
	for k, s := range []struct {
		labels []uint8
		row    func(int) []float64
	}{{train.Labels, train.Row}, {test.Labels, test.Row}} {
		if !bytes.Equal(s.labels, wantLabels[k]) {
			t.Errorf("labels %v, want %v", s.labels, wantLabels[k])
		}
		for i := range s.labels {
			img := i // the image's index in its fixture
			if s.labels[i] == 1 {
				img -= len(wantLabels[k]) - countOnes(wantLabels[k])
			}
			for q, v := range s.row(i) {
				if want := float64(byte(7*img+3*q)) / 255; v != want {
					t.Fatalf("set %d point %d pixel %d: %v, want %v", k, i, q, v, want)
				}
			}
		}
	}
	if Scale(0) != 0 || Scale(255) != 1 || Scale(51) != 0.2 {
		t.Errorf("Scale(0, 255, 51) = %v, %v, %v; want 0, 1, 0.2", Scale(0), Scale(255), Scale(51))
	}
}

func countOnes(b []uint8) int {
	n := 0
	for _, v := range b {
		n += int(v)
	}
	return n
}

// TestPairErrors checks that a bad choice names its field.
func TestPairErrors(t *testing.T) {
	t.Parallel()
	sets := []Set{fixture(3, Train, 5), fixture(3, Test, 2), fixture(7, Train, 4), fixture(7, Test, 3)}
	for _, c := range []struct {
		name string
		p    Pair
		sets []Set
		want string
	}{
		{"same digit", Pair{Digits: [2]int{3, 3}, N: 1}, sets, "mnist: digits: 3 against itself"},
		{"not a digit", Pair{Digits: [2]int{3, 10}, N: 1}, sets, "mnist: digits: 10 is not a digit"},
		{"negative digit", Pair{Digits: [2]int{-1, 3}, N: 1}, sets, "mnist: digits: -1"},
		{"n zero", Pair{Digits: [2]int{3, 7}}, sets, "mnist: n is 0"},
		{"n too large", Pair{Digits: [2]int{3, 7}, N: 2552}, sets, "mnist: n is 2552, must be 1 to 2551"},
		{"n over a file", Pair{Digits: [2]int{3, 7}, N: 5}, sets, "mnist: n is 5, but the training file of digit 7 holds 4"},
		{"missing file", Pair{Digits: [2]int{3, 7}, N: 1}, sets[:3], "mnist: digits: no test file of digit 7"},
		{"missing digit", Pair{Digits: [2]int{3, 8}, N: 1}, sets, "mnist: digits: no train file of digit 8"},
		{"invalid file", Pair{Digits: [2]int{3, 7}, N: 1}, append(sets[:3:3], Set{Digit: 7, Split: Test, Pixels: make([]byte, 5)}), "of 28×28 (7-test.bin)"},
	} {
		_, _, err := c.p.Samples(c.sets...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.want)
		}
		if c.name != "n over a file" && !strings.HasPrefix(c.name, "missing") && c.name != "invalid file" {
			if err := c.p.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: Validate: %v, want %q", c.name, err, c.want)
			}
		}
	}
	if err := DefaultPair.Validate(); err != nil {
		t.Errorf("DefaultPair: %v", err)
	}
}

// FuzzDecode checks that Decode never panics, that an error comes with
// no set, and that an accepted file is valid and encodes back to the same
// bytes. The seed corpus is in testdata/fuzz/FuzzDecode; run with
//
//	go test ./engine/mnist -run=NONE -fuzz=FuzzDecode -fuzztime=1m
func FuzzDecode(f *testing.F) {
	for _, s := range []Set{fixture(0, Train, 1), fixture(9, Test, 2)} {
		b, _ := Encode(s)
		f.Add(b)
	}
	f.Add([]byte("ADVMNIST"))
	f.Fuzz(func(t *testing.T, in []byte) {
		s, err := Decode(in)
		if err != nil {
			if s.Pixels != nil || s.Digit != 0 || s.Split != 0 {
				t.Fatalf("error %v came with a set", err)
			}
			if !strings.HasPrefix(err.Error(), "mnist: ") {
				t.Fatalf("error %q lacks the package prefix", err)
			}
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("accepted an invalid set: %v", err)
		}
		out, err := Encode(s)
		if err != nil || !bytes.Equal(out, in) {
			t.Fatalf("re-encoding gives %d bytes (%v), not the %d decoded", len(out), err, len(in))
		}
	})
}
