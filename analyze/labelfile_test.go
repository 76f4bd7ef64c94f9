package analyze_test

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runcheck/runcheck/activity"
	"github.com/runcheck/runcheck/analyze"
)

func TestReadLabelsFile(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    map[string]string
		wantErr string // substring; the error must match ErrLabelsFile
	}{
		{
			name: "header",
			in:   "file,label\na.fit,Recovery run\nb.gpx,Tempo\n",
			want: map[string]string{"a.fit": "Recovery run", "b.gpx": "Tempo"},
		},
		{
			name: "header in another case and name",
			in:   "Path , Label\na.fit,Recovery run\n",
			want: map[string]string{"a.fit": "Recovery run"},
		},
		{
			name: "no header",
			in:   "a.fit,Recovery run\nb.gpx,Tempo",
			want: map[string]string{"a.fit": "Recovery run", "b.gpx": "Tempo"},
		},
		{
			name: "a header-like row later is data",
			in:   "a.fit,Recovery\nfile,label\n",
			want: map[string]string{"a.fit": "Recovery", "file": "label"},
		},
		{
			name: "quotes, commas, doubled quotes and line breaks",
			in:   "file,label\n\"my run, 1.fit\",\"Tempo, 3x2 km\"\nb.fit,\"Footing \"\"récup\"\"\nlegs heavy\"\n",
			want: map[string]string{"my run, 1.fit": "Tempo, 3x2 km", "b.fit": "Footing \"récup\"\nlegs heavy"},
		},
		{
			name: "BOM, CRLF, comments, blank lines, spaces",
			in:   "\xef\xbb\xbf# labels\r\nfile,label\r\n\r\n  a.fit ,  Recovery  \r\n# b.fit,Tempo\r\n",
			want: map[string]string{"a.fit": "Recovery"},
		},
		{
			name: "trailing empty fields",
			in:   "a.fit,Recovery,,\n",
			want: map[string]string{"a.fit": "Recovery"},
		},
		{
			name: "paths cleaned",
			in:   "./runs\\a.fit,Recovery\nruns//x/../b.fit.gz,Tempo\n",
			want: map[string]string{"runs/a.fit": "Recovery", "runs/b.fit.gz": "Tempo"},
		},
		{name: "empty", in: "", want: map[string]string{}},
		{name: "header only", in: "file,label\n", want: map[string]string{}},
		{name: "one field", in: "file,label\na.fit,Recovery\nb.fit\n", wantErr: "line 3: want two fields, file and label, got 1"},
		{name: "unquoted comma", in: "a.fit,Tempo, 3x2 km\n", wantErr: "line 1: want two fields, file and label, got 3 (quote a label that holds a comma)"},
		{name: "empty label", in: "# c\na.fit,Recovery\nb.fit, \n", wantErr: `line 3: empty label for "b.fit"`},
		{name: "empty file", in: ",Recovery\n", wantErr: "line 1: empty file name"},
		{name: "duplicate", in: "a.fit,Recovery\nb.fit,Tempo\n./a.fit,Easy\n", wantErr: `line 3: "./a.fit" is already listed on line 1`},
		{name: "duplicate with .gz", in: "a.fit,Recovery\na.fit.gz,Tempo\n", wantErr: `line 2: "a.fit.gz" is already listed on line 1`},
		{name: "bare quote", in: "a.fit,Recovery\nb.fit,Tempo \"fast\"\n", wantErr: "line 2"},
		{name: "unterminated quote", in: "a.fit,Recovery\nb.fit,\"Tempo\n", wantErr: "line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := analyze.ReadLabelsFile(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if !errors.Is(err, analyze.ErrLabelsFile) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want ErrLabelsFile containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestOpenLabelsFile(t *testing.T) {
	got, err := analyze.OpenLabelsFile(filepath.Join("testdata", "labels", "labels.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"2024-05-01.fit":         "Recovery run",
		"runs/2024-05-03.gpx.gz": "Tempo, 3x2 km",
		"runs/2024-05-04.tcx":    "Footing \"récup\"\nlegs heavy",
		"2024-05-05.fit":         "Regenerationslauf",
	}
	if !maps.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}

	_, err = analyze.OpenLabelsFile(filepath.Join("testdata", "labels", "missing.csv"))
	var fe *analyze.FileError
	if !errors.As(err, &fe) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: error = %v, want a *FileError wrapping ErrNotExist", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("a.fit,Recovery\nb.fit\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = analyze.OpenLabelsFile(bad)
	if !errors.As(err, &fe) || !errors.Is(err, analyze.ErrLabelsFile) || !strings.HasPrefix(err.Error(), bad+": ") || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad file: error = %v, want a *FileError naming the file and line 2", err)
	}
}

