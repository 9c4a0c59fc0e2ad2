// This file splits a large product among worker goroutines.
//
// The workers are started once and wait on a channel, so a parallel call
// costs a channel send per worker and allocates nothing. The split is along
// rows of C or along its columns, whichever has more micro-tiles, and falls
// on tile boundaries; each worker packs its own blocks.

package kernel

import "sync"

// part is a block of C for one worker, with what it needs to report back.
// It is computed with the skinny kernel sk if that is not nil, else with im.
type part struct {
	g              *gemmArgs
	im             *impl
	sk             *skinny
	i0, i1, j0, j1 int
	wg             *sync.WaitGroup
}

var (
	partCh    = make(chan part)
	helpersMu sync.Mutex
	helpers   int // worker goroutines started so far
	jobs      = sync.Pool{New: func() any { return new(job) }}
)

// job is the state that a parallel call shares with its helpers. It comes
// from a pool so that the caller's arguments need not escape to the heap.
type job struct {
	g  gemmArgs
	wg sync.WaitGroup
}

// startHelpers makes sure at least n helper goroutines are waiting on partCh.
func startHelpers(n int) {
	helpersMu.Lock()
	defer helpersMu.Unlock()
	for ; helpers < n; helpers++ {
		go helper()
	}
}

// helper computes parts as they arrive, for the life of the program.
func helper() {
	for p := range partCh {
		p.run()
		p.wg.Done()
	}
}

// run computes the part on the calling goroutine.
func (p *part) run() {
	if p.sk != nil {
		p.g.skinnyBlock(p.sk, p.i0, p.i1, p.j0, p.j1)
		return
	}
	p.g.block(p.im, p.i0, p.i1, p.j0, p.j1)
}

// parallel splits the product into up to workers parts, computed with the
// skinny kernel sk if that is not nil, else with im; the calling goroutine
// computes the first part itself.
func (g *gemmArgs) parallel(im *impl, sk *skinny, workers int) {
	t := tiling{im: im, sk: sk}
	if sk != nil {
		t.mr, t.nr = sk.mr, sk.cols()
	} else {
		t.mr, t.nr = im.mr, im.nr
	}
	mt := (g.m + t.mr - 1) / t.mr
	nt := (g.n + t.nr - 1) / t.nr
	byRows := mt >= nt
	tiles := nt
	if byRows {
		tiles = mt
	}
	workers = min(workers, tiles)
	startHelpers(workers - 1)

	j := jobs.Get().(*job)
	j.g = *g
	j.wg.Add(workers - 1)
	for w := 1; w < workers; w++ {
		partCh <- j.g.part(t, byRows, tiles, workers, w, &j.wg)
	}
	p := j.g.part(t, byRows, tiles, workers, 0, nil)
	p.run()
	j.wg.Wait()

	// Drop the references to the caller's slices before pooling.
	j.g = gemmArgs{}
	jobs.Put(j)
}

// tiling is the kernel that a parallel product runs and its tile shape.
type tiling struct {
	im     *impl
	sk     *skinny
	mr, nr int
}

// part returns the w-th of workers near-equal shares of tiles tiles of C.
func (g *gemmArgs) part(t tiling, byRows bool, tiles, workers, w int,
	wg *sync.WaitGroup) part {
	t0, t1 := tiles*w/workers, tiles*(w+1)/workers
	p := part{g: g, im: t.im, sk: t.sk, i0: 0, i1: g.m, j0: 0, j1: g.n, wg: wg}
	if byRows {
		p.i0, p.i1 = t0*t.mr, min(t1*t.mr, g.m)
	} else {
		p.j0, p.j1 = t0*t.nr, min(t1*t.nr, g.n)
	}
	return p
}
