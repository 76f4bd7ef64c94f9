// Package gpxio decodes GPX 1.0 and 1.1 files into the common
// [activity.Activity] stream.
//
// [Decode] reads a document with the default limits; a [Decoder] sets its own.
// Both take an [io.Reader] and never modify it. No document tree is built:
// track points go straight into the sample columns.
//
// # Two readers
//
// Decode reads the whole input into memory (up to 256 MiB, the analyze
// package's default size limit) and scans it with a byte scanner, several
// times faster than encoding/xml. The scanner handles well-formed UTF-8
// documents; whatever it does not handle exactly it leaves to a streaming
// reader on encoding/xml, which decodes the input again from its start:
// another declared encoding, a DOCTYPE, element or attribute names outside
// ASCII, any error inside the document (so every such error is reported
// alike, whatever reader met it), a token over [Decoder.MaxTokenSize], and
// inputs over 256 MiB or whose reader fails. On every input the scanner
// decides alone, both readers give the identical activity, warnings and
// errors; the package's differential and fuzz tests hold them to it.
//
// # Mapping
//
// Elements are matched by local name, so the GPX 1.0 and 1.1 namespaces, a
// document without a namespace, and any prefix on extensions (gpxtpx:, ns3:,
// none) all read the same.
//
//   - Every <trkpt> of every <trk> and <trkseg> becomes one sample, in file
//     order: lat and lon attributes in degrees, <ele> as altitude in metres,
//     <time> as the time axis.
//   - Each track with samples becomes one [activity.Session] (Name is the
//     track <name>, Sport its <type>, Totals all NaN since GPX has none).
//   - Each boundary between two non-empty segments, within a track or
//     between tracks, becomes an [activity.Pause] of kind
//     [activity.PauseSegment] from the last sample of one segment to the first
//     of the next. Empty segments are skipped.
//   - Extensions: Garmin TrackPointExtension v1 and v2 (hr, cad, atemp; v2
//     speed), cluetrust gpxdata (hr, cadence, temp), and, as a last resort,
//     a bare <heartrate> (Amazfit, mapstogpx) and Garmin GpxExtensions v3
//     <Temperature>. When a point carries a value in several of these, the
//     TrackPointExtension wins, then gpxdata, then the others.
//   - Distance stays nil (GPX records none; the analyze package computes it
//     from positions). Speed is filled only from TrackPointExtension speed.
//     Course and GPX 1.0 <speed> and <course> are not read.
//   - A value the point lacks is NaN; a column no point fills is nil.
//   - Laps stay nil and the Athlete figures NaN: GPX carries neither.
//   - Metadata: Format "gpx"; Product is the <gpx> creator attribute
//     (Manufacturer stays empty: GPX does not name one); Sport is the first
//     track <type> in the file. Names.Track joins the metadata <name> and
//     the track names, Names.TrackType the track types, Names.Description
//     the metadata and track <desc>, each keeping distinct values in file
//     order, joined with "; ". GPX 1.0 metadata on the root element counts
//     as metadata.
//
// # Time
//
// <time> is read exactly, as tcxio reads a TCX <Time> (both use one
// parser): fractional seconds of any length (to the nanosecond, after a
// '.' or a ','), and a Z or ±hh:mm offset (±hhmm and ±hh are accepted
// too, as is a space or 't' for the 'T').
// [activity.Activity.Start] is the first sample's instant in its own offset:
// UTC for Z and +00:00, a [time.FixedZone] otherwise. Samples.Time holds
// offsets from Start in seconds, computed from integer nanoseconds, so they
// are exact as far as float64 allows (to the nanosecond for activities
// shorter than about 100 days).
//
// The file's times are reported, not repaired; what is odd is said in
// [activity.Activity.Warnings]:
//
//   - A time without a zone (2002-05-25T17:09:55.190000) is read as UTC.
//   - Track points without a <time> are dropped when others have one; a
//     <time> that cannot be read drops its point the same way. Segments left
//     empty are skipped.
//   - Times that go backwards are kept in file order.
//   - A file whose points all share one time is decoded as it is.
//
// # Errors
//
// Every error is an [*activity.FormatError] with Format "gpx", the byte
// offset in the input where it was found (-1 when not applicable), the
// innermost element at fault, and a Kind that is exactly one activity
// sentinel (Err holds the cause):
//
//   - [activity.ErrMalformed]: not well-formed XML, a root element other
//     than <gpx>, an unsupported encoding, or track points whose times are
//     all unreadable.
//   - [activity.ErrTruncated]: the input ends inside the document (or the
//     reader fails before it ends; the reader's error is wrapped too).
//   - [activity.ErrNotActivity]: routes or waypoints only, no track.
//   - [activity.ErrNoSamples]: no track point at all (metadata only, empty
//     tracks).
//   - [activity.ErrNoTimestamps]: track points, but none with a <time> (a
//     route or a drawn track).
//   - [activity.ErrLimit]: more track points than [Decoder.MaxSamples],
//     nesting deeper than [Decoder.MaxDepth], or one XML token larger than
//     [Decoder.MaxTokenSize]; the message names the limit and the field to
//     raise.
//
// A panic while decoding is recovered and returned as ErrMalformed.
//
// # Leniency
//
// A UTF-8 byte order mark is accepted, as are documents declaring US-ASCII,
// ISO-8859-1 or Windows-1252; all three are read as Windows-1252, as web
// browsers read them, so that a US-ASCII file holding "R\xe9cup" reads as
// "Récup" (tcxio reads it alike). Error offsets count the input's bytes,
// before the conversion to UTF-8. White space (or comments) before the XML
// declaration break the XML rules but leave the content intact: such a file
// is decoded, with a warning. A namespace prefix used without a declaration
// (seen in Strava exports) makes a document not namespace-well-formed, but
// since elements are matched by local name the data is unambiguous: such a
// file is decoded, with a warning. Content after the closing </gpx> is
// ignored with a warning. Numbers that cannot be read (lat, lon, ele,
// extension values) read as missing, with a warning.
package gpxio