func TestLookupLabel(t *testing.T) {
	labels := map[string]string{
		"a.fit":           "bare",
		"runs/a.fit":      "runs",
		"x/runs/a.fit":    "x-runs",
		"b.fit.gz":        "b-gz",
		"c.gpx":           "c",
		"runs/d.tcx":      "d",
		"my run, 1.fit":   "comma",
		"/abs/path/e.fit": "absolute",
	}
	tests := []struct {
		path, want string // want "" for no entry
	}{
		{"a.fit", "bare"},
		{"./a.fit", "bare"},
		{"other/a.fit", "bare"},             // base name
		{"runs/a.fit", "runs"},              // exact relative path beats base name
		{"/home/me/runs/a.fit", "runs"},     // trailing part
		{"/home/me/x/runs/a.fit", "x-runs"}, // longest trailing part
		{`runs\a.fit`, "runs"},              // backslash
		{"runs/./sub/../a.fit", "runs"},     // cleaned
		{"runs/a.fit.gz", "runs"},           // .gz removed from the path
		{"b.fit", "b-gz"},                   // .gz added
		{"/data/b.fit.gz", "b-gz"},          // exact base name with .gz
		{"/data/c.gpx.gz", "c"},             // base name without .gz
		{"elsewhere/d.tcx", ""},             // directory not in the path
		{"d.tcx", ""},                       // a bare name does not find a longer entry
		{"data/runs/d.tcx.gz", "d"},         // trailing part without .gz
		{"ba.fit", ""},                      // no partial names
		{"A.FIT", ""},                       // case-sensitive
		{"exports/my run, 1.fit", "comma"},  // commas and spaces in names
		{"/abs/path/e.fit", "absolute"},     // as given
		{"e.fit", ""},                       // absolute entries match only themselves
		{"", ""},                            // nothing
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, ok := analyze.LookupLabel(labels, tt.path)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("LookupLabel(%q) = %q, %v; want %q, %v", tt.path, got, ok, tt.want, tt.want != "")
			}
		})
	}
	if _, ok := analyze.LookupLabel(nil, "a.fit"); ok {
		t.Error("nil labels found an entry")
	}
}

