package scene_test

import (
	"encoding/json"
	"fmt"

	"advplay/engine/scene"
	"advplay/engine/scene/share"
)

// A scene as the page and the command line run it: made from settings,
// changed by a patch (the JSON object advplay.set takes), read through its
// state, and shared as a link that decodes to the same scene.
func Example() {
	// The default: the article's clouds at 2×100 points, the converged
	// fit, FGSM at ε = 0.3.
	s, err := scene.New(scene.DefaultSettings())
	if err != nil {
		panic(err)
	}
	show := func() {
		st := s.State()
		m := st.Metrics
		fmt.Printf("%s at ε = %.1f: %d points, clean error %.1f %%, attacked %.1f %% (%d flipped)\n",
			st.Attack.Method, st.Epsilon, m.N, 100*m.CleanError, 100*m.AdversarialError, m.Flipped)
	}
	show()
	st := s.State()
	fmt.Printf("fitted by %s: w = (%.2f, %.2f), b = %.2f\n", st.Training.Method, st.Model.Weights[0], st.Model.Weights[1], st.Model.Bias)

	var patch scene.Patch
	if err := json.Unmarshal([]byte(`{"epsilon": 0.5, "attack": {"method": "pgd"}}`), &patch); err != nil {
		panic(err)
	}
	if err := s.Apply(patch); err != nil {
		panic(err)
	}
	show()

	// A bad value is refused with an error naming it, and changes nothing.
	fmt.Println(s.Apply(scene.Patch{"epsilon": 0.4, "attack": map[string]any{"method": "cw"}}))
	show()

	// The link's #fragment holds the settings and the edits; the points
	// are regenerated from the seed, and the model retrained.
	link := share.Encode(s)
	d, err := share.Decode(link)
	if err != nil {
		panic(err)
	}
	fmt.Printf("the link #%s… decodes to the same figures: %v\n", link[:3], d.State().Metrics == s.State().Metrics)
	// Output:
	// fgsm at ε = 0.3: 200 points, clean error 0.0 %, attacked 1.0 % (2 flipped)
	// fitted by newton: w = (4.91, 5.33), b = -9.78
	// pgd at ε = 0.5: 200 points, clean error 0.0 %, attacked 6.0 % (12 flipped)
	// attack.method: must be one of fgsm, fgm, pgd, got "cw"
	// pgd at ε = 0.5: 200 points, clean error 0.0 %, attacked 6.0 % (12 flipped)
	// the link #s1.… decodes to the same figures: true
}
