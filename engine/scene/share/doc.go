// Package share carries a scene in a link: the URL fragment a visitor
// shares, a page embeds, the command line reads (-scene) and the page's
// worker trains. A scene travels as
//
//	s1.<base64url(deflate(record))>
//
// where the record holds the settings, in the order of scene.Fields, then
// the edits made to the preset's points (scene.Edits): which were removed,
// which were moved where, and which were added. The preset's own points
// are regenerated from its seed, so a link to the article's 20,000 points
// with a few edits stays short, and every coordinate a visitor placed is
// stored exactly as its grid index (scene.Quantum).
//
// A scene above two dimensions, or with the chart in another mode than
// ChartEpsilon, travels as
//
//	s2.<base64url(deflate(record))>
//
// whose record also has the fields of link record 2 (the dimension d, the
// glyph pair and the chart mode) after the others, and whose moved and
// added points have d coordinates each. The preset's points are still
// regenerated, so a link to the glyphs or to the clouds in 1024 dimensions
// is as short as one in the plane, but each edited point costs d grid
// indices, about 2 to 3 characters each after compression: a few hundred
// characters at d = 64, about 2 KB at d = 784. Points imported from a
// d-dimensional CSV all count as added, so their link holds them all (and
// may exceed what Decode accepts, MaxLength: the CSV is the way to share
// those). Every other scene encodes as s1, exactly as before s2 existed.
//
// A scene of the MNIST preset travels as
//
//	s3.<base64url(deflate(record))>
//
// whose record also has the fields of link record 3 (the digit pair)
// after those of record 2. Its points are MNIST's test digits, which are
// never edited: the link is its settings alone.
package share
