package main

import (
	"errors"
	"strings"

	"github.com/runcheck/runcheck/analyze"
	"github.com/runcheck/runcheck/cmd/runcheck/internal/input"
)

// decoder returns the Decoder the settings describe: lenient or not (the
// -lenient flag), with the limits of the config file's [limits] table.
func (s settings) decoder(lenient bool) analyze.Decoder {
	d := analyze.Decoder{Lenient: lenient}
	if s.config != nil {
		l := s.config.Limits
		d.MaxSize, d.MaxSamples, d.MaxDepth, d.MaxTokenSize = l.MaxFileSize, l.MaxSamples, l.MaxXMLDepth, l.MaxXMLTokenSize
	}
	return d
}

// inputLimits returns the archive limits of the config file's [limits]
// table; the zero Limits (the defaults) without a config file.
func (s settings) inputLimits() input.Limits {
	if s.config == nil {
		return input.Limits{}
	}
	l := s.config.Limits
	return input.Limits{MaxEntries: l.MaxZipEntries, MaxEntrySize: l.MaxZipEntrySize, MaxDepth: l.MaxZipDepth}
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
