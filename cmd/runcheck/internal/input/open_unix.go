//go:build unix

package input

import (
	"os"
	"syscall"
)

// openFile opens the file at path for reading without blocking: a named
// pipe with no writer opens at once (and is then refused by the caller's
// Stat) instead of hanging the walk. O_NONBLOCK changes nothing for a
// regular file.
func openFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
