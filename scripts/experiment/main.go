// Command experiment runs the article's experiment without a browser: it
// generates (or reads) the two clouds, trains logistic regression, attacks
// every point and prints the error at each ε.
//
//	go run ./scripts/experiment                        # the article's table
//	go run ./scripts/experiment -recipe converged -json
//	go run ./scripts/experiment -data points.csv -eps 0,0.1,0.3
//	go run ./scripts/experiment -scene 'https://…/play.html#s1.…'
//
// With -scene it runs a scene shared from the browser instead: its data,
// model and attack. It uses the same engine as the browser, so the same
// scene gives the same numbers in both.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
