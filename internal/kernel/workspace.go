// This file pools the packing buffers, so that a call in a steady state
// allocates nothing.

package kernel

import "sync"

const (
	maxWidth = 24           // the widest panel, in rows of A or columns of B
	maxTile  = 8 * maxWidth // the largest mr×nr tile
)

// workspace holds one worker's packed blocks and its scratch tile.
type workspace struct {
	a, b []float64
	tile []float64
}

var workspaces = sync.Pool{
	New: func() any { return &workspace{tile: make([]float64, maxTile)} },
}

// getWorkspace returns a workspace big enough for im to compute an m×n block
// of C with inner dimension k.
func getWorkspace(im *impl, m, n, k int) *workspace {
	ws := workspaces.Get().(*workspace)
	kb := min(im.kc, k)
	ws.a = grow(ws.a, roundUp(min(im.mc, m), im.mr)*kb)
	ws.b = grow(ws.b, roundUp(min(im.nc, n), im.nr)*kb)
	return ws
}

// putWorkspace returns ws to the pool.
func putWorkspace(ws *workspace) { workspaces.Put(ws) }

// grow returns x with length n, reallocating only if its capacity is short.
func grow(x []float64, n int) []float64 {
	if cap(x) < n {
		return make([]float64, n)
	}
	return x[:n]
}

// roundUp returns n rounded up to a multiple of q.
func roundUp(n, q int) int { return (n + q - 1) / q * q }
