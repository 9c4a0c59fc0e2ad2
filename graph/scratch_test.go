package graph

import "testing"

// TestScratch checks that a borrowed area comes back zeroed, that two
// areas borrowed at once are distinct, and that nested sweeps unwind.
func TestScratch(t *testing.T) {
	g := New()
	x := g.Scalar(1)
	s := g.Borrow()
	ns, fs, fs1 := s.Nodes(0, 3), s.Flags(0, 3), s.Flags(1, 3)
	ns[1], fs[2] = x, true
	if fs1[2] {
		t.Errorf("Flags(1, 3) shares storage with Flags(0, 3)")
	}
	if s2 := g.Borrow(); s2 == s {
		t.Errorf("Borrow twice gave the same area")
	} else {
		g.Return(s2)
	}
	g.Return(s)
	s = g.Borrow()
	for i, n := range s.Nodes(0, 3) {
		if n != nil {
			t.Errorf("Nodes(0, 3)[%d] = %v after Return, want nil", i, n)
		}
	}
	for i, f := range s.Flags(0, 3) {
		if f {
			t.Errorf("Flags(0, 3)[%d] = true after Return, want false", i)
		}
	}
	g.Return(s)

	end1 := g.BeginSweep()
	g.Scalar(2)
	end2 := g.BeginSweep()
	if got := g.Scalar(3).Sweep(); got != 2 {
		t.Errorf("inner sweep = %d, want 2", got)
	}
	end2()
	if got := g.Scalar(4).Sweep(); got != 1 {
		t.Errorf("after the inner sweep ends, sweep = %d, want 1", got)
	}
	end1()
	if got := g.Scalar(5).Sweep(); got != 0 {
		t.Errorf("after both sweeps end, sweep = %d, want 0", got)
	}
	if n := testing.AllocsPerRun(100, func() { g.BeginSweep()() }); n != 0 {
		t.Errorf("BeginSweep allocates %g times, want 0", n)
	}
}
