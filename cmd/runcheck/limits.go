package main

import (
	"errors"
	"strings"

	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/cmd/runcheck/internal/input"
)

// DefaultMaxTotalSize is the byte budget of a run when the config file's
// [limits] table sets no max_total_size: the bytes that all the files of
// one run together may read and inflate, charged to one analyze.Budget.
// 16 GiB is several times what the largest real datasets take (by
// estimate, a ten-year Strava export of 5,000 one-hour runs as gzipped GPX
// reads and inflates about 6 GB; a Garmin export of FIT files, less), and
// it bounds the work of a hostile dataset (thousands of gzip bombs each
// within max_file_size, zip members sharing one deflate stream) to some
// seconds of inflating, where it was hours.
const DefaultMaxTotalSize = 16 << 30

// runBudget returns the run's byte budget, making it on the first call:
// max_total_size bytes, or DefaultMaxTotalSize. Copies of s made after the
// first call share it.
func (s *settings) runBudget() *analyze.Budget {
	if s.budget == nil {
		n := int64(DefaultMaxTotalSize)
		if s.config != nil && s.config.Limits.MaxTotalSize > 0 {
			n = s.config.Limits.MaxTotalSize
		}
		s.budget = analyze.NewBudget(n)
	}
	return s.budget
}

// decoder returns the Decoder the settings describe: lenient or not (the
// -lenient flag), with the limits of the config file's [limits] table and
// the run's byte budget, the one inputLimits gives the walker.
func (s *settings) decoder(lenient bool) analyze.Decoder {
	d := analyze.Decoder{Lenient: lenient, Budget: s.runBudget()}
	if s.config != nil {
		l := s.config.Limits
		d.MaxSize, d.MaxSamples, d.MaxDepth, d.MaxTokenSize = l.MaxFileSize, l.MaxSamples, l.MaxXMLDepth, l.MaxXMLTokenSize
	}
	return d
}

// inputLimits returns the archive and index limits of the config file's
// [limits] table (the zero fields, the defaults, without a config file) and
// the run's byte budget, the one decoder gives the Decoder.
func (s *settings) inputLimits() input.Limits {
	lim := input.Limits{Budget: s.runBudget()}
	if s.config != nil {
		l := s.config.Limits
		lim.MaxEntries, lim.MaxEntrySize, lim.MaxDepth, lim.MaxIndexSize = l.MaxZipEntries, l.MaxZipEntrySize, l.MaxZipDepth, l.MaxIndexSize
	}
	return lim
}

// limitKey returns the key of the config file's [limits] table that sets
// the limit an analyze.LimitError names, or "" when no key does.
func limitKey(limit string) string {
	switch limit {
	case "analyze.Decoder.MaxSize":
		return "max_file_size"
	case "analyze.Decoder.MaxSamples":
		return "max_samples"
	case "analyze.Decoder.MaxDepth":
		return "max_xml_depth"
	case "analyze.Decoder.MaxTokenSize":
		return "max_xml_token_size"
	case "input.Limits.MaxEntries":
		return "max_zip_entries"
	case "input.Limits.MaxEntrySize":
		return "max_zip_entry_size"
	case "input.Limits.MaxDepth":
		return "max_zip_depth"
	case "input.Limits.MaxIndexSize":
		return "max_index_size"
	case "analyze.Budget":
		return "max_total_size"
	}
	return ""
}

// errorText is err's message as the command line prints it. When a limit
// was exceeded, the advice names the config file's key that raises it
// ("raise max_samples under [limits] in the config file") instead of the
// library's field, which a user of the tool cannot set.
func errorText(err error) string {
	msg := err.Error()
	var le *analyze.LimitError
	if errors.As(err, &le) {
		if key := limitKey(le.Limit); key != "" {
			cli := analyze.LimitError{Limit: key + " under [limits] in the config file", What: le.What}
			msg = strings.Replace(msg, le.Error(), cli.Error(), 1)
		}
	}
	return msg
}
