package analyze

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// ErrLabelsFile means a labels file is malformed; the message names the line.
var ErrLabelsFile = errors.New("analyze: invalid labels file")

// ErrStravaCSV means a Strava export's activities.csv is malformed or is not
// one; the message names the line or the missing column.
var ErrStravaCSV = errors.New("analyze: invalid Strava activities.csv")

// ReadLabelsFile reads a labels file: CSV with two columns, the file and its
// label, one file a line.
//
//	# my recovery runs
//	file,label
//	2024-05-01.fit,Recovery run
//	runs/2024-05-03.gpx.gz,"Tempo, 3x2 km"
//
// The format:
//
//   - Fields follow RFC 4180 (encoding/csv): a label holding a comma, a
//     quote or a line break is quoted, a quote inside doubled.
//   - A first row reading "file,label" (or "path,label", "filename,label",
//     in any case) is a header and is skipped; without it every row is data.
//   - A line starting with # is a comment; empty lines are skipped. A UTF-8
//     byte order mark at the start (as Excel writes) is ignored.
//   - Spaces around a field are trimmed. Empty fields after the label are
//     allowed (a spreadsheet's trailing commas); any other third field is an
//     error, since it is almost always a label with an unquoted comma.
//   - The file is a path as the grader is given it, a path relative to some
//     directory of it, or a bare file name; \ is read as / and the path is
//     cleaned ("./a.fit" is "a.fit"). See [LookupLabel] for how a path finds
//     its entry.
//   - An empty file or label, and a file listed twice (also as x.fit and
//     x.fit.gz), are errors.
//
// Errors match [ErrLabelsFile] and name the line. The map returned has the
// cleaned files as keys and the labels, trimmed, as values.
func ReadLabelsFile(r io.Reader) (map[string]string, error) {
	cr := csv.NewReader(labelSkipBOM(r))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	labels := make(map[string]string)
	lineOf := make(map[string]int) // key without .gz -> line, to find duplicates
	for first := true; ; first = false {
		rec, err := cr.Read()
		if err == io.EOF {
			return labels, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrLabelsFile, err)
		}
		line, _ := cr.FieldPos(0)
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		for len(rec) > 2 && rec[len(rec)-1] == "" {
			rec = rec[:len(rec)-1]
		}
		if first && len(rec) == 2 && strings.EqualFold(rec[1], "label") {
			switch strings.ToLower(rec[0]) {
			case "file", "path", "filename":
				continue
			}
		}
		switch {
		case len(rec) < 2:
			return nil, fmt.Errorf("%w: line %d: want two fields, file and label, got %d", ErrLabelsFile, line, len(rec))
		case len(rec) > 2:
			return nil, fmt.Errorf("%w: line %d: want two fields, file and label, got %d (quote a label that holds a comma)", ErrLabelsFile, line, len(rec))
		case rec[0] == "":
			return nil, fmt.Errorf("%w: line %d: empty file name", ErrLabelsFile, line)
		case rec[1] == "":
			return nil, fmt.Errorf("%w: line %d: empty label for %q (give a label, or leave the file out)", ErrLabelsFile, line, rec[0])
		}
		key := labelCleanPath(rec[0])
		if prev, ok := lineOf[labelTrimGz(key)]; ok {
			return nil, fmt.Errorf("%w: line %d: %q is already listed on line %d", ErrLabelsFile, line, rec[0], prev)
		}
		lineOf[labelTrimGz(key)] = line
		labels[key] = rec[1]
	}
}

// The most bytes OpenLabelsFile and OpenStravaActivities read, so that a
// file named by mistake (a video, /dev/zero) fails at once instead of
// filling memory. ReadLabelsFile and ReadStravaActivities read whatever
// they are given: bound their reader with [io.LimitReader] if it is not
// trusted.
const (
	// MaxLabelsFileSize is the largest labels file OpenLabelsFile reads:
	// 16 MiB, some 300,000 lines, far more than anyone labels by hand or
	// script.
	MaxLabelsFileSize = 16 << 20
	// MaxStravaFileSize is the largest activities.csv OpenStravaActivities
	// reads: 64 MiB, where a lifetime Strava export's is a few megabytes.
	MaxStravaFileSize = 64 << 20
)

