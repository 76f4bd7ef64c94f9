package printer

import (
	"encoding/csv"
	"strings"
	"time"

	"github.com/runcheck/runcheck/analyze"
)

// CSVHeader returns the columns of the csv format, in order:
//
//   - file: the path as the caller named it;
//   - outcome: PASS, WARN, FAIL, UNGRADABLE, NOT GRADED or ERROR;
//   - start: the activity's start in RFC 3339 with the file's UTC offset;
//   - sport: the sport the file names;
//   - profile: the profile the run was graded by;
//   - max_hr_bpm and max_hr_source: the maximum heart rate the grade used
//     and where it came from;
//   - ceiling_bpm: the heart-rate ceiling, to a tenth of a bpm;
//   - above_ceiling_pct: the share of moving time at or above it (the
//     hr-ceiling check's measure), to a tenth;
//   - moving_min: the moving time in minutes (the duration check's), to a
//     tenth;
//   - median_pace_offset_s_per_km: how much slower than the reference pace
//     the median moving pace was (the pace check's; negative is faster), in
//     whole seconds per kilometre;
//   - ascent_m_per_km: climbing per kilometre (the terrain check's), to a
//     tenth;
//   - confidence: high, or low when the heart-rate data is doubtful; "low
//     (salvaged)" when the activity holds less than its file (a damaged
//     file read leniently, a corrupt timestamp cut off: see
//     [analyze.Grade.Salvaged]);
//   - label_source and label: where the deciding label came from and its
//     text (see [analyze.Label]);
//   - reason: the main reason in one line, without the leading outcome (the
//     error for an ERROR).
//
// A missing value is an empty cell: a file that was not read, a run that
// was not graded, a check the profile does not have or that could not
// measure. Numbers use a point and no thousands separator.
//
// The file is safe to open in a spreadsheet. Every text cell passes through
// [Clean], and a text cell that starts with =, +, -, @, a tab or a carriage
// return, which a spreadsheet would take for a formula (a Strava activity
// named "=HYPERLINK(...)"), gets a leading ' as OWASP's advice on CSV
// injection says: the cell then reads as the text it is, the quote shown.
// The text cells are every column but the numeric ones (max_hr_bpm,
// ceiling_bpm, above_ceiling_pct, moving_min, median_pace_offset_s_per_km,
// ascent_m_per_km); those hold nothing but numbers runcheck formats itself
// ("-12", "131.6"), which a spreadsheet reads as the numbers they are, so a
// negative pace offset stays a number a sum or a chart can use. A text
// cell that merely looks like a number ("-12" as an activity's name) is
// still text, and is quoted.
func CSVHeader() []string {
	return []string{
		"file", "outcome", "start", "sport", "profile", "max_hr_bpm", "max_hr_source",
		"ceiling_bpm", "above_ceiling_pct", "moving_min", "median_pace_offset_s_per_km",
		"ascent_m_per_km", "confidence", "label_source", "label", "reason",
	}
}

// csvPrinter writes the header, then a row per report as it comes (see
// [CSVHeader]). The summary is not part of the table: Finish writes
// nothing more, so that every row has the same columns.
type csvPrinter struct {
	w      *errWriter
	cw     *csv.Writer
	header bool
}

func newCSVPrinter(w *errWriter) *csvPrinter {
	return &csvPrinter{w: w, cw: csv.NewWriter(w)}
}

// writeHeader writes the header once.
func (p *csvPrinter) writeHeader() error {
	if p.header {
		return nil
	}
	p.header = true
	return p.cw.Write(CSVHeader())
}

// Report writes the report's row.
func (p *csvPrinter) Report(r *analyze.Report) error {
	if r == nil {
		return nilReport()
	}
	if err := p.writeHeader(); err != nil {
		return err
	}
	if err := p.cw.Write(csvRow(r)); err != nil {
		return err
	}
	p.cw.Flush()
	return p.cw.Error()
}

// Finish writes the header if no report came.
func (p *csvPrinter) Finish(Summary) error {
	if err := p.writeHeader(); err != nil {
		return err
	}
	p.cw.Flush()
	return p.cw.Error()
}

// csvRow returns the report's cells in the order of CSVHeader.
func csvRow(r *analyze.Report) []string {
	var start string
	if r.Start != nil {
		start = r.Start.Format(time.RFC3339)
	}
	var labelSource, label string
	if r.Label != nil {
		labelSource, label = string(r.Label.Label.Source), r.Label.Label.Text
	}
	var profile, maxHR, maxHRSource, ceiling, above, moving, pace, ascent, confidence string
	if g := r.Grade; g != nil {
		profile, confidence = g.Profile.Name, g.Confidence
		if g.Salvaged {
			confidence += " (salvaged)"
		}
		if g.Settings.MaxHR.Known() {
			maxHR, maxHRSource = number(g.Settings.MaxHR.Value, 1), g.Settings.MaxHR.Source
		}
		ceiling = number(g.Ceiling, 1)
		measured := func(id string, decimals int) string {
			c, ok := g.Check(id)
			if !ok {
				return ""
			}
			return number(c.Measured, decimals)
		}
		above = measured(analyze.CheckCeiling, 1)
		moving = measured(analyze.CheckDuration, 1)
		pace = measured(analyze.CheckPace, 0)
		ascent = measured(analyze.CheckTerrain, 1)
	}
	row := []string{
		r.File, string(r.Outcome), start, r.Sport, profile, maxHR, maxHRSource,
		ceiling, above, moving, pace, ascent, confidence, labelSource, label, reason(r),
	}
	for i, c := range row {
		if !csvNumeric[i] {
			row[i] = formulaSafe(Clean(c))
		}
	}
	return row
}

// csvNumeric tells the numeric columns of [CSVHeader], which hold numbers
// runcheck formats, from the text columns.
var csvNumeric = func() []bool {
	numeric := make([]bool, len(CSVHeader()))
	for i, name := range CSVHeader() {
		switch name {
		case "max_hr_bpm", "ceiling_bpm", "above_ceiling_pct", "moving_min", "median_pace_offset_s_per_km", "ascent_m_per_km":
			numeric[i] = true
		}
	}
	return numeric
}()

// formulaSafe returns a text cell that no spreadsheet reads as a formula:
// one that starts with =, +, -, @, a tab or a carriage return gets a
// leading '.
func formulaSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
