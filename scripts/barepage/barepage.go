//go:build !js

// Package barepage builds the bare Ebiten page, scripts/idlecpu/bare,
// that advplay's costs are compared with: what any Ebiten game pays at
// rest (scripts/idlecpu) and for every frame it draws (the browser tests).
package barepage

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Build builds the bare page of the advplay module at root into a new
// temporary directory, which the caller removes: bare.html, bare.js,
// bare-busy.js, bare.wasm and Go's wasm_exec.js. It returns an error if
// the build fails or a file cannot be copied.
func Build(root string) (string, error) {
	dir, err := os.MkdirTemp("", "advplay-bare-")
	if err != nil {
		return "", err
	}
	src := filepath.Join(root, "scripts", "idlecpu", "bare")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(dir, "bare.wasm"), ".")
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("building the bare page: %w\n%s", err, out)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	for _, f := range []struct{ from, to string }{
		{filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"), "wasm_exec.js"},
		{filepath.Join(src, "bare.html"), "bare.html"},
		{filepath.Join(src, "bare.js"), "bare.js"},
		{filepath.Join(src, "bare-busy.js"), "bare-busy.js"},
	} {
		b, err := os.ReadFile(f.from)
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, f.to), b, 0o644)
		}
		if err != nil {
			os.RemoveAll(dir)
			return "", err
		}
	}
	return dir, nil
}
