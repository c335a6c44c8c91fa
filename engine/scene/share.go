package scene

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"advplay/engine/data"
)

// A scene travels in the URL hash as
//
//	s1.<base64url(deflate(record))>
//
// where the record holds the settings followed by the edits made to the
// preset's points: which were removed, which were moved where, and which
// were added. The preset's own points are regenerated from its seed, so a
// link to the article's 20,000 points with a few edits stays short, and
// every coordinate a visitor placed is stored exactly as its Quantum grid
// index.
//
// A scene above two dimensions, or with the chart in another mode than
// ChartEpsilon, travels as
//
//	s2.<base64url(deflate(record))>
//
// whose record has, between the model and the edits, the dimension d, the
// glyph pair and the chart mode, and whose moved and added points have d
// coordinates each. The preset's points are still regenerated, so a link
// to the glyphs or to the clouds in 1024 dimensions is as short as one in
// the plane, but each edited point costs d grid indices, about 2 to 3
// characters each after compression: a few hundred characters at d = 64,
// about 2 KB at d = 784. Points imported from a d-dimensional CSV all
// count as added, so their link holds them all (and may exceed what Decode
// accepts, maxHashLength: the CSV is the way to share those). Every other
// scene encodes as s1, exactly as before s2 existed.
const (
	hashPrefix  = "s1."
	hashPrefix2 = "s2."
)

// Limits that keep a hostile hash from costing memory or time.
const (
	maxHashLength  = 4 << 20 // characters
	maxRecordBytes = 16 << 20
	maxStringField = 64
)

