// Command serve serves a built advplay site (dist/) for development, the
// way a static host would: main.wasm as application/wasm, and the
// precompressed main.wasm.br or main.wasm.gz when the browser accepts them.
//
//	go run ./scripts/serve -dir dist -addr localhost:8080
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	dir := flag.String("dir", "dist", "directory to serve")
	addr := flag.String("addr", "localhost:8080", "address to listen on")
	flag.Parse()
	if _, err := os.Stat(filepath.Join(*dir, "play.html")); err != nil {
		fmt.Fprintf(os.Stderr, "serve: %s has no play.html; run `make build` first\n", *dir)
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "serve: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("advplay is at http://%s/ (Ctrl-C stops)\n", ln.Addr())
	log.Fatal(http.Serve(ln, Handler(*dir)))
}

// Handler serves dir as a static site with precompressed variants.
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
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
