// Command compress writes precompressed copies of files for static hosts:
// name.gz (gzip, best compression) and name.br (brotli, quality 11), and
// prints each size.
//
//	go run ./scripts/compress dist/main.wasm
//
// Brotli comes from github.com/andybalholm/brotli, a pure Go port, since
// the standard library has only gzip.
package main

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/andybalholm/brotli"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: compress FILE...")
		os.Exit(2)
	}
	for _, name := range os.Args[1:] {
		if err := compress(name); err != nil {
			fmt.Fprintln(os.Stderr, "compress:", err)
			os.Exit(1)
		}
	}
}

func compress(name string) error {
	raw, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	// Brotli at its best takes over a minute on main.wasm; gzip runs beside
	// it on the other core.
	var gz int64
	var gzErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		gz, gzErr = write(name+".gz", raw, func(w io.Writer) (io.WriteCloser, error) {
			return gzip.NewWriterLevel(w, gzip.BestCompression)
		})
	})
	br, err := write(name+".br", raw, func(w io.Writer) (io.WriteCloser, error) {
		return brotli.NewWriterLevel(w, brotli.BestCompression), nil
	})
	wg.Wait()
	if err == nil {
		err = gzErr
	}
	if err != nil {
		return err
	}
	mb := func(n int64) string { return fmt.Sprintf("%.2f MB", float64(n)/1e6) }
	fmt.Printf("%s: %s raw, %s gzip, %s brotli\n", name, mb(int64(len(raw))), mb(gz), mb(br))
	return nil
}

// write compresses raw into path and returns the compressed size.
func write(path string, raw []byte, newWriter func(io.Writer) (io.WriteCloser, error)) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	zw, err := newWriter(f)
	if err == nil {
		_, err = zw.Write(raw)
		if cerr := zw.Close(); err == nil {
			err = cerr
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}