// labelStravaFixture reads testdata/labels/activities.csv.
func labelStravaFixture(t *testing.T) analyze.StravaIndex {
	t.Helper()
	x, err := analyze.OpenStravaActivities(filepath.Join("testdata", "labels", "activities.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func TestReadStravaActivitiesFixture(t *testing.T) {
	x := labelStravaFixture(t)
	if x.Len() != 7 {
		t.Errorf("Len() = %d, want 7 (8 rows, one without a file)", x.Len())
	}
	got, ok := x.Lookup("activities/1000000002.fit.gz")
	want := analyze.StravaActivity{
		ID:          "1000000002",
		Date:        "May 2, 2024, 5:40:11 PM",
		Name:        "Footing récup",
		Type:        "Run",
		Description: "Lundi - footing récup 45'\nJambes lourdes, on y va doucement.",
		Filename:    "activities/1000000002.fit.gz",
	}
	if !ok || got != want {
		t.Errorf("row 1000000002 = %+v, %v\nwant %+v", got, ok, want)
	}
	got, ok = x.Lookup("activities/1000000006.tcx.gz")
	if !ok || got.Description != `Recovery after Sunday's half. "Easy", they said.` || got.Name != "Lunch Run" {
		t.Errorf("row 1000000006 = %+v, %v", got, ok)
	}
	if _, ok := x.Lookup("1000000007"); ok {
		t.Error("the manual activity without a file was indexed")
	}
}

func TestReadStravaActivities(t *testing.T) {
	const header = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename,Elapsed Time,Distance,Activity Name\n"
	tests := []struct {
		name    string
		in      string
		want    []analyze.StravaActivity
		wantErr string // substring; the error must match ErrStravaCSV
		notIn   string // what the error must not say
	}{
		{
			name: "duplicate columns: the first occurrence counts",
			in:   header + `1,"Jan 2, 2024, 7:00:00 AM",Recovery,Run,,1800,5.0,activities/1.fit.gz,1800.0,5000.0,Shadow name` + "\n",
			want: []analyze.StravaActivity{{ID: "1", Date: "Jan 2, 2024, 7:00:00 AM", Name: "Recovery", Type: "Run", Filename: "activities/1.fit.gz"}},
		},
		{
			name: "BOM and CRLF",
			in:   "\xef\xbb\xbf" + strings.ReplaceAll(header, "\n", "\r\n") + "2,d,Easy,Run,,1,1,activities/2.gpx,1,1,x\r\n",
			want: []analyze.StravaActivity{{ID: "2", Date: "d", Name: "Easy", Type: "Run", Filename: "activities/2.gpx"}},
		},
		{
			name: "multi-line quoted description with commas and quotes",
			in:   header + "3,d,\"Sortie, récup\",Run,\"Ligne 1, \"\"douce\"\"\nLigne 2\n\",1,1,activities/3.fit.gz,1,1,x\n",
			want: []analyze.StravaActivity{{ID: "3", Date: "d", Name: "Sortie, récup", Type: "Run", Description: "Ligne 1, \"douce\"\nLigne 2", Filename: "activities/3.fit.gz"}},
		},
		{
			name: "minimal columns in another order",
			in:   "Filename,Activity Type,Activity Name\nactivities/4.tcx.gz,Trail Run,Reg-Lauf\n",
			want: []analyze.StravaActivity{{Name: "Reg-Lauf", Type: "Trail Run", Filename: "activities/4.tcx.gz"}},
		},
		{
			name: "rows without a file are left out",
			in:   header + "5,d,Treadmill,Run,,1,1,,1,1,x\n",
			want: nil,
		},
		{name: "empty", in: "", wantErr: "the file is empty"},
		{
			name:    "localised header",
			in:      "ID de l'activité,Date de l'activité,Nom de l'activité,Type d'activité\n1,d,n,t\n",
			wantErr: `the header has no "Activity Name", "Activity Type", "Filename" column`,
		},
		{name: "no Filename", in: "Activity Name,Activity Type\nx,Run\n", wantErr: `the header has no "Filename" column`},
		{
			// Not an activities.csv at all (a link to the environment):
			// said, but not echoed.
			name: "a file of secrets", in: "TOKEN=s3cr3t\x00HOME=/root\x00\n", wantErr: "its first line holds 1 comma-separated cells",
			notIn: "s3cr3t",
		},
		{name: "short row", in: header + "6,d,n,Run,,1,1,activities/6.fit\n", wantErr: "line 2"},
		{name: "short row after a multi-line field", in: header + "7,d,n,Run,\"a\nb\",1,1,activities/7.fit,1,1,x\n8,d,n\n", wantErr: "line 4"},
		{name: "bare quote", in: header + "9,d,Tempo \"fast\",Run,,1,1,activities/9.fit,1,1,x\n", wantErr: "line 2"},
		{
			name:    "duplicate Filename",
			in:      header + "10,d,n,Run,,1,1,activities/10.fit.gz,1,1,x\n11,d,n,Run,,1,1,activities/10.fit,1,1,x\n",
			wantErr: `line 3: Filename "activities/10.fit" is already on line 2`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := analyze.ReadStravaActivities(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if !errors.Is(err, analyze.ErrStravaCSV) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want ErrStravaCSV containing %q", err, tt.wantErr)
				}
				if tt.notIn != "" && strings.Contains(err.Error(), tt.notIn) {
					t.Errorf("error = %v, echoes %q", err, tt.notIn)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if x.Len() != len(tt.want) {
				t.Fatalf("Len() = %d, want %d", x.Len(), len(tt.want))
			}
			for _, w := range tt.want {
				got, ok := x.Lookup(w.Filename)
				if !ok || got != w {
					t.Errorf("Lookup(%q) = %+v, %v\nwant %+v", w.Filename, got, ok, w)
				}
			}
		})
	}
}

func TestStravaIndexLookup(t *testing.T) {
	x := labelStravaFixture(t)
	tests := []struct {
		path, wantID string // wantID "" for no row
	}{
		{"activities/1000000002.fit.gz", "1000000002"},              // Filename as written
		{"export/activities/1000000002.fit.gz", "1000000002"},       // relative to another root
		{"/home/me/export/activities/1000000002.fit", "1000000002"}, // decompressed, absolute
		{`C:\export\activities\1000000002.fit.gz`, "1000000002"},    // Windows
		{"1000000002.fit.gz", "1000000002"},                         // base name
		{"unpacked/1000000002.fit", "1000000002"},                   // base name in another folder, without .gz
		{"activities/1000000005.gpx", "1000000005"},                 // never compressed
		{"activities/1000000005.gpx.gz", "1000000005"},              // compressed since
		{"activities/1000000002.gpx", ""},                           // another format
		{"activities/2000000002.fit.gz", ""},                        // another activity
		{"activities", ""},                                          // a folder
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, ok := x.Lookup(tt.path)
			if got.ID != tt.wantID || ok != (tt.wantID != "") {
				t.Errorf("Lookup(%q) = %q, %v; want %q", tt.path, got.ID, ok, tt.wantID)
			}
		})
	}

	// A base name shared by two rows finds neither; the paths still do.
	y, err := analyze.ReadStravaActivities(strings.NewReader("Activity Name,Activity Type,Filename\nA,Run,a/1.fit\nB,Run,b/1.fit.gz\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := y.Lookup("c/1.fit"); ok {
		t.Errorf("ambiguous base name found %+v", got)
	}
	if got, ok := y.Lookup("root/b/1.fit"); !ok || got.Name != "B" {
		t.Errorf("Lookup(root/b/1.fit) = %+v, %v; want B", got, ok)
	}

	var zero analyze.StravaIndex
	if _, ok := zero.Lookup("activities/1.fit"); ok || zero.Len() != 0 {
		t.Error("the zero StravaIndex is not empty")
	}
}

func TestOpenStravaActivitiesErrors(t *testing.T) {
	_, err := analyze.OpenStravaActivities(filepath.Join("testdata", "labels", "missing.csv"))
	var fe *analyze.FileError
	if !errors.As(err, &fe) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: error = %v, want a *FileError wrapping ErrNotExist", err)
	}
	// The labels file is not an activities.csv.
	path := filepath.Join("testdata", "labels", "labels.csv")
	_, err = analyze.OpenStravaActivities(path)
	if !errors.As(err, &fe) || !errors.Is(err, analyze.ErrStravaCSV) || !strings.HasPrefix(err.Error(), path+": ") {
		t.Errorf("labels.csv as activities.csv: error = %v, want a *FileError matching ErrStravaCSV", err)
	}
}

