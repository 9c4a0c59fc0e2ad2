//go:build race

package autodiff_test

// raceEnabled is set under the race detector, whose instrumentation
// allocates where the plain build does not.
const raceEnabled = true
