package network_test

import (
	"fmt"

	"advplay/engine/data"
	"advplay/engine/network"
)

// stripes returns count 4×4 pictures: class 0 has its left half bright,
// class 1 its right half, each pixel with uniform noise up to 0.4.
func stripes(count int, seed uint64) data.Samples {
	rnd := data.NewRand(seed)
	s := data.Samples{Dim: 16, Labels: make([]uint8, count)}
	for i := range count {
		label := i % 2
		for px := range 16 {
			v := 0.4 * rnd.Float64()
			if (px%4 < 2) == (label == 0) {
				v += 0.6
			}
			s.X = append(s.X, v)
		}
		s.Labels[i] = uint8(label)
	}
	return s
}

// pgdTraining is the PGD recipe for longer: the 400 stripes make 13
// batches an epoch, the MNIST preset's 4,000 digits 125.
func pgdTraining() network.TrainConfig {
	c := network.PGDTraining(0.2)
	c.Epochs = 40
	return c
}

// Example trains a network plainly and on PGD points, a few batches per
// Step as a Web Worker does between its messages, and attacks both.
func Example() {
	train, test := stripes(400, 1), stripes(400, 2)
	pgd := network.Attack{Method: network.PGD, Epsilon: 0.2, Steps: 10, Seed: 1}
	for _, tc := range []struct {
		name string
		c    network.TrainConfig
	}{
		{"plain", network.TrainConfig{Epochs: 10}},
		{"PGD", pgdTraining()},
	} {
		n, err := network.New(train.Dim, network.Config{Hidden: []int{8}}, 1)
		if err != nil {
			panic(err)
		}
		tr, err := network.NewTrainer(n, train, tc.c)
		if err != nil {
			panic(err)
		}
		var p network.Progress
		for !p.Done {
			p = tr.Step(50)
		}
		attacked, err := pgd.ErrorRate(n, test)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s training, %d epochs: clean error %.1f %%, under %v %.1f %%\n",
			tc.name, p.Epoch, 100*n.ErrorRate(test), pgd, 100*attacked)
	}
	// Output:
	// plain training, 10 epochs: clean error 0.0 %, under PGD ε=0.2 (10×0.05) 93.2 %
	// PGD training, 40 epochs: clean error 0.0 %, under PGD ε=0.2 (10×0.05) 0.2 %
}
