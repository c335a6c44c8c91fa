// Command serve serves a built advplay site (dist/) for development, the
// way a static host would: main.wasm as application/wasm, and the
// precompressed main.wasm.br or main.wasm.gz when the browser accepts them.
//
//	go run ./scripts/serve -dir dist -addr localhost:8080
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"

	"advplay/scripts/devserver"
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
	base := "http://" + displayAddr(*addr, ln.Addr())
	fmt.Printf("advplay is at %s/ (the story) and %s/play.html (the playground alone); Ctrl-C stops\n", base, base)
	log.Fatal(http.Serve(ln, devserver.Handler(*dir)))
}

// displayAddr is the address to print: the host as the user gave it, so that
// "localhost" stays "localhost", with the port actually bound (for ":0").
// A wildcard host prints as localhost.
func displayAddr(given string, bound net.Addr) string {
	host, _, err := net.SplitHostPort(given)
	_, port, err2 := net.SplitHostPort(bound.String())
	if err != nil || err2 != nil {
		return bound.String()
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
