package safetensors_test

import (
	"bytes"
	"fmt"

	"github.com/hessgo/hessgo/safetensors"
)

func Example() {
	params := []safetensors.Tensor{
		{Name: "w", Shape: []int{2, 2}, Data: []float64{1, 2, 3, 4}},
		{Name: "b", Shape: []int{2}, Data: []float64{-0.5, 0.5}},
	}
	var buf bytes.Buffer
	if err := safetensors.Encode(&buf, params, map[string]string{"step": "10"}); err != nil {
		fmt.Println(err)
		return
	}

	tensors, meta, err := safetensors.Decode(&buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range tensors {
		fmt.Println(t.Name, t.Shape, t.Data)
	}
	fmt.Println(meta["step"])
	// Output:
	// b [2] [-0.5 0.5]
	// w [2 2] [1 2 3 4]
	// 10
}
