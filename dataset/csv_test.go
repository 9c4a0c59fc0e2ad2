package dataset

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// writeFile writes content to name in a fresh temporary directory and
// returns its path.
func writeFile(t *testing.T, name string, content []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadCSV(t *testing.T) {
	path := writeFile(t, "house.csv", []byte("\uFEFFrooms, area ,price\n3,120,250.5\n\n 2 ,80,1e2\n"))
	s, err := ReadCSV(path, "price")
	if err != nil {
		t.Fatal(err)
	}
	want := &Set{X: []float64{3, 120, 2, 80}, N: 2, D: 2, Y: []float64{250.5, 100}, T: 1,
		Features: []string{"rooms", "area"}, Targets: []string{"price"}}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got %+v, want %+v", s, want)
	}
}

func TestReadCSVWith(t *testing.T) {
	csv := "id;a;y2;class;y1;b\n7;1;10;2;100;5\n8;3;20;0;200;6\n"
	path := writeFile(t, "mixed.csv", []byte(csv))
	tests := []struct {
		name string
		o    *CSVOptions
		want *Set
	}{
		{"targets label drop", &CSVOptions{Targets: []string{"y1", "y2"}, Label: "class",
			Drop: []string{"id"}, Comma: ';'},
			&Set{X: []float64{1, 5, 3, 6}, N: 2, D: 2, Y: []float64{100, 10, 200, 20}, T: 2,
				Labels: []int{2, 0}, Classes: 3,
				Features: []string{"a", "b"}, Targets: []string{"y1", "y2"}}},
		{"label with classes", &CSVOptions{Label: "class", Classes: 5, Comma: ';'},
			&Set{X: []float64{7, 1, 10, 100, 5, 8, 3, 20, 200, 6}, N: 2, D: 5,
				Labels: []int{2, 0}, Classes: 5,
				Features: []string{"id", "a", "y2", "y1", "b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ReadCSVWith(path, tt.o)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s, tt.want) {
				t.Errorf("got %+v, want %+v", s, tt.want)
			}
		})
	}
}

func TestReadCSVErrors(t *testing.T) {
	tests := []struct {
		name, csv string
		o         *CSVOptions
		want      error
		text      string
	}{
		{"empty", "", nil, ErrEmpty, "empty file: no header row"},
		{"header only", "a,b\n", nil, ErrEmpty, "no data rows"},
		{"missing target", "a,b\n1,2\n", &CSVOptions{Targets: []string{"price"}},
			ErrColumn, `no column "price" in header "a,b"`},
		{"missing label", "a,b\n1,2\n", &CSVOptions{Label: "y"}, ErrColumn, `no column "y"`},
		{"repeated column", "a,b,a\n1,2,3\n", nil, ErrColumn,
			`line 1: bad column: name "a" used by columns 1 and 3`},
		{"target twice", "a,b\n1,2\n", &CSVOptions{Targets: []string{"a"}, Drop: []string{"a"}},
			ErrColumn, `column "a" named twice`},
		{"ragged", "a,b\n1,2\n3\n", nil, ErrRagged, "line 3: ragged row: 1 fields, header has 2"},
		{"ragged after blank", "a,b\n1,2\n\n3,4,5\n", nil, ErrRagged, "line 4:"},
		{"not a number", "a,b\n1,2\n3,x7\n", nil, ErrNumber, `line 3: not a number: column "b": "x7"`},
		{"empty field", "a,b\n1,\n", nil, ErrNumber, `column "b": ""`},
		{"bad target", "a,y\n1,?\n", &CSVOptions{Targets: []string{"y"}}, ErrNumber, `column "y": "?"`},
		{"fractional label", "a,c\n1,2.5\n", &CSVOptions{Label: "c"}, ErrLabel,
			`line 2: bad label: column "c": "2.5" is not an integer`},
		{"negative label", "a,c\n1,-1\n", &CSVOptions{Label: "c"}, ErrLabel, "-1 not in [0, ∞)"},
		{"label too large", "a,c\n1,0\n1,3\n", &CSVOptions{Label: "c", Classes: 3}, ErrLabel,
			`line 3: bad label: column "c": 3 not in [0, 3)`},
		{"bad quote", "a,b\n1,\"2\n", nil, errors.New(""), "line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, "bad.csv", []byte(tt.csv))
			_, err := ReadCSVWith(path, tt.o)
			if err == nil {
				t.Fatalf("got nil error, want %v", tt.want)
			}
			if tt.want.Error() != "" && !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "dataset: "+path+": ") ||
				!strings.Contains(err.Error(), tt.text) {
				t.Errorf("got %q, want the path and %q", err, tt.text)
			}
		})
	}
}

func TestReadCSVMissingFile(t *testing.T) {
	_, err := ReadCSV(filepath.Join(t.TempDir(), "none.csv"), "y")
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v, want os.ErrNotExist", err)
	}
}