// Encode returns the scene as a URL-hash string (without the "#"), which
// Decode turns back into the same scene with the same figures.
func (s *Scene) Encode() string {
	var w recordWriter
	st := s.settings
	w.str(st.Preset)
	w.uvarint(st.Seed)
	w.uvarint(uint64(st.N))
	w.float(st.Noise)
	w.float(st.Epsilon)
	w.str(string(st.Attack.Method))
	w.uvarint(uint64(st.Attack.Steps))
	w.float(st.Attack.StepSize)
	w.str(string(st.Attack.Norm))
	w.boolean(st.Attack.RandomStart)
	w.str(st.Recipe)
	w.boolean(st.Show.Arrows)
	w.boolean(st.Show.Shading)
	w.boolean(st.Show.Chart)
	w.boolean(st.Show.Theory)
	w.str(st.Show.Controls)
	w.uvarint(uint64(st.Class))
	w.str(st.Mode)
	s.encodeModel(&w)
	prefix := hashPrefix
	if st.Dimension != MinDimension || st.Chart.Mode != ChartEpsilon {
		prefix = hashPrefix2
		w.uvarint(uint64(st.Dimension))
		w.str(st.Glyphs)
		w.str(st.Chart.Mode)
	}

	// Edits to the preset's points.
	kept := make([]bool, s.baseLen())
	var moved, added []int
	for i, o := range s.origin {
		if o < 0 {
			added = append(added, i)
			continue
		}
		kept[o] = true
		if s.moved(i, o) {
			moved = append(moved, i)
		}
	}
	var removed []int
	for i, k := range kept {
		if !k {
			removed = append(removed, i)
		}
	}
	w.uvarint(uint64(len(removed)))
	prev := -1
	for _, b := range removed {
		w.uvarint(uint64(b - prev - 1))
		prev = b
	}
	w.uvarint(uint64(len(moved)))
	prev = -1
	for _, i := range moved {
		o := s.origin[i]
		w.uvarint(uint64(o - prev - 1))
		prev = o
		for _, v := range s.row(i) {
			w.varint(gridIndex(v))
		}
	}
	w.uvarint(uint64(len(added)))
	last := make([]int64, st.Dimension)
	for _, i := range added {
		// Coordinates relative to the previous added point, with the label
		// in the lowest bit of the first: clicked points cluster, and
		// small numbers deflate well.
		for j, v := range s.row(i) {
			k := gridIndex(v)
			if j == 0 {
				w.varint((k-last[j])*2 + int64(s.points[i].Label))
			} else {
				w.varint(k - last[j])
			}
			last[j] = k
		}
	}

	var buf bytes.Buffer
	zw, _ := flate.NewWriter(&buf, flate.BestCompression)
	zw.Write(w.buf)
	zw.Close()
	return prefix + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// baseLen returns the number of the preset's points.
func (s *Scene) baseLen() int {
	if s.high() {
		return s.hd.base.Len()
	}
	return len(s.base)
}

// moved reports whether point i differs from the preset's point o.
func (s *Scene) moved(i, o int) bool {
	if s.high() {
		return !slices.Equal(s.hd.samples.Row(i), s.hd.base.Row(o))
	}
	return s.points[i] != s.base[o]
}

// row returns the coordinates of point i: its d coordinates above two
// dimensions (not a copy), x and y in the plane.
func (s *Scene) row(i int) []float64 {
	if s.high() {
		return s.hd.samples.Row(i)
	}
	return []float64{s.points[i].X, s.points[i].Y}
}

// gridIndex returns k with Quantize(v) = k·Quantum.
func gridIndex(v float64) int64 { return int64(math.Round(v / Quantum)) }

// fromGrid returns the coordinate of grid index k, exactly as Quantize
// computes it.
func fromGrid(k int64) float64 { return float64(k) / (1 / Quantum) }

// Decode returns the scene a hash from Encode describes. A leading "#" is
// allowed. It returns an error saying what is wrong — not an advplay scene,
// truncated, corrupted, or a value out of range — for any other input, and
// never panics.
func Decode(hash string) (*Scene, error) {
	hash = strings.TrimPrefix(hash, "#")
	if len(hash) > maxHashLength {
		return nil, fmt.Errorf("the scene in the link is %d characters, more than %d", len(hash), maxHashLength)
	}
	extended := strings.HasPrefix(hash, hashPrefix2)
	if !strings.HasPrefix(hash, hashPrefix) && !extended {
		return nil, errors.New("the link's #fragment is not an advplay scene")
	}
	packed, err := base64.RawURLEncoding.DecodeString(hash[len(hashPrefix):])
	if err != nil {
		return nil, errors.New("the scene in the link is corrupted (bad base64)")
	}
	raw, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(packed)), maxRecordBytes+1))
	if err != nil {
		return nil, errors.New("the scene in the link is truncated or corrupted")
	}
	if len(raw) > maxRecordBytes {
		return nil, errors.New("the scene in the link is too large")
	}
	r := &recordReader{buf: raw}
	patch := Patch{
		"preset":  r.str(),
		"seed":    r.uvarintFloat(),
		"n":       r.uvarintFloat(),
		"noise":   r.float(),
		"epsilon": r.float(),
		"attack": Patch{
			"method":      r.str(),
			"steps":       r.uvarintFloat(),
			"stepSize":    r.float(),
			"norm":        r.str(),
			"randomStart": r.boolean(),
		},
		"training": Patch{"recipe": r.str()},
		"show": Patch{
			"arrows":   r.boolean(),
			"shading":  r.boolean(),
			"chart":    r.boolean(),
			"theory":   r.boolean(),
			"controls": r.str(),
		},
		"class": r.uvarintFloat(),
		"mode":  r.str(),
	}
	decodeModel(r, patch)
	// imported is the dimension of points imported from a CSV, which no
	// patch sets: they come with the edits.
	imported := 0
	if extended {
		d := r.uvarint()
		if patch["preset"] == "empty" && d != MinDimension {
			if r.err == nil && (d < MinDimension || d > MaxDimension) {
				return nil, fmt.Errorf("the scene in the link has a bad value: dimension: must be a whole number from %d to %d, got %d", MinDimension, MaxDimension, d)
			}
			imported = int(d)
		} else {
			patch["dimension"] = float64(d)
		}
		patch["glyphs"] = r.str()
		patch["chart"] = Patch{"mode": r.str()}
	}
	if r.err != nil {
		return nil, r.err
	}
	set := DefaultSettings()
	set.Preset, set.N = "empty", 0
	s, err := New(set)
	if err != nil {
		return nil, err
	}
	// The edits are applied before the one fit of the edited points.
	if err := s.apply(patch); err != nil {
		return nil, fmt.Errorf("the scene in the link has a bad value: %w", err)
	}
	if err := s.applyEdits(r, imported); err != nil {
		return nil, err
	}
	s.Flush()
	return s, nil
}