// TestStravaDecideLabel runs the fixture's rows through DecideLabel for a
// file that carries no names of its own, as testdata/labels/README.md
// states.
func TestStravaDecideLabel(t *testing.T) {
	x := labelStravaFixture(t)
	tests := []struct {
		file   string
		graded bool
		field  string // the deciding label's field, "" for none
		reason string // start of the reason
	}{
		{"1000000001.fit.gz", false, "", `no recovery label (looked in: Strava activity name "Morning Run"`},
		{"1000000002.fit.gz", true, "Strava activity name", `the Strava activity name "Footing récup" is a recovery label`},
		{"1000000003.fit.gz", false, "Strava activity description", `the Strava activity description "Warm-up 2 km, 6x800 m @ 5K pace, 400 m recovery jog, cool..." is not a recovery label: its recovery word follows`},
		{"1000000004.gpx.gz", false, "Strava activity name", "not a run (Strava type Ride)"},
		{"1000000005.gpx", true, "Strava activity name", `the Strava activity name "Regenerationslauf, locker" is a recovery label`},
		{"1000000006.tcx.gz", true, "Strava activity description", `the Strava activity description "Recovery after Sunday's half. "Easy", they said." is a recovery label`},
		{"1000000008.fit.gz", false, "Strava activity name", `the Strava activity name "Tempo 3x2 km" is not a recovery label`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := "export/activities/" + tt.file
			sv, ok := x.Lookup(path)
			if !ok {
				t.Fatalf("no row for %s", path)
			}
			a := &activity.Activity{} // a typeless file: Strava's type decides the sport
			d := analyze.DecideLabel(analyze.LabelInput{Path: path, Strava: &sv, StravaFile: "export/activities.csv"}, a, nil)
			if d.Graded != tt.graded || d.Label.Field != tt.field || !strings.HasPrefix(d.Reason, tt.reason) {
				t.Errorf("DecideLabel = %+v\nwant graded %v by %q, reason starting %q", d, tt.graded, tt.field, tt.reason)
			}
		})
	}
}

func ExampleLookupLabel() {
	labels, err := analyze.ReadLabelsFile(strings.NewReader(`file,label
2024-05-01.fit,Recovery run
runs/2024-05-03.gpx.gz,"Tempo, 3x2 km"
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, path := range []string{"/data/2024-05-01.fit.gz", "/data/runs/2024-05-03.gpx", "/data/other/2024-05-03.gpx"} {
		label, ok := analyze.LookupLabel(labels, path)
		fmt.Printf("%s: %q %v\n", path, label, ok)
	}
	// Output:
	// /data/2024-05-01.fit.gz: "Recovery run" true
	// /data/runs/2024-05-03.gpx: "Tempo, 3x2 km" true
	// /data/other/2024-05-03.gpx: "" false
}
