// This file finds the known name nearest to a misspelt one, by optimal
// string alignment distance: the edits are inserting, deleting or changing
// one byte, or swapping two adjacent bytes.

package expr

import "iter"

// hint returns " (did you mean m?)" for the name m of names nearest to
// name, or "" if none is near enough. Near enough means at most one edit
// per three bytes of name, at least one, and fewer edits than name has
// bytes, so that a one-letter name gets no hint. Ties go to the name that
// sorts first.
func hint(name string, names iter.Seq[string]) string {
	limit := max(1, len(name)/3)
	limit = min(limit, len(name)-1)
	best, bestD := "", limit+1
	for m := range names {
		d := distance(name, m)
		if d < bestD || d == bestD && m < best {
			best, bestD = m, d
		}
	}
	if best == "" {
		return ""
	}
	return " (did you mean " + best + "?)"
}

// distance returns the optimal string alignment distance between a and b.
func distance(a, b string) int {
	// Rows i-2, i-1 and i of the usual dynamic programme over prefixes.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
