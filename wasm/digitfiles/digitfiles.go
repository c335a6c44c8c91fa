//go:build js && wasm

// Package digitfiles fetches the MNIST preset's digit files, which the
// build writes into the site's mnist folder (scripts/mnistdata), and puts
// them on package mnist's shelf. The page fetches them only when a scene
// of the digits asks for them; the page's module and its training worker
// each fetch what they lack (the second from the browser's cache).
//
// Fetching blocks the calling goroutine while the browser's event loop
// runs on; it must never be called from a JavaScript callback itself.
package digitfiles

import (
	"errors"
	"fmt"
	"syscall/js"

	"advplay/engine/mnist"
)

// Folder is where the files are, relative to the page (and to the
// worker's script, which sits beside it).
const Folder = "mnist/"

// Fetch downloads the named files from Folder, all at once, and puts each
// on the shelf (mnist.Put). A file that another Fetch is downloading is
// waited for, not downloaded twice. It returns an error naming the first
// file that could not be downloaded or is not a digit file; the files
// before it stay on the shelf, where they do no harm.
func Fetch(names []string) error {
	fetch := js.Global().Get("fetch")
	if fetch.Type() != js.TypeFunction {
		return errors.New("this browser cannot fetch the digit files")
	}
	calls := make([]*download, len(names))
	for i, name := range names {
		calls[i] = begin(fetch, name)
	}
	for _, c := range calls {
		<-c.done
		if c.err != nil {
			return c.err
		}
	}
	return nil
}

// download is one file's download in progress: err is set when done is
// closed.
type download struct {
	done chan struct{}
	err  error
}

// inflight are the downloads in progress, by file name. js/wasm runs one
// goroutine at a time and never preempts it, so no lock guards it.
var inflight = map[string]*download{}

// begin starts downloading the file name, unless it is downloading
// already, and returns its download.
func begin(fetch js.Value, name string) *download {
	if d, ok := inflight[name]; ok {
		return d
	}
	d := &download{done: make(chan struct{})}
	inflight[name] = d
	response := fetch.Invoke(Folder + name)
	go func() {
		b, err := read(response)
		if err != nil {
			d.err = fmt.Errorf("%s%s could not be downloaded: %w", Folder, name, err)
		} else {
			d.err = mnist.Put(name, b) // it names the file
		}
		delete(inflight, name)
		close(d.done)
	}()
	return d
}

// read waits for a fetch's response and returns its body.
func read(response js.Value) ([]byte, error) {
	r, err := await(response)
	if err != nil {
		return nil, err
	}
	if !r.Get("ok").Bool() {
		return nil, fmt.Errorf("HTTP %d", r.Get("status").Int())
	}
	buf, err := await(r.Call("arrayBuffer"))
	if err != nil {
		return nil, err
	}
	u8 := js.Global().Get("Uint8Array").New(buf)
	b := make([]byte, u8.Length())
	js.CopyBytesToGo(b, u8)
	return b, nil
}

// await blocks until promise settles and returns its value, or its
// rejection as an error.
func await(promise js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	done := make(chan result, 1)
	resolve := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- result{v: args[0]}
		return nil
	})
	reject := js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "the request failed"
		if e := args[0]; e.Type() == js.TypeObject && e.Get("message").Type() == js.TypeString {
			msg = e.Get("message").String()
		}
		done <- result{err: errors.New(msg)}
		return nil
	})
	defer resolve.Release()
	defer reject.Release()
	promise.Call("then", resolve, reject)
	r := <-done
	return r.v, r.err
}

// Promise returns a JavaScript promise that fetches the files names (in a
// goroutine of its own), then calls retry and resolves to what it returns.
// It rejects with an Error when the files cannot be fetched, or retry
// fails; wrap turns an error into the message the page sees.
func Promise(names []string, retry func() (any, error), wrap func(error) error) js.Value {
	executor := js.FuncOf(func(_ js.Value, args []js.Value) any {
		resolve, reject := args[0], args[1]
		go func() {
			err := Fetch(names)
			var v any
			if err == nil {
				v, err = retry()
			}
			if err != nil {
				reject.Invoke(js.Global().Get("Error").New(wrap(err).Error()))
				return
			}
			resolve.Invoke(v)
		}()
		return nil
	})
	// The executor runs at once, within New.
	defer executor.Release()
	return js.Global().Get("Promise").New(executor)
}
