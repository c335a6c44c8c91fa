// Command experiment runs the article's experiment without a browser: it
// generates (or reads) the two clouds, trains logistic regression, attacks
// every point and prints the error at each ε.
//
//	go run ./scripts/experiment                        # the article's table
//	go run ./scripts/experiment -recipe converged -json
//	go run ./scripts/experiment -data points.csv -eps 0,0.1,0.3
//	go run ./scripts/experiment -dimension 64 -eps 0,0.1,0.2
//	go run ./scripts/experiment -preset glyphs -glyphs 37 -eps 0,0.05,0.1
//	go run ./scripts/experiment -scene 'https://…/play.html#s1.…'
//	go run ./scripts/experiment -scene '#s1.…' -poster scene.png -theme dark
//
// With -dimension it carries the clouds to d dimensions, and with -preset
// glyphs it draws 28×28 images of two characters (d = 784, package
// glyphs); there the fit is L-BFGS to convergence, the attack its closed
// form counted in d dimensions, and the table adds the closed forms of
// package theory: for this fit, and on the clouds for the best line. With
// -scene it runs a scene shared from the browser instead: its data, model
// and attack. It uses the same engine as the browser (package scene), so
// the same scene gives the same numbers in both. With -poster it also
// renders the scene it ran to a PNG, the picture the page draws
// (package wasm/poster), and reports its size.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
