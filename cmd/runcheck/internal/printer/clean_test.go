package printer

import "testing"

func TestClean(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "runs/recovery-easy.fit", "runs/recovery-easy.fit"},
		{"accents kept", "Footing récup über 5 km", "Footing récup über 5 km"},
		{"escape sequence", "a\x1b[2J\x1b]0;owned\x07.fit", `a\x1b[2J\x1b]0;owned\x07.fit`},
		{"forged line", "x.fit\nrunsPASS", `x.fit\x0arunsPASS`},
		{"carriage return", "x\r.fit", `x\x0d.fit`},
		{"tab", "a\tb", `a\x09b`},
		{"DEL and C1", "a\x7fb\u009bc", `a\x7fb\u009bc`},
		{"bidi override", "evil\u202egpx.exe", `evil\u202egpx.exe`},
		{"not UTF-8", "a\xffb", `a\xffb`},
		{"replacement char kept as text", "a\uFFFDb", "a\uFFFDb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Clean(tc.in); got != tc.want {
				t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
