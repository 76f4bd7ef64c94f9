package gpxio_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/gpxio"
	"github.com/runcheck/runcheck/tcxio"
)

// TestCharsetsAgreeWithTCX decodes the same content as GPX (the creator
// attribute) and as TCX (Creator/Name), under every charset label and
// byte order mark the XML input layer reads, and checks that both formats
// give the same product name, or fail alike.
func TestCharsetsAgreeWithTCX(t *testing.T) {
	const stamp = "2024-01-01T00:00:00Z"
	gpxDoc := func(prolog, name string) string {
		return prolog + `<gpx version="1.1" creator="` + name + `"><trk><trkseg><trkpt lat="1" lon="2"><time>` +
			stamp + `</time></trkpt></trkseg></trk></gpx>`
	}
	tcxDoc := func(prolog, name string) string {
		return prolog + `<TrainingCenterDatabase><Activities><Activity Sport="Running"><Lap StartTime="` + stamp +
			`"><Track><Trackpoint><Time>` + stamp + `</Time></Trackpoint></Track></Lap><Creator><Name>` + name +
			`</Name></Creator></Activity></Activities></TrainingCenterDatabase>`
	}
	decl := func(label string) string { return `<?xml version="1.0" encoding="` + label + `"?>` }
	type variant struct {
		name, prolog, text string
		want               string // the product name; "" when both must fail
	}
	var variants []variant
	for _, label := range []string{"US-ASCII", "ascii", "ISO-8859-1", "latin1", "windows-1252", "CP1252"} {
		variants = append(variants,
			variant{label + " Latin-1 letter", decl(label), "R\xe9cup", "Récup"},
			variant{label + " Windows-1252 quote", decl(label), "it\x92s \x80", "it’s €"},
			variant{label + " undefined Windows-1252 byte", decl(label), "\x81", "\u0081"},
			variant{label + " ASCII only", decl(label), "Recup", "Recup"})
	}
	for _, prolog := range []string{"", decl("UTF-8"), "\uFEFF", "\uFEFF" + decl("UTF-8"), "\uFEFF \n" + decl("utf-8")} {
		variants = append(variants,
			variant{"UTF-8 " + strings.ToValidUTF8(prolog, "?"), prolog, "Récup", "Récup"},
			variant{"UTF-8 with a Latin-1 byte " + prolog, prolog, "R\xe9cup", ""})
	}
	variants = append(variants, variant{"unsupported encoding", decl("EBCDIC"), "Recup", ""})
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			ga, gerr := gpxio.Decode(strings.NewReader(gpxDoc(v.prolog, v.text)))
			ta, terr := tcxio.Decode(strings.NewReader(tcxDoc(v.prolog, v.text)))
			if v.want == "" {
				if !errors.Is(gerr, activity.ErrMalformed) || !errors.Is(terr, activity.ErrMalformed) {
					t.Fatalf("GPX error %v, TCX error %v; want ErrMalformed from both", gerr, terr)
				}
				return
			}
			if gerr != nil || terr != nil {
				t.Fatalf("GPX error %v, TCX error %v", gerr, terr)
			}
			if ga.Meta.Product != v.want || ta.Meta.Product != v.want {
				t.Errorf("GPX reads %q, TCX %q; want %q", ga.Meta.Product, ta.Meta.Product, v.want)
			}
		})
	}
}
