package readout

import (
	"fmt"

	"advplay/engine/data"
)

// The sentences the plot's live region reads after a key: what the key
// did, with the figures a listener needs to follow it.

// Added says that p was added; all is every point now, for the tally.
func Added(p data.Point, all []data.Point) string {
	return fmt.Sprintf("Added a %s; %s.", mark(p), Tally(all))
}

// Removed says that p was removed; all is every point left.
func Removed(p data.Point, all []data.Point) string {
	return fmt.Sprintf("Removed the %s; %s.", mark(p), Tally(all))
}

// PickedUp says that p was picked up, and which keys go on from there.
func PickedUp(p data.Point) string {
	return fmt.Sprintf("Picked up the %s. Arrows move it, Space puts it down, Escape puts it back.", mark(p))
}

// Carrying says where the carried point p is now.
func Carrying(p data.Point) string { return "Moving the point to " + at(p.X, p.Y) + "." }

// PutDown says where the carried point p was put down.
func PutDown(p data.Point) string { return "Put the point down at " + at(p.X, p.Y) + "." }

// PutBack says that the carried point p went back where it was.
func PutBack(p data.Point) string { return "Put the point back at " + at(p.X, p.Y) + "." }

// Zoomed says which way the view zoomed and what it shows now: x from
// minX to maxX, y from minY to maxY.
func Zoomed(in bool, minX, maxX, minY, maxY float64) string {
	way := "out"
	if in {
		way = "in"
	}
	return fmt.Sprintf("Zoomed %s: x from %s to %s, y from %s to %s.", way, num(minX), num(maxX), num(minY), num(maxY))
}

// Fitted says that the view was fitted to the points.
const Fitted = "Fitted the view to the points."

// Sentence makes a phrase, such as why a key did nothing, a sentence:
// capitalized, with a full stop.
func Sentence(phrase string) string { return capitalize(phrase) + "." }

// mark names a point by class, shape and place: "red circle at (1.00, 2.00)".
func mark(p data.Point) string {
	return fmt.Sprintf("%s %s at %s", ClassName(p.Label), Shape(p.Label), at(p.X, p.Y))
}

func at(x, y float64) string { return fmt.Sprintf("(%s, %s)", num(x), num(y)) }
