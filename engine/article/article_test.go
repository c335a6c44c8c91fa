package article

import (
	"fmt"
	"testing"
)

// TestReportedError checks that ReportedError reads the table, row by row,
// and has nothing for an ε the article does not report.
func TestReportedError(t *testing.T) {
	t.Parallel()
	for _, f := range Table() {
		if got, ok := ReportedError(f.Epsilon); !ok || got != f.Error {
			t.Errorf("ReportedError(%v) = %v, %v; want %v, true", f.Epsilon, got, ok, f.Error)
		}
	}
	if got, ok := ReportedError(0.3); ok {
		t.Errorf("ReportedError(0.3) = %v, true; the article reports no such row", got)
	}
}

func ExampleTable() {
	for _, f := range Table() {
		fmt.Printf("ε = %.1f: %.1f %%\n", f.Epsilon, 100*f.Error)
	}
	// Output:
	// ε = 0.0: 2.9 %
	// ε = 0.2: 7.6 %
	// ε = 0.5: 22.6 %
}
