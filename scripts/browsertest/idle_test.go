//go:build !js

package browsertest

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestIdleCPU measures what a page costs at rest with scripts/idlecpu: the
// CPU of a whole headless Chromium of its own over 10 s after settling,
// for a bare Ebiten page (the floor of any Ebiten game), play.html and
// the blog example with its four embeds, in one run. Each page must cost
// at most 1.5 times the floor, or 8 % of one core if that is more.
func TestIdleCPU(t *testing.T) {
	needBrowser(t)
	cmd := exec.Command("go", "run", "./scripts/idlecpu", "-dist", snapDir, "-settle", "6s", "-measure", "10s", "-chromium", chromiumPath)
	cmd.Dir = repoRoot
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("scripts/idlecpu: %v\n%s", err, out)
	}
	total := regexp.MustCompile(`^(\S+)\s+total\s+([0-9.]+) %.*memory ([0-9]+) MB PSS, ([0-9]+) figures`)
	cpu, pss, figures := map[string]float64{}, map[string]float64{}, map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		t.Logf("figure: idle CPU: %s", line)
		if m := total.FindStringSubmatch(line); m != nil {
			cpu[m[1]], _ = strconv.ParseFloat(m[2], 64)
			pss[m[1]], _ = strconv.ParseFloat(m[3], 64)
			figures[m[1]], _ = strconv.Atoi(m[4])
		}
	}
	// Memory, from the same run: one playground over the bare Ebiten page,
	// and each figure of the blog example beyond the first (the blog page
	// against play.html, spread over its started figures).
	const blog = "examples/blog-post.html"
	t.Logf("figure: memory: play.html costs %.0f MB PSS over the bare Ebiten page (target 25)", pss["play.html"]-pss["bare"])
	if n := figures[blog]; n > 1 {
		t.Logf("figure: memory: %s with %d figures started costs %.0f MB PSS over play.html, %.0f MB for each figure beyond the first (target 40)",
			blog, n, pss[blog]-pss["play.html"], (pss[blog]-pss["play.html"])/float64(n-1))
	}
	floor, ok := cpu["bare"]
	if !ok || len(cpu) != 3 {
		t.Fatalf("scripts/idlecpu printed %v, want bare and two pages", cpu)
	}
	limit := max(1.5*floor, 8)
	for page, c := range cpu {
		if page != "bare" && c > limit {
			t.Errorf("%s costs %.1f %% of a core at rest, more than %.1f %% (1.5 × the bare page's %.1f %%, or 8 %%)", page, c, limit, floor)
		}
	}
}
