package mlp_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/dataset"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/mlp"
	"github.com/hessgo/hessgo/ops"
	"github.com/hessgo/hessgo/optim"
)

// cubic is a model that is not a network: the polynomial
//
//	y = c₀ + c₁ x + c₂ x² + c₃ x³
//
// evaluated by Horner's rule with ops, with the mean squared error as loss.
type cubic struct{ c [4]*graph.Matrix }

func newCubic() *cubic {
	var m cubic
	for i := range m.c {
		m.c[i] = graph.NewMatrix(1, 1, nil)
	}
	return &m
}

func (m *cubic) Params() []*graph.Matrix { return m.c[:] }

func (m *cubic) ParamNames() []string { return []string{"c0", "c1", "c2", "c3"} }

func (m *cubic) Loss(g *graph.Graph, ps []*graph.Node, batch *dataset.Set) *graph.Node {
	x := g.Const(graph.NewMatrix(batch.N, 1, batch.X))
	y := g.Const(graph.NewMatrix(batch.N, 1, batch.Y))
	p := ps[3]
	for k := 2; k >= 0; k-- {
		p = ops.Add(ops.Mul(p, x), ps[k])
	}
	return ops.MSE(p, y)
}

// Example_customModel trains a model built by hand from ops with the same
// loop as the networks, saves and reloads it, and takes its Hessian
// column by column with Hessian-vector products.
func Example_customModel() {
	const n = 64
	data := &dataset.Set{N: n, D: 1, T: 1, X: make([]float64, n), Y: make([]float64, n)}
	for i := range n {
		x := -1 + 2*float64(i)/(n-1)
		data.X[i], data.Y[i] = x, 1-2*x+0.5*x*x*x
	}

	m := newCubic()
	opt := optim.NewAdam(0.05)
	hist, err := mlp.Train(m, opt, data, mlp.TrainOptions{Epochs: 400, BatchSize: 16, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("loss under 1e-9 after %d epochs: %v\n", len(hist), hist[len(hist)-1].Loss < 1e-9)
	fmt.Println("coefficients", rounded(mlp.Flat(m)))

	// Save, then load into a fresh model.
	path := filepath.Join(os.TempDir(), "cubic.safetensors")
	defer os.Remove(path)
	if err := mlp.Save(path, m); err != nil {
		fmt.Println(err)
		return
	}
	back := newCubic()
	if err := mlp.Load(path, back); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("reloaded", rounded(mlp.Flat(back)))

	// Column j of the Hessian is H eⱼ, forward over reverse. For this
	// loss it is 2 mean(x^(i+j)) whatever the coefficients.
	g := graph.New()
	ps := mlp.ParamNodes(g, back)
	grads := autodiff.RecordGrad(back.Loss(g, ps, data), ps...)
	for j := range 4 {
		e := make([]float64, 4)
		e[j] = 1
		col := autodiff.JVP(grads, ps, mlp.Split(e, back.Params()))
		h := []float64{col[0].Data[0], col[1].Data[0], col[2].Data[0], col[3].Data[0]}
		fmt.Printf("H e%d = %v\n", j, rounded(h))
	}
	// Output:
	// loss under 1e-9 after 400 epochs: true
	// coefficients [1 -2 0 0.5]
	// reloaded [1 -2 0 0.5]
	// H e0 = [2 0 0.688 0]
	// H e1 = [0 0.688 0 0.426]
	// H e2 = [0.688 0 0.426 0]
	// H e3 = [0 0.426 0 0.313]
}

// rounded returns v rounded to 3 decimals, with -0 made 0, for printing.
func rounded(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = math.Round(x*1000)/1000 + 0
	}
	return out
}

// Example trains a small network on XOR and prints its outputs.
func Example() {
	data := &dataset.Set{N: 4, D: 2, T: 1,
		X: []float64{0, 0, 0, 1, 1, 0, 1, 1},
		Y: []float64{0, 1, 1, 0}}
	m := mlp.New(mlp.Config{
		Sizes:       []int{2, 8, 1},
		Activations: []mlp.Activation{mlp.Tanh, mlp.Identity},
		Init:        mlp.Glorot,
		Loss:        mlp.MSE,
		Seed:        1,
	})
	fmt.Println(m.ParamNames(), mlp.NumParams(m))

	_, err := mlp.Train(m, optim.NewAdam(0.05), data, mlp.TrainOptions{Epochs: 500, BatchSize: 4})
	if err != nil {
		fmt.Println(err)
		return
	}
	out := m.Predict(graph.NewMatrix(4, 2, data.X))
	fmt.Println(rounded(out.Data))
	// Output:
	// [layer0.weight layer0.bias layer1.weight layer1.bias] 33
	// [0 1 1 0]
}