// applyEdits reads the edit lists and applies them to the freshly generated
// preset; imported is the dimension of added points on the empty preset
// above two dimensions, else 0.
func (s *Scene) applyEdits(r *recordReader, imported int) error {
	d := s.settings.Dimension
	if imported > 0 {
		d = imported
	}
	nb := s.baseLen()
	removed := make([]bool, nb)
	count := r.count(nb, "removed points")
	prev := -1
	for range count {
		b := prev + 1 + r.count(nb, "a removed point's index")
		if r.err == nil && b >= nb {
			return errors.New("the scene in the link removes a point that does not exist")
		}
		if r.err != nil {
			return r.err
		}
		removed[b], prev = true, b
	}
	movedTo := map[int][]float64{}
	count = r.count(nb, "moved points")
	prev = -1
	for range count {
		b := prev + 1 + r.count(nb, "a moved point's index")
		row := make([]float64, d)
		for j := range row {
			row[j] = fromGrid(r.varint())
		}
		if r.err != nil {
			return r.err
		}
		if b >= nb || removed[b] {
			return errors.New("the scene in the link moves a point that does not exist")
		}
		if err := checkRow(row, 0); err != nil {
			return fmt.Errorf("the scene in the link moves a point out of range: %w", err)
		}
		movedTo[b], prev = row, b
	}
	var out data.Samples
	if s.high() {
		out.X = make([]float64, 0, nb*d)
	}
	out.Dim = d
	origin := make([]int, 0, nb)
	for i := range nb {
		if removed[i] {
			continue
		}
		row, ok := movedTo[i]
		switch {
		case ok:
		case s.high():
			row = s.hd.base.Row(i)
		default:
			row = []float64{s.base[i].X, s.base[i].Y}
		}
		out.X = append(out.X, row...)
		out.Labels = append(out.Labels, uint8(s.baseLabel(i)))
		origin = append(origin, i)
	}
	count = r.count(min(MaxPoints, data.MaxCoordinates/d)-out.Len(), "added points")
	last := make([]int64, d)
	row := make([]float64, d)
	for range count {
		label := 0
		for j := range row {
			k := r.varint()
			if j == 0 {
				label = int(k & 1)
				k = (k - int64(label)) / 2
			}
			last[j] += k
			row[j] = fromGrid(last[j])
		}
		if r.err != nil {
			return r.err
		}
		if err := checkRow(row, label); err != nil {
			return fmt.Errorf("the scene in the link adds a point out of range: %w", err)
		}
		out.X = append(out.X, row...)
		out.Labels = append(out.Labels, uint8(label))
		origin = append(origin, -1)
	}
	if r.err != nil {
		return r.err
	}
	if len(r.buf) != r.pos {
		return errors.New("the scene in the link has trailing data")
	}
	switch {
	case imported > 0:
		s.setHigh(&highDim{base: data.Samples{Dim: d}, samples: out}, origin)
	case s.high():
		s.setHigh(&highDim{base: s.hd.base, samples: out, means: s.hd.means}, origin)
	default:
		s.points, _ = out.Points()
		s.origin = origin
		s.pointsChanged()
	}
	return nil
}

// baseLabel returns the label of the preset's point i.
func (s *Scene) baseLabel(i int) int {
	if s.high() {
		return s.hd.base.Label(i)
	}
	return s.base[i].Label
}

// checkRow checks the coordinates of a point, x and y in the plane (as
// checkPoint), x1 to xd above.
func checkRow(row []float64, label int) error {
	if len(row) == 2 {
		return checkPoint(row[0], row[1], label)
	}
	for j, v := range row {
		if _, err := coordinate(fmt.Sprintf("x%d", j+1), v); err != nil {
			return err
		}
	}
	return nil
}

// recordWriter builds the binary record.
type recordWriter struct{ buf []byte }

func (w *recordWriter) uvarint(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }
func (w *recordWriter) varint(v int64)   { w.buf = binary.AppendVarint(w.buf, v) }
func (w *recordWriter) float(v float64) {
	w.buf = binary.LittleEndian.AppendUint64(w.buf, math.Float64bits(v))
}
func (w *recordWriter) str(s string) {
	w.uvarint(uint64(len(s)))
	w.buf = append(w.buf, s...)
}
func (w *recordWriter) boolean(b bool) {
	if b {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}

// recordReader reads the record; after the first error every read
// returns a zero value and err keeps that first error.
type recordReader struct {
	buf []byte
	pos int
	err error
}

var errTruncated = errors.New("the scene in the link is truncated")

func (r *recordReader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func (r *recordReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.buf[r.pos:])
	if n <= 0 {
		r.fail(errTruncated)
		return 0
	}
	r.pos += n
	return v
}

// uvarintFloat reads an unsigned number as a JSON-style float64 for Apply,
// which checks its range.
func (r *recordReader) uvarintFloat() float64 { return float64(r.uvarint()) }

func (r *recordReader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.buf[r.pos:])
	if n <= 0 {
		r.fail(errTruncated)
		return 0
	}
	r.pos += n
	return v
}

func (r *recordReader) float() float64 {
	if r.err != nil || len(r.buf)-r.pos < 8 {
		r.fail(errTruncated)
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.buf[r.pos:]))
	r.pos += 8
	return v
}

func (r *recordReader) str() string {
	n := r.uvarint()
	if r.err != nil {
		return ""
	}
	if n > maxStringField || uint64(len(r.buf)-r.pos) < n {
		r.fail(errTruncated)
		return ""
	}
	s := string(r.buf[r.pos : r.pos+int(n)])
	r.pos += int(n)
	return s
}

func (r *recordReader) boolean() bool {
	if r.err != nil || r.pos >= len(r.buf) {
		r.fail(errTruncated)
		return false
	}
	b := r.buf[r.pos]
	r.pos++
	if b > 1 {
		r.fail(errors.New("the scene in the link is corrupted (bad flag)"))
	}
	return b == 1
}

// count reads a count or index that must not exceed limit.
func (r *recordReader) count(limit int, what string) int {
	v := r.uvarint()
	if r.err == nil && v > uint64(max(limit, 0)) {
		r.fail(fmt.Errorf("the scene in the link has too many %s", what))
		return 0
	}
	return int(v)
}
