//go:build !unix

package input

import "os"

// openFile opens the file at path for reading. Systems other than Unix
// have no named pipes in the file system that an open could block on.
func openFile(path string) (*os.File, error) {
	return os.Open(path)
}