// OpenLabelsFile reads the labels file at path with [ReadLabelsFile]: a
// regular file or a pipe (such as shell process substitution), of at most
// [MaxLabelsFileSize] bytes, checked before it is read (a regular file's
// size) and while it is read. Errors are *[FileError] values naming path;
// a file too large matches [ErrLabelsFile] and [ErrLimit].
func OpenLabelsFile(path string) (map[string]string, error) {
	r, err := openIndex(path, MaxLabelsFileSize, ErrLabelsFile)
	if err != nil {
		return nil, &FileError{Path: path, Err: err}
	}
	defer r.Close()
	labels, err := ReadLabelsFile(r)
	if err != nil {
		return nil, &FileError{Path: path, Err: err}
	}
	return labels, nil
}

// openIndex opens the file at path for reading at most max bytes: more
// fails with an error matching ErrLimit (and kind, when the size on disk
// says so before reading; the reader's caller wraps its read errors in
// kind). A folder, device or
// socket is refused before it is read (a named pipe is read).
func openIndex(path string, max int64, kind error) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	tooBig := fmt.Errorf("the file holds more than %d bytes, the most that is read of one: %w", max, ErrLimit)
	switch m := fi.Mode(); {
	case m.IsDir():
		f.Close()
		return nil, errors.New("is a directory, not a CSV file")
	case !m.IsRegular() && m&os.ModeNamedPipe == 0:
		f.Close()
		return nil, errors.New("is a device, a socket or another special file, not a regular file: it is not read")
	case fi.Size() > max:
		f.Close()
		return nil, fmt.Errorf("%w: %w", kind, tooBig)
	}
	return &capReader{f: f, left: max, tooBig: tooBig}, nil
}

// capReader reads a file, failing with tooBig once more than left bytes
// came out.
type capReader struct {
	f      *os.File
	left   int64
	tooBig error
}

// Read reads from the file, within the cap.
func (c *capReader) Read(p []byte) (int, error) {
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.f.Read(p)
	if int64(n) > c.left {
		return 0, c.tooBig
	}
	c.left -= int64(n)
	return n, err
}

// Close closes the file.
func (c *capReader) Close() error { return c.f.Close() }

// LookupLabel returns the label that labels, as [ReadLabelsFile] returns
// them, give the file at the path file, and whether there is one. It tries,
// in order, and returns the first entry found:
//
//  1. the path exactly as given;
//  2. the path cleaned, with \ read as / ("./runs\a.fit" is "runs/a.fit");
//  3. each trailing part of the cleaned path, longest first, down to the
//     base name: "/home/me/runs/a.fit" finds an entry "runs/a.fit", then
//     one "a.fit";
//  4. the same trailing parts with a .gz extension removed from the path or
//     added to it: "a.fit.gz" finds "a.fit", and "a.fit" finds "a.fit.gz".
//
// A trailing part starts after a "/", so "a.fit" never finds "ba.fit". An
// entry that names a directory the path does not contain ("x/a.fit" for
// "y/a.fit") is not found. Lookups are case-sensitive.
func LookupLabel(labels map[string]string, file string) (string, bool) {
	if len(labels) == 0 {
		return "", false
	}
	if l, ok := labels[file]; ok {
		return l, true
	}
	p := labelCleanPath(file)
	for _, s := range labelSuffixes(p) {
		if l, ok := labels[s]; ok {
			return l, true
		}
	}
	for _, s := range labelSuffixes(labelTrimGz(p)) {
		if l, ok := labels[s]; ok {
			return l, true
		}
		if l, ok := labels[s+".gz"]; ok {
			return l, true
		}
	}
	return "", false
}

