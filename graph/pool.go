package graph

// pool keeps released buffers by exact length for reuse. A training loop
// asks for the same few sizes at every step, so a short list scanned
// linearly finds them faster than a map would hash.
type pool struct {
	classes []sizeClass
}

type sizeClass struct {
	n    int
	free [][]float64
}

func (p *pool) get(n int) []float64 {
	for i := range p.classes {
		c := &p.classes[i]
		if c.n == n {
			if k := len(c.free); k > 0 {
				buf := c.free[k-1]
				c.free[k-1] = nil
				c.free = c.free[:k-1]
				return buf
			}
			break
		}
	}
	return make([]float64, n)
}

func (p *pool) put(buf []float64) {
	n := len(buf)
	if n == 0 {
		return
	}
	for i := range p.classes {
		if p.classes[i].n == n {
			p.classes[i].free = append(p.classes[i].free, buf)
			return
		}
	}
	p.classes = append(p.classes, sizeClass{n: n, free: [][]float64{buf}})
}
