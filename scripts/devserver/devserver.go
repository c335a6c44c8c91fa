// Package devserver serves a built advplay site the way a static host
// would: main.wasm as application/wasm, and the precompressed main.wasm.br
// or main.wasm.gz when the browser accepts them (and so for the digit
// files, mnist/*.bin). The dev server and the
// browser tests share it.
package devserver

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// Handler serves dir as a static site with precompressed variants.
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		switch {
		case strings.HasSuffix(r.URL.Path, ".wasm"):
			w.Header().Set("Content-Type", "application/wasm")
			if serveCompressed(w, r, dir) {
				return
			}
		case strings.HasSuffix(r.URL.Path, ".bin"):
			// The MNIST digit files.
			w.Header().Set("Content-Type", "application/octet-stream")
			if serveCompressed(w, r, dir) {
				return
			}
		}
		files.ServeHTTP(w, r)
	})
}

// serveCompressed serves path.br or path.gz when it exists and the client
// accepts it, and reports whether it did.
func serveCompressed(w http.ResponseWriter, r *http.Request, dir string) bool {
	accept := r.Header.Get("Accept-Encoding")
	for _, enc := range []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		if !strings.Contains(accept, enc.name) {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(filepath.Clean("/"+r.URL.Path))+enc.ext)
		f, err := os.Open(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return false
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return false
		}
		w.Header().Set("Content-Encoding", enc.name)
		w.Header().Add("Vary", "Accept-Encoding")
		http.ServeContent(w, r, r.URL.Path, st.ModTime(), f)
		return true
	}
	return false
}
