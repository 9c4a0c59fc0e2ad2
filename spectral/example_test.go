package spectral_test

import (
	"fmt"
	"math"

	"github.com/hessgo/hessgo/spectral"
	"gonum.org/v1/gonum/mat"
)

func ExampleLanczos() {
	// The path graph Laplacian on 4 nodes: eigenvalues 2 − 2cos(kπ/4).
	a := mat.NewSymDense(4, []float64{
		1, -1, 0, 0,
		-1, 2, -1, 0,
		0, -1, 2, -1,
		0, 0, -1, 1,
	})
	res, err := spectral.Lanczos(spectral.NewDense(a), 2, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("largest: %.6f %.6f, converged: %v\n", res.Values[0], res.Values[1], res.Converged)

	res, err = spectral.Lanczos(spectral.NewDense(a), 1,
		&spectral.EigenSettings{Which: spectral.SmallestAlgebraic})
	if err != nil {
		fmt.Println(err)
		return
	}
	// The smallest eigenvalue, 0, is found to rounding error, of either sign.
	fmt.Printf("smallest: %.6f\n", math.Abs(res.Values[0]))
	// Output:
	// largest: 3.414214 2.000000, converged: true
	// smallest: 0.000000
}

func ExampleHutchinson() {
	a := mat.NewSymDense(3, []float64{
		2, 1, 0,
		1, 3, 1,
		0, 1, 4,
	})
	res, err := spectral.Hutchinson(spectral.NewDense(a), &spectral.EstimatorSettings{Budget: 1000, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("trace ≈ %.1f ± %.1f with %d products (exact 9)\n", res.Trace, res.StdErr, res.Products)
	// Output:
	// trace ≈ 9.0 ± 0.1 with 1000 products (exact 9)
}
