package input_test

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"

	"github.com/runcheck/runcheck/cmd/runcheck/internal/input"
)

// ExampleWalk walks a folder holding activity files, a file that is not
// one, a hidden folder and a zip archive, then a path that does not exist.
func ExampleWalk() {
	dir, err := os.MkdirTemp("", "runcheck-input-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	for _, name := range []string{"b.fit", "a.gpx.gz", "notes.txt", ".trash/old.fit", "week/c.TCX"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("..."), 0o644)
	}
	f, _ := os.Create(filepath.Join(dir, "export.zip"))
	zw := zip.NewWriter(f)
	w, _ := zw.Create("activities/123.fit.gz")
	w.Write([]byte("..."))
	zw.Close()
	f.Close()

	for it := range input.Walk([]string{dir, filepath.Join(dir, "missing.fit")}, nil, input.Limits{}) {
		name, _ := filepath.Rel(dir, it.Name)
		if it.Err != nil {
			fmt.Println(filepath.ToSlash(name), "error")
			continue
		}
		fmt.Println(filepath.ToSlash(name))
	}
	// Output:
	// a.gpx.gz
	// b.fit
	// export.zip/activities/123.fit.gz
	// week/c.TCX
	// missing.fit error
}
