package glyphs_test

import (
	"fmt"

	"advplay/engine/glyphs"
)

func ExampleConfig_Means() {
	c := glyphs.Default
	means, err := c.Means()
	fmt.Println(len(means[0]), len(means[1]), err)
	c.Pair = "33"
	_, err = c.Means()
	fmt.Println(err)
	// Output:
	// 784 784 <nil>
	// glyphs: pair "33" is not two distinct characters
}
