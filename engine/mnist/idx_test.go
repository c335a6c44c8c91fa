package mnist_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"testing"

	"advplay/engine/mnist"
	"advplay/engine/mnist/mnisttest"
)

// The tests on MNIST itself read its IDX files from the GoMNIST module
// through package mnisttest, which imports package mnist: so they live in
// the external test package.

// The number of images of each digit in MNIST's training and test files,
// as Y. LeCun's page (http://yann.lecun.com/exdb/mnist/) and every count
// of the labels give them.
var (
	trainCounts = [10]int{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}
	testCounts  = [10]int{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}
)

// TestRealFiles makes the files scripts/mnistdata makes from the GoMNIST
// module, and checks each digit's counts, that every file decodes to what
// was encoded and is at most 400,000 bytes with gzip at its best
// compression (only 0-train.bin and 0-test.bin, the largest of each split:
// compressing all 20 takes 8 s, and scripts/mnistdata checks them all),
// and the bytes of all 20 files against their SHA-256, taken from the
// files the command wrote: the same MNIST gives the same files, of the
// same sizes.
func TestRealFiles(t *testing.T) {
	x := mnisttest.IDX(t)
	for split, counts := range [][10]int{trainCounts, testCounts} {
		for digit, want := range counts {
			s, err := mnist.Extract(x.Images[split], x.Labels[split], digit, mnist.Split(split), 0)
			if err != nil || s.Len() != want {
				t.Errorf("%s digit %d: %d images, %v; want %d", mnist.Split(split), digit, s.Len(), err, want)
			}
		}
	}
	// MNIST's first training image is a 5, its first test image a 7.
	if x.Labels[mnist.Train][0] != 5 || x.Labels[mnist.Test][0] != 7 {
		t.Errorf("first labels %d and %d, want 5 and 7", x.Labels[mnist.Train][0], x.Labels[mnist.Test][0])
	}
	sum := sha256.New()
	for digit := range 10 {
		files, err := x.Sets(mnist.DefaultTrainImages, digit)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range files {
			b, err := mnist.Encode(s)
			if err != nil {
				t.Fatal(err)
			}
			back, err := mnist.Decode(b)
			if err != nil || !bytes.Equal(back.Pixels, s.Pixels) || back.Digit != digit || back.Split != s.Split {
				t.Fatalf("%s: does not decode to itself: %v", mnist.FileName(digit, s.Split), err)
			}
			if digit == 0 {
				// The largest file of each split once compressed; the
				// hash below fixes the others' sizes.
				var gz bytes.Buffer
				w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
				w.Write(b)
				w.Close()
				if gz.Len() > 400_000 {
					t.Errorf("%s: %d bytes with gzip -9, over 400,000", mnist.FileName(digit, s.Split), gz.Len())
				}
			}
			sum.Write(b)
		}
	}
	const want = "0dc2a003616bbe2f195fb351fb530317fe1669a4f5d39606e6ce71c8f7ab5f6d"
	if got := fmt.Sprintf("%x", sum.Sum(nil)); got != want {
		t.Errorf("SHA-256 of the 20 files %s, want %s", got, want)
	}
}

// TestRealPair checks DefaultPair's sets from the real files
// (mnistsrc's IDX.Samples, through IDX.Sets and Pair.Samples): 2×2,000
// training and 1,010 + 1,028 test images with pixels in [0, 1], and the
// first training image of each class the first 3 and 7 of MNIST.
func TestRealPair(t *testing.T) {
	x := mnisttest.IDX(t)
	train, test, err := x.Samples(mnist.DefaultPair)
	if err != nil {
		t.Fatal(err)
	}
	if train.Len() != 4000 || test.Len() != 1010+1028 {
		t.Fatalf("%d training and %d test images, want 4000 and 2038", train.Len(), test.Len())
	}
	for _, v := range append(append([]float64(nil), train.X...), test.X...) {
		if !(v >= 0 && v <= 1) {
			t.Fatalf("pixel %v outside [0, 1]", v)
		}
	}
	first := func(digit int) []byte {
		for i, l := range x.Labels[mnist.Train] {
			if int(l) == digit {
				return x.Images[mnist.Train][i]
			}
		}
		return nil
	}
	for class, digit := range mnist.DefaultPair.Digits {
		row := train.Row(class * mnist.DefaultTrainImages)
		for q, v := range first(digit) {
			if row[q] != float64(v)/255 {
				t.Fatalf("class %d: pixel %d is %v, MNIST's first %d has %d/255", class, q, row[q], digit, v)
			}
		}
	}
}
