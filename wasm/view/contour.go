package view

// Segment is a line segment.
type Segment struct{ X0, Y0, X1, Y1 float64 }

// Contour returns the segments of the level line v = level of a grid of
// values sampled at integer points: values[r·cols+c] is v(c, r). It uses
// marching squares with linear interpolation along the cell edges; a
// saddle cell is resolved by the value at its centre. Coordinates are in
// grid units. It panics if len(values) != cols·rows.
func Contour(values []float64, cols, rows int, level float64) []Segment {
	if len(values) != cols*rows {
		panic("view: Contour: len(values) != cols·rows")
	}
	var out []Segment
	at := func(c, r int) float64 { return values[r*cols+c] - level }
	// cross returns where v crosses zero between (x0,y0) with value a and
	// (x1,y1) with value b.
	cross := func(x0, y0, a, x1, y1, b float64) (float64, float64) {
		t := a / (a - b)
		return x0 + t*(x1-x0), y0 + t*(y1-y0)
	}
	for r := 0; r+1 < rows; r++ {
		for c := 0; c+1 < cols; c++ {
			// Corners counter-clockwise from the top left: a b / d c.
			a, b, cc, d := at(c, r), at(c+1, r), at(c+1, r+1), at(c, r+1)
			x, y := float64(c), float64(r)
			var pts [4][2]float64
			n := 0
			add := func(px, py float64) { pts[n] = [2]float64{px, py}; n++ }
			// The edges in order top, right, bottom, left.
			if (a > 0) != (b > 0) {
				add(cross(x, y, a, x+1, y, b))
			}
			if (b > 0) != (cc > 0) {
				add(cross(x+1, y, b, x+1, y+1, cc))
			}
			if (cc > 0) != (d > 0) {
				add(cross(x+1, y+1, cc, x, y+1, d))
			}
			if (d > 0) != (a > 0) {
				add(cross(x, y+1, d, x, y, a))
			}
			switch n {
			case 2:
				out = append(out, Segment{pts[0][0], pts[0][1], pts[1][0], pts[1][1]})
			case 4:
				// A saddle: top-left and bottom-right share a sign. Join
				// the crossings around the corners that differ from the
				// centre's sign.
				if centre := (a + b + cc + d) / 4; (centre > 0) == (a > 0) {
					out = append(out, Segment{pts[0][0], pts[0][1], pts[1][0], pts[1][1]},
						Segment{pts[2][0], pts[2][1], pts[3][0], pts[3][1]})
				} else {
					out = append(out, Segment{pts[3][0], pts[3][1], pts[0][0], pts[0][1]},
						Segment{pts[1][0], pts[1][1], pts[2][0], pts[2][1]})
				}
			}
		}
	}
	return out
}
