// This file splits a large product among worker goroutines.
//
// The workers are started once and wait on a channel, so a parallel call
// costs a channel send per worker and allocates nothing. C is cut along its
// rows or its columns, whichever has more micro-tiles, into chunks that fall
// on tile boundaries, one or a few per worker; the workers claim chunks in
// turn from a shared counter, and each packs its own blocks, except for a
// B that every chunk would pack alike: that one is packed once, its panels
// claimed in turn, before any chunk starts.
//
// On a virtual machine a goroutine that sleeps takes tens of microseconds
// to wake, as long as a whole product of the output layer. So a worker that
// has just finished polls the channel for a little while before it blocks,
// since the products of a sweep come close together, and the caller, done
// with its own chunks, polls for the helpers' end the same way. Claiming
// rather than assigning the chunks serves the same end: the caller starts
// at once, and a helper that wakes late takes fewer chunks instead of
// holding up the end. Since every entry of C is computed by one worker with
// the same order of k, which worker computes a chunk does not change the
// result.

package kernel

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// A product of fewer than fineMax multiply-adds is cut into chunksPerWorker
// chunks per worker: enough to even out a late start. A larger one is cut
// into one chunk per worker, since a late start is then a small part of
// each share, while finer chunks pack blocks again (A for a split by
// columns) and leave short blocks of rows at their edges.
const (
	fineMax         = 1 << 24
	chunksPerWorker = 3
	spinTime        = 100 * time.Microsecond // how long an idle worker polls
	maxHelpers      = 256                    // helpers whose jobs partCh holds unread
)

var (
	partCh    = make(chan *job, maxHelpers)
	helpersMu sync.Mutex
	helpers   int // worker goroutines started so far
	jobs      = sync.Pool{New: func() any { return &job{done: make(chan struct{}, 1)} }}
)

// job is the state that a parallel call shares with its helpers. It comes
// from a pool so that the caller's arguments need not escape to the heap.
type job struct {
	g      gemmArgs
	t      tiling
	byRows bool
	tiles  int          // micro-tiles along the split
	chunks int          // chunks the tiles are cut into
	next   atomic.Int64 // the next chunk to claim

	// The last helper to finish sends on done, which holds one token, so
	// that the caller can poll for the end rather than sleep on it.
	left atomic.Int64 // helpers still working
	done chan struct{}

	// When the chunks would each pack the same blocks of B, B is packed
	// once, into bufB, before any chunk starts: the workers claim its
	// panels in turn and wait until all are packed.
	panels     int          // panels of op(B) to pack first, or 0
	nextPanel  atomic.Int64 // the next panel to claim
	panelsDone atomic.Int64 // the panels packed so far
	bufB       []float64
}

// tiling is the kernel that a parallel product runs and its tile shape.
// The product is computed with the skinny kernel sk if that is not nil,
// else with im.
type tiling struct {
	im     *impl
	sk     *skinny
	mr, nr int
}

// startHelpers makes sure at least n helper goroutines are waiting on partCh.
func startHelpers(n int) {
	helpersMu.Lock()
	defer helpersMu.Unlock()
	for ; helpers < n; helpers++ {
		go helper()
	}
}

// helper works on jobs as they arrive, for the life of the program.
func helper() {
	for {
		j := nextJob()
		j.work()
		if j.left.Add(-1) == 0 {
			j.done <- struct{}{}
		}
	}
}

// nextJob returns the next job from partCh. It polls the channel for up to
// spinTime before it blocks: the products of a sweep come a few
// microseconds apart, and a helper that is still awake starts on the next
// at once, where waking a blocked one takes about as long as a small
// product.
func nextJob() *job { return spinRecv(partCh) }

// spinRecv receives from c, polling it for up to spinTime before it blocks.
func spinRecv[T any](c chan T) T {
	deadline := time.Now().Add(spinTime)
	for {
		for range 64 {
			select {
			case v := <-c:
				return v
			default:
			}
		}
		if time.Now().After(deadline) {
			return <-c
		}
		runtime.Gosched()
	}
}

// parallel computes the product on up to workers goroutines with the skinny
// kernel sk if that is not nil, else with im; the calling goroutine works
// on it too.
func (g *gemmArgs) parallel(im *impl, sk *skinny, workers int) {
	t := tiling{im: im, sk: sk}
	if sk != nil {
		t.mr, t.nr = sk.mr, sk.cols()
	} else {
		t.mr, t.nr = im.mr, im.nr
	}
	mt := (g.m + t.mr - 1) / t.mr
	nt := (g.n + t.nr - 1) / t.nr

	j := jobs.Get().(*job)
	j.g, j.t = *g, t
	j.byRows = mt >= nt
	j.tiles = nt
	if j.byRows {
		j.tiles = mt
	}
	j.chunks = workers
	if g.m*g.n*g.k < fineMax {
		j.chunks = workers * chunksPerWorker
	}
	j.chunks = min(j.chunks, j.tiles)
	j.next.Store(0)
	j.panels = 0
	if sk == nil && j.byRows && j.chunks > 1 && g.packsB(im) {
		j.panels = nt
		j.nextPanel.Store(0)
		j.panelsDone.Store(0)
		j.bufB = grow(j.bufB, nt*t.nr*g.k)
		j.g.packedB = j.bufB
	}
	workers = min(workers, j.chunks)
	startHelpers(workers - 1)

	j.left.Store(int64(workers - 1))
	for w := 1; w < workers; w++ {
		partCh <- j
	}
	j.work()
	if workers > 1 {
		// The helpers are finishing their last chunks: a wait of
		// microseconds, which sleeping and waking would lengthen.
		spinRecv(j.done)
	}

	// Drop the references to the caller's slices before pooling.
	j.g = gemmArgs{}
	jobs.Put(j)
}

// work computes chunks of the job until none is left, after packing B if
// the chunks share it.
func (j *job) work() {
	if j.panels > 0 {
		for {
			q := int(j.nextPanel.Add(1)) - 1
			if q >= j.panels {
				break
			}
			j.g.packPanelB(j.t.im, q)
			j.panelsDone.Add(1)
		}
		for j.panelsDone.Load() < int64(j.panels) {
			runtime.Gosched()
		}
	}
	for {
		c := int(j.next.Add(1)) - 1
		if c >= j.chunks {
			return
		}
		j.chunk(c)
	}
}

// chunk computes the c-th of j.chunks near-equal shares of the tiles of C.
func (j *job) chunk(c int) {
	g, t := &j.g, j.t
	t0, t1 := j.tiles*c/j.chunks, j.tiles*(c+1)/j.chunks
	i0, i1, j0, j1 := 0, g.m, 0, g.n
	if j.byRows {
		i0, i1 = t0*t.mr, min(t1*t.mr, g.m)
	} else {
		j0, j1 = t0*t.nr, min(t1*t.nr, g.n)
	}
	if t.sk != nil {
		g.skinnyBlock(t.sk, i0, i1, j0, j1)
		return
	}
	g.block(t.im, i0, i1, j0, j1)
}
