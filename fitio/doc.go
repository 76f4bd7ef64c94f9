// Package fitio decodes FIT activity files (Garmin's Flexible and
// Interoperable Data Transfer protocol, written by Garmin, Coros, Suunto,
// Wahoo, Hammerhead and many apps) into an [activity.Activity].
//
// The bytes are decoded by [github.com/muktihari/fit]; this package frames
// the file, checks its integrity and maps the messages to the common sample
// stream. Use [Decode], or a [Decoder] for lenient decoding or another
// sample limit.
//
// Record messages, nearly all of a file, are read straight from the bytes
// by their definitions (a fast path two to four times faster than building
// the library's generic values for every field), and the other messages are
// decoded by the library. Where the two could differ (damage, compressed
// timestamp headers on other messages than records,
// compressed_speed_distance, a speed or altitude field defined twice, the
// sample limit, a chained activity) the library decodes the whole file; tests check
// that both give the identical activity on every fixture, corpus file and
// fuzzed input.
//
// # Samples
//
// Each record message with a timestamp is one sample, in file order.
// [activity.Activity.Start] is the time of the first record; the time offsets
// are whole seconds, since FIT timestamps are. Compressed timestamps and
// compressed_speed_distance (old footpod devices) are expanded by the
// library. Channels:
//
//   - distance: distance (m)
//   - speed: enhanced_speed, else speed (m/s)
//   - altitude: enhanced_altitude, else altitude (m)
//   - lat, lon: position_lat, position_long, semicircles to degrees
//   - heart rate: heart_rate (bpm), filled in from hr messages (below)
//   - cadence: cadence plus fractional_cadence (rpm as the device writes it:
//     strides per minute of one foot for running)
//   - temperature: temperature (°C)
//
// A field's invalid marker (0xFF, 0xFFFF, ...) is NaN; a channel that no
// record carries a value for is a nil column. Developer fields are skipped.
// A field of a developer_data_id or field_description definition whose base
// type FIT does not have (GoldenCheetah's re-saved files), and a developer
// field whose field_description gives it such a base type, are skipped with
// a warning, as other FIT decoders do, and the file decodes; in any other
// definition such a field is damage ([activity.ErrMalformed]).
// Records without a timestamp are skipped, and timestamps that go backwards
// are kept in file order; both are reported in [activity.Activity.Warnings].
// A timestamp more than a month after every one before it is corrupt (no
// activity lasts that long): the samples are cut there, keeping the larger
// side, with a warning, and [activity.Activity.Salvaged] marks the activity as one that
// holds less than its file, as it does for lenient salvage.
//
// The start's location is the UTC offset of the activity message's
// local_timestamp from its timestamp, rounded to the quarter hour (some
// devices take local_timestamp minutes after timestamp); both are written
// at the end of the activity, so across a daylight saving change it is the
// offset at the end. Without local_timestamp the start is in UTC.
//
// # Chained files and heart rate straps
//
// A FIT file may chain several sequences, each with its own header and CRC;
// all are decoded. A later sequence without a file_id is part of the
// activity: heart rate straps that record on their own (HRM-Swim, HRM-Pro,
// the HRM plug-in) have their data appended that way, as hr messages whose
// readings are timed by event_timestamp (1/1024 s) from an anchor hr message
// that carries a timestamp. A sample without a heart rate takes the mean,
// rounded, of the readings after the previous sample and at or before its
// own time, looking back at most 2 s (the FIT SDK's rule, without its 5 s
// hold of the last reading). A recorded heart rate is never replaced. A
// later sequence whose file_id names another file type (a settings file
// chained after the activity) is ignored. A later sequence whose file_id is
// the first's (type, manufacturer, product, serial number and time created)
// is the same recording again (a file concatenated with itself, or with a
// longer copy of it): its records, timer events and laps at or before the
// latest ones already decoded, and its sessions with the start and sport of
// one already decoded, are taken once (the first copy is kept), with a
// warning. Another activity chained after the first (another device's
// file_id) is kept apart, as several sessions.
//
// # Pauses, laps and sessions
//
// Timer events make the pauses ([activity.PauseTimer]): Garmin writes event
// timer with event_type stop_all (stop, stop_disable and stop_disable_all
// count too) when the timer stops, by hand or by auto-pause, and start when
// it runs again. A pause runs from the first stop to the next start; a stop
// never followed by a start is a pause to the last sample, except the stop
// that ends the recording. Pauses are listed by start time; timer events
// out of time order are reported in [activity.Activity.Warnings].
//
// Laps and sessions keep the device's own totals ([activity.Totals]),
// enhanced speeds preferred. Sessions are kept apart (a triathlon has one
// per leg and transition); each takes the samples from its start_time to
// the next session's start, so that every sample is in exactly one. A
// session's [activity.TimeInZone] comes from the time_in_zone message that
// refers to it; Garmin writes one more time than boundaries there, the last
// being the time above the top boundary.
//
// # Metadata and athlete
//
// Sport and sub-sport are the first session's (else the sport message's),
// as lower-case profile names ("running", "treadmill"). Manufacturer and
// product are profile names ("garmin", "fr955"), numbers where the profile
// has none. The sport profile name (sport.name, else the session's
// sport_profile_name) and the workout name (workout.wkt_name) are kept for
// labelling. [activity.Athlete] gathers what user_profile, zones_target,
// hr_zone and the first session's time_in_zone carry; a heart rate setting of
// 0 means "not set" there and is NaN.
//
// # Integrity and errors
//
// Every error is a [*activity.FormatError] with Format "fit", the byte offset
// and the element (file header, definition, record, file CRC, ...) where the
// problem was found, matching exactly one sentinel:
// [activity.ErrTruncated] (the file ends before the data size its header
// declares; an empty file), [activity.ErrChecksum], [activity.ErrMalformed],
// [activity.ErrNotActivity] (the file_id names a course, settings,
// monitoring file, ...), [activity.ErrNoSamples] (no records),
// [activity.ErrNoTimestamps] (records, none with a timestamp) and
// [activity.ErrLimit] ([Decoder.MaxSamples]). A panic inside the FIT library
// is recovered and returned as ErrMalformed.
//
// The header CRC is checked when it is not 0 (the protocol's "not
// computed", which old Garmin devices write) and the file CRC of every
// sequence is checked over the sequence's bytes from its first header byte,
// as the FIT SDK does. A file_id without a file type is decoded as an
// activity, with a warning.
//
// With [Decoder.Lenient], a damaged file yields what was decoded before the
// damage, with the error as a warning, when that includes a sample.
package fitio
