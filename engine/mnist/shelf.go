package mnist

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"advplay/engine/data"
)

// The shelf holds the digit files a program has read: the page puts each
// file it fetched there, the command line and the tests the files they
// made, and a scene of the MNIST preset takes its digits from it (Load).
// The files are MNIST's, the same for every scene, so one shelf serves
// them all; it is safe for concurrent use.
var shelf = struct {
	sync.Mutex
	sets map[string]Set
	// last is the pair Load assembled last, which a scene that only
	// changes its model or attack asks for again.
	last     Pair
	lastSets [2]data.Samples
}{sets: map[string]Set{}}

// Put decodes a file (Decode) and keeps it under its name, which must be
// the one FileName gives for the digit and split the file holds. It
// returns an error naming the file if the name is not a digit file's, the
// bytes do not decode, or they hold another digit or split than the name
// says; a file put again replaces the first.
func Put(name string, b []byte) error {
	s, err := Decode(b)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if want := FileName(s.Digit, s.Split); name != want {
		return fmt.Errorf("%s: the file holds the %s images of digit %d, which are %s", name, s.Split, s.Digit, want)
	}
	return PutSet(s)
}

// PutSet keeps a decoded set under its file name. It returns an error if
// the set is invalid (Set.Validate).
func PutSet(s Set) error {
	if err := s.Validate(); err != nil {
		return err
	}
	shelf.Lock()
	defer shelf.Unlock()
	shelf.sets[FileName(s.Digit, s.Split)] = s
	shelf.last = Pair{}
	return nil
}

// Missing returns the names of the files of p that are not on the shelf,
// in the order of Pair.FileNames. It panics if p's digits are not 0 to 9.
func Missing(p Pair) []string {
	shelf.Lock()
	defer shelf.Unlock()
	var out []string
	for _, name := range p.FileNames() {
		if _, ok := shelf.sets[name]; !ok {
			out = append(out, name)
		}
	}
	return out
}

// MissingError is Load's error when files of the pair are not on the
// shelf: the page fetches them and tries again.
type MissingError struct {
	Names []string
}

func (e *MissingError) Error() string {
	return "mnist: digits: the files " + strings.Join(e.Names, ", ") + " are not loaded"
}

// IsMissing reports whether err is, or wraps, a *MissingError, and
// returns it.
func IsMissing(err error) (*MissingError, bool) {
	var m *MissingError
	ok := errors.As(err, &m)
	return m, ok
}

// Load returns the training and test sets of p (Pair.Samples) from the
// files on the shelf. The sets are shared with every other caller of the
// same pair and must not be modified. It returns a *MissingError if files
// of p are not on the shelf, and Pair.Samples's errors otherwise.
func Load(p Pair) (train, test data.Samples, err error) {
	if err := p.Validate(); err != nil {
		return data.Samples{}, data.Samples{}, err
	}
	if names := Missing(p); len(names) > 0 {
		return data.Samples{}, data.Samples{}, &MissingError{Names: names}
	}
	shelf.Lock()
	defer shelf.Unlock()
	if shelf.last == p && shelf.lastSets[0].Dim != 0 {
		return shelf.lastSets[0], shelf.lastSets[1], nil
	}
	var sets []Set
	for _, name := range p.FileNames() {
		sets = append(sets, shelf.sets[name])
	}
	train, test, err = p.Samples(sets...)
	if err != nil {
		return data.Samples{}, data.Samples{}, err
	}
	shelf.last, shelf.lastSets = p, [2]data.Samples{train, test}
	return train, test, nil
}