// labelCleanPath reads \ as /, cleans p and drops a leading "./".
func labelCleanPath(p string) string {
	p = strings.TrimSpace(strings.ReplaceAll(p, `\`, "/"))
	if p == "" {
		return ""
	}
	return path.Clean(p)
}

// labelTrimGz removes a .gz extension, in any case.
func labelTrimGz(p string) string {
	if ext := path.Ext(p); strings.EqualFold(ext, ".gz") {
		return strings.TrimSuffix(p, ext)
	}
	return p
}

// labelSuffixes returns p and each part of p after a "/", longest first:
// "/a/b/c" gives "/a/b/c", "a/b/c", "b/c", "c".
func labelSuffixes(p string) []string {
	out := []string{p}
	for i := 0; i < len(p); i++ {
		if p[i] == '/' && i+1 < len(p) {
			out = append(out, p[i+1:])
		}
	}
	return out
}

// labelSkipBOM returns a reader of r without a leading UTF-8 byte order mark.
func labelSkipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	return br
}

// StravaActivity is one row of a Strava bulk export's activities.csv.
type StravaActivity struct {
	// ID is the Activity ID column.
	ID string `json:"id,omitempty"`
	// Date is the Activity Date column as Strava writes it ("May 1, 2024,
	// 6:12:03 AM", in UTC).
	Date string `json:"date,omitempty"`
	// Name is the Activity Name column: the athlete's title, or Strava's
	// default ("Morning Run").
	Name string `json:"name"`
	// Type is the Activity Type column: "Run", "Trail Run", "Virtual Run",
	// "Ride", "Walk", ...
	Type string `json:"type"`
	// Description is the Activity Description column, empty when the
	// athlete wrote none. It may span several lines.
	Description string `json:"description,omitempty"`
	// Filename is the Filename column: the activity file's path relative to
	// the export's root ("activities/1234567890.fit.gz").
	Filename string `json:"filename"`
}

// StravaIndex finds the row of a Strava bulk export's activities.csv that
// describes an activity file. The zero value is an empty index.
type StravaIndex struct {
	rows   []StravaActivity
	byPath map[string]int // Filename cleaned, without .gz -> row
	byBase map[string]int // base name without .gz -> row; -1 when ambiguous
}

// The activities.csv columns ReadStravaActivities reads.
const (
	stravaColID          = "Activity ID"
	stravaColDate        = "Activity Date"
	stravaColName        = "Activity Name"
	stravaColType        = "Activity Type"
	stravaColDescription = "Activity Description"
	stravaColFilename    = "Filename"
)

// ReadStravaActivities reads the activities.csv of a Strava bulk export
// (Settings > My Account > Download or Delete Your Account > Request your
// archive). The file has a header row and one row per activity, with many
// columns: among them Activity ID, Activity Date, Activity Name, Activity
// Type, Activity Description and Filename, followed by dozens of figures.
// Some names repeat (Elapsed Time, Distance, Max Heart Rate, Relative Effort,
// Commute): a column is found by the first header cell of its name, compared
// without regard to case or surrounding spaces. Activity Name, Activity Type
// and Filename are required; the others may be missing.
//
// Fields follow RFC 4180: dates ("May 1, 2024, 6:12:03 AM") and descriptions
// are quoted, and a description may span lines. A UTF-8 byte order mark is
// ignored. Every row must have as many fields as the header. Rows with an
// empty Filename (activities entered by hand) have no file and are left
// out.
//
// Only the English export is read: Strava translates the header for
// athletes who use it in another language ("ID de l'activité", "Type
// d'activité" in French), and such a file is an error that says so.
//
// Errors match [ErrStravaCSV] and name the line or the missing column.
func ReadStravaActivities(r io.Reader) (StravaIndex, error) {
	cr := csv.NewReader(labelSkipBOM(r))
	cr.FieldsPerRecord = 0
	header, err := cr.Read()
	if err == io.EOF {
		return StravaIndex{}, fmt.Errorf("%w: the file is empty", ErrStravaCSV)
	}
	if err != nil {
		return StravaIndex{}, fmt.Errorf("%w: %w", ErrStravaCSV, err)
	}
	col := func(name string) int {
		for i, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), name) {
				return i
			}
		}
		return -1
	}
	iID, iDate, iName, iType, iDesc, iFile := col(stravaColID), col(stravaColDate), col(stravaColName),
		col(stravaColType), col(stravaColDescription), col(stravaColFilename)
	var missing []string
	for _, c := range []struct {
		name string
		i    int
	}{{stravaColName, iName}, {stravaColType, iType}, {stravaColFilename, iFile}} {
		if c.i < 0 {
			missing = append(missing, fmt.Sprintf("%q", c.name))
		}
	}
	if len(missing) > 0 {
		// The header is not quoted back: a file that is no activities.csv
		// (a link to a file of secrets) must not be echoed.
		return StravaIndex{}, fmt.Errorf("%w: the header has no %s column (its first line holds %d comma-separated cells); runcheck reads the English activities.csv of a Strava bulk export",
			ErrStravaCSV, strings.Join(missing, ", "), len(header))
	}
	field := func(rec []string, i int) string {
		if i < 0 {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	x := StravaIndex{byPath: make(map[string]int), byBase: make(map[string]int)}
	lineOf := make(map[string]int)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return x, nil
		}
		if err != nil {
			return StravaIndex{}, fmt.Errorf("%w: %w", ErrStravaCSV, err)
		}
		line, _ := cr.FieldPos(0)
		a := StravaActivity{
			ID:          field(rec, iID),
			Date:        field(rec, iDate),
			Name:        field(rec, iName),
			Type:        field(rec, iType),
			Description: strings.TrimSpace(field(rec, iDesc)),
			Filename:    field(rec, iFile),
		}
		if a.Filename == "" {
			continue
		}
		key := labelTrimGz(labelCleanPath(a.Filename))
		if prev, ok := lineOf[key]; ok {
			return StravaIndex{}, fmt.Errorf("%w: line %d: Filename %q is already on line %d", ErrStravaCSV, line, a.Filename, prev)
		}
		lineOf[key] = line
		x.byPath[key] = len(x.rows)
		base := path.Base(key)
		if _, ok := x.byBase[base]; ok {
			x.byBase[base] = -1
		} else {
			x.byBase[base] = len(x.rows)
		}
		x.rows = append(x.rows, a)
	}
}

// OpenStravaActivities reads the activities.csv at path with
// [ReadStravaActivities]: a regular file or a pipe, of at most
// [MaxStravaFileSize] bytes, as [OpenLabelsFile] does. Errors are
// *[FileError] values naming path; a file too large matches
// [ErrStravaCSV] and [ErrLimit].
func OpenStravaActivities(path string) (StravaIndex, error) {
	f, err := openIndex(path, MaxStravaFileSize, ErrStravaCSV)
	if err != nil {
		return StravaIndex{}, &FileError{Path: path, Err: err}
	}
	defer f.Close()
	x, err := ReadStravaActivities(f)
	if err != nil {
		return StravaIndex{}, &FileError{Path: path, Err: err}
	}
	return x, nil
}

// Len returns the number of activities in the index: the rows that name a
// file.
func (x StravaIndex) Len() int { return len(x.rows) }

// Lookup returns the row whose Filename names file, a path. A .gz
// extension is ignored on both sides, \ is read as /, and the path may hold
// more directories than the Filename: "export/activities/123.fit.gz",
// "/home/me/export/activities/123.fit" and "activities/123.fit.gz" all find
// the row with Filename "activities/123.fit.gz". When no Filename is a
// trailing part of the path, the base name alone is tried ("123.fit" in
// another folder), provided a single row has that base name.
func (x StravaIndex) Lookup(file string) (StravaActivity, bool) {
	if len(x.rows) == 0 {
		return StravaActivity{}, false
	}
	p := labelTrimGz(labelCleanPath(file))
	for _, s := range labelSuffixes(p) {
		if i, ok := x.byPath[s]; ok {
			return x.rows[i], true
		}
	}
	if i, ok := x.byBase[path.Base(p)]; ok && i >= 0 {
		return x.rows[i], true
	}
	return StravaActivity{}, false
}
