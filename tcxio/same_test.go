package tcxio

import (
	"bytes"
	"testing"

	"github.com/runcheck/runcheck/internal/activitytest"
	"github.com/runcheck/runcheck/internal/xmlinput"
)

// checkSame decodes data with the fast reader and the reference reader (and
// with Decode too when public is set), and fails unless all give the
// identical activity, or fail with the identical error. It reports whether
// the fast reader decided alone (without falling back). A panic of the fast
// reader is not recovered, so that the test sees it.
func checkSame(t testing.TB, name string, d Decoder, data []byte, public bool) (fast bool) {
	t.Helper()
	orig := bytes.Clone(data)
	got, err := d.decodeFast(data)
	fast = err != xmlinput.ErrFallback
	if fast || public {
		ref, refErr := d.decodeReference(bytes.NewReader(data))
		if fast {
			if e := activitytest.SameOutcome(ref, refErr, got, err); e != nil {
				t.Errorf("%s: the fast reader differs from the reference reader: %v", name, e)
			}
		}
		if public {
			pub, pubErr := d.Decode(bytes.NewReader(data))
			if e := activitytest.SameOutcome(ref, refErr, pub, pubErr); e != nil {
				t.Errorf("%s: Decode differs from the reference reader: %v", name, e)
			}
		}
	}
	if !bytes.Equal(data, orig) {
		t.Fatalf("%s: the input was modified", name)
	}
	return fast
}
