package optim_test

import (
	"fmt"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
	"github.com/hessgo/hessgo/optim"
)

// ExampleStateful saves Adam's state after two steps and restores it into
// a new Adam, which takes the third step exactly as the first would have.
func ExampleStateful() {
	f := func(g *graph.Graph, ps []*graph.Node) *graph.Node {
		return ops.Sum(ops.Square(ps[0])) // ‖θ‖²
	}
	theta := []*graph.Matrix{graph.NewMatrix(1, 2, []float64{1, -2})}
	a := optim.NewAdam(0.1)
	a.Step(f, theta)
	a.Step(f, theta)

	state, _ := a.MarshalBinary()
	b := optim.NewAdam(0.1)
	if err := b.UnmarshalBinary(state); err != nil {
		fmt.Println(err)
		return
	}
	b.Step(f, theta)
	fmt.Printf("steps %d, θ = %.4f\n", b.Steps(), theta[0].Data)

	fmt.Println(b.UnmarshalBinary(state[:10]))
	// Output:
	// steps 3, θ = [0.7016 -1.7006]
	// optim: Adam.UnmarshalBinary: bad optimiser state: 10 bytes without the state header
}
