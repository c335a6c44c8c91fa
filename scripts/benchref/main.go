// Command benchref puts the engine's benchmarks beside reference
// implementations measured in the same run on the same machine, since the
// machines are shared and absolute times drift: it reads `go test -bench`
// output on stdin, prints the median of each benchmark, then times the
// article's recipe as a plain JavaScript loop (Node) and with numpy (when
// python3 has it), and prints the ratios.
//
//	go test -run=NONE -bench=. -count=5 ./engine/... | go run ./scripts/benchref -runs 3
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	runs := flag.Int("runs", 3, "runs of each reference")
	flag.Parse()
	names, times := readBench(os.Stdin)
	fmt.Println("benchmark medians:")
	for _, n := range names {
		fmt.Printf("  %-44s %s  (%d runs)\n", n, fmtNs(median(times[n])), len(times[n]))
	}
	dir := sourceDir()
	refs := []struct {
		name string
		cmds []string // the first that runs is used
		file string
	}{
		{"plain JavaScript loop (Node)", []string{"node"}, "article.js"},
		// Debian's python3-numpy may sit beside another python3 on PATH.
		{"numpy (the article's stack)", []string{"python3", "/usr/bin/python3"}, "article.py"},
	}
	fmt.Println("\nthe article's recipe, references in this run:")
	for _, r := range refs {
		var secs []float64
		for _, cmd := range r.cmds {
			for range *runs {
				out, err := exec.Command(cmd, filepath.Join(dir, r.file)).Output()
				if err != nil {
					break
				}
				if s, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64); err == nil {
					secs = append(secs, s)
				}
			}
			if len(secs) > 0 {
				break
			}
		}
		if len(secs) == 0 {
			fmt.Printf("  %-30s not available (%s)\n", r.name, strings.Join(r.cmds, " or "))
			continue
		}
		ref := median(secs) * 1e9
		fmt.Printf("  %-30s %s\n", r.name, fmtNs(ref))
		for _, n := range names {
			if strings.HasPrefix(n, "BenchmarkArticleRecipe") {
				fmt.Printf("    %-44s %.2f× its time\n", n, median(times[n])/ref)
			}
		}
	}
}

// readBench collects ns/op per benchmark name, with the GOOS/GOARCH of the
// block it appeared in.
func readBench(f *os.File) ([]string, map[string][]float64) {
	var names []string
	times := map[string][]float64{}
	arch := runtime.GOOS + "/" + runtime.GOARCH
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		fmt.Println(line)
		if v, ok := strings.CutPrefix(line, "goos: "); ok {
			arch = v + "/" + strings.Split(arch, "/")[1]
		}
		if v, ok := strings.CutPrefix(line, "goarch: "); ok {
			arch = strings.Split(arch, "/")[0] + "/" + v
		}
		fields := strings.Fields(line)
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") || fields[3] != "ns/op" {
			continue
		}
		ns, err := strconv.ParseFloat(fields[2], 64)
		if err != nil {
			continue
		}
		name := fields[0] + " [" + arch + "]"
		if _, ok := times[name]; !ok {
			names = append(names, name)
		}
		times[name] = append(times[name], ns)
	}
	return names, times
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}

func fmtNs(ns float64) string { return time.Duration(ns).Round(time.Microsecond).String() }

// sourceDir returns this command's directory, where the references are.
func sourceDir() string {
	if _, err := os.Stat("scripts/benchref/article.js"); err == nil {
		return "scripts/benchref"
	}
	return "."
}
