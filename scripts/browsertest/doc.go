// Package browsertest holds advplay's browser tests: they serve the built
// site in dist/ (run `make build` first) and drive play.html and
// index.html in real headless Chromium (/usr/bin/chromium) through
// chromedp.
//
//	make browser
//	go test -count=1 -v ./scripts/browsertest
//
// Without Chromium the tests skip, unless ADVPLAY_REQUIRE_BROWSER=1 (set
// by .ci/run), when they fail. Screenshots go to
// scripts/browsertest/screenshots/, which git ignores.
//
// The tests are in _test.go files, built everywhere but js/wasm: chromedp
// does not build there. main_test.go is the harness: the browser, the
// site served from a snapshot of dist/ (by the package's server, or by a
// test's own with host pages of its own), tabs, waits and console checks.
// api_test.go holds State, advplay.state() decoded; every other file
// covers one feature, such as the scene in the URL (url_test.go),
// embedding (embed_test.go) or postMessage (message_test.go).
package browsertest
