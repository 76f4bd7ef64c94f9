package xmlinput

// BOM is the UTF-8 byte order mark, which may open a document.
const BOM = "\uFEFF"

// CutBOM returns b without a leading UTF-8 byte order mark, and whether it
// had one.
func CutBOM[T string | []byte](b T) (T, bool) {
	if len(b) >= len(BOM) && string(b[:len(BOM)]) == BOM {
		return b[len(BOM):], true
	}
	return b, false
}

// IsSpace reports whether c is XML white space: space, tab, CR or LF.
func IsSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// AllSpace reports whether b is only XML white space (or empty).
func AllSpace[T string | []byte](b T) bool {
	for i := 0; i < len(b); i++ {
		if !IsSpace(b[i]) {
			return false
		}
	}
	return true
}

// TrimSpace returns b without leading and trailing XML white space.
func TrimSpace[T string | []byte](b T) T {
	for len(b) > 0 && IsSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && IsSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}
