// This file implements the checkpoint: the state a run resumes from, and
// its atomic replacement on disk.
//
// A checkpoint file is
//
//	"hessian checkpoint 2\n"
//	one line of JSON: the run's identity, the step, the generator state,
//	    the rows written so far, the number of parameters, the length of
//	    the optimiser's state
//	the parameters, little-endian float64, in the order of mlp.Flat
//	the optimiser's state, as its MarshalBinary (optim.Stateful) wrote it
//	the SHA-256 of everything before it, 32 bytes
//
// so that a truncated or altered file is refused rather than resumed from.
// Format 1 had no optimiser state; a file of another format is refused
// with its number.

package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
)

// checkpointPrefix starts every checkpoint file; checkpointMagic, the
// prefix and the format number, starts those of this format.
const (
	checkpointPrefix = "hessian checkpoint "
	checkpointFormat = "2"
	checkpointMagic  = checkpointPrefix + checkpointFormat + "\n"
)

// checkpoint is the state of a run after the row of step Step.
type checkpoint struct {
	Identity string    // config.identity of the run
	Step     int       // the step the parameters are at
	RNG      []byte    // state of the generator of probe seeds
	Seconds  float64   // optimiser time so far, for -time
	Rows     []string  // lines of metrics.csv so far, header first, no newlines
	Density  []string  // lines of density.csv so far, header first
	Params   []float64 `json:"-"`
	NParams  int
	Optim    []byte `json:"-"` // the optimiser's state
	NOptim   int
}

// encode returns the bytes of the checkpoint file.
func (c *checkpoint) encode() ([]byte, error) {
	c.NParams, c.NOptim = len(c.Params), len(c.Optim)
	head, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("hessian: encoding the checkpoint: %v", err)
	}
	var b bytes.Buffer
	b.WriteString(checkpointMagic)
	b.Write(head)
	b.WriteByte('\n')
	buf := make([]byte, 8)
	for _, v := range c.Params {
		binary.LittleEndian.PutUint64(buf, math.Float64bits(v))
		b.Write(buf)
	}
	b.Write(c.Optim)
	sum := sha256.Sum256(b.Bytes())
	b.Write(sum[:])
	return b.Bytes(), nil
}

// decodeCheckpoint parses the bytes of a checkpoint file read from path.
func decodeCheckpoint(path string, data []byte) (*checkpoint, error) {
	corrupt := func(what string) error {
		return usagef("checkpoint %s is corrupt: %s", path, what)
	}
	if !bytes.HasPrefix(data, []byte(checkpointMagic)) {
		if rest, ok := bytes.CutPrefix(data, []byte(checkpointPrefix)); ok {
			return nil, usagef("checkpoint %s has format %s, this hessian reads format %s "+
				"(start the run afresh)", path, formatOf(rest), checkpointFormat)
		}
		return nil, corrupt("it does not start with the checkpoint header")
	}
	if len(data) < len(checkpointMagic)+sha256.Size {
		return nil, corrupt("it is truncated")
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if want := sha256.Sum256(body); !bytes.Equal(sum, want[:]) {
		return nil, corrupt("its checksum does not match (truncated or altered)")
	}
	body = body[len(checkpointMagic):]
	nl := bytes.IndexByte(body, '\n')
	if nl < 0 {
		return nil, corrupt("no end to its description")
	}
	c := &checkpoint{}
	if err := json.Unmarshal(body[:nl], c); err != nil {
		return nil, corrupt(err.Error())
	}
	raw := body[nl+1:]
	if c.NParams < 0 || c.NOptim < 0 || c.NParams > len(raw)/8 ||
		len(raw) != 8*c.NParams+c.NOptim {
		return nil, corrupt(fmt.Sprintf("%d bytes for %d parameters and %d bytes of "+
			"optimiser state", len(raw), c.NParams, c.NOptim))
	}
	c.Optim = raw[8*c.NParams:]
	c.Params = make([]float64, c.NParams)
	for i := range c.Params {
		c.Params[i] = math.Float64frombits(binary.LittleEndian.Uint64(raw[8*i:]))
	}
	return c, nil
}

// formatOf returns the format number at the start of rest, the bytes after
// checkpointPrefix, quoted if it is not a number.
func formatOf(rest []byte) string {
	f, _, _ := bytes.Cut(rest[:min(len(rest), 20)], []byte("\n"))
	if _, err := strconv.Atoi(string(f)); err != nil {
		return strconv.Quote(string(f))
	}
	return string(f)
}

// readCheckpoint reads and checks the checkpoint file at path.
func readCheckpoint(path string) (*checkpoint, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usagef("cannot read checkpoint: %v", err)
	}
	return decodeCheckpoint(path, data)
}

// writeAtomic replaces the file at path with data: it writes a temporary
// file in the same folder, syncs it and renames it over path, so that a
// reader sees the old content or the new, never a mixture.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("hessian: %v", err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("hessian: writing %s: %v", path, err)
	}
	return nil
}
