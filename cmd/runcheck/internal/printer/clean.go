package printer

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean returns s safe to print on a terminal or in a report: every control
// character (C0, DEL, C1: escape sequences, carriage returns, newlines,
// bells), every bidirectional override or isolate (which reorder what a
// reader sees) and every byte that is not UTF-8 is written as a visible Go
// escape ("\x1b", "\u202e"), so that a name from an archive or a file can
// neither drive the terminal nor forge a line of output, and two names that
// differ only there still print differently. A string with none of them is
// returned as it is, without a copy.
func Clean(s string) string {
	i := strings.IndexFunc(s, unsafeRune)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for s = s[i:]; s != ""; {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[0])
		case r == utf8.RuneError:
			b.WriteString(s[:size]) // a real U+FFFD
		case r < 0x80 && unsafeRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[:size])
		}
		s = s[size:]
	}
	return b.String()
}

// unsafeRune reports whether r must not reach a terminal as it is.
func unsafeRune(r rune) bool {
	switch {
	case r == utf8.RuneError:
		return true // maybe a byte that is not UTF-8; Clean tells them apart
	case unicode.IsControl(r):
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true // bidirectional embeddings, overrides, isolates and marks
	}
	return false
}
