// Package tcxio decodes Garmin Training Center XML (TCX) files into an
// [activity.Activity], the common sample stream of runcheck.
//
// [Decode] reads a file with the default limits; a [Decoder] sets its own.
// Elements are matched by their local names, so any namespace prefix
// works: ns3:TPX, a default xmlns on TPX, or no namespace at all.
//
// # Readers
//
// The input is read as a stream of XML tokens (no document tree is built)
// by one of two readers that feed the same parser. The fast reader holds
// the whole input in memory (up to 256 MiB) and scans it with a byte
// scanner (runcheck's internal/xmlscan) that reads a strict subset of XML:
// UTF-8, ASCII names, no DOCTYPE. It allocates per file and per lap, never
// per trackpoint (about 600 times for a 24-hour run at 1 Hz). Anything outside that subset, any error before the
// end of the document, and any input over 256 MiB or whose reader fails go
// to the reference reader, a streaming reader on [encoding/xml] that reads
// the input again from its first byte; so every error comes from the
// reference reader. On the subset both readers give the identical activity,
// which the package's differential and fuzz tests check.
//
// # Mapping
//
// Every Activity element under TrainingCenterDatabase/Activities, directly or
// inside a MultiSportSession (FirstSport, NextSport), becomes one
// [activity.Session]:
//
//   - Sport is the Sport attribute as written ("Running", "Biking",
//     "Other"); Start is the Activity's Id, a time, as an offset from
//     [activity.Activity.Start] (it can be negative: Polar writes an Id one
//     second before the first trackpoint).
//   - First and End delimit the session's trackpoints, in file order.
//   - Totals combine the session's laps: timer time, distance and calories
//     are summed when every lap carries them, maximum speed and heart rate
//     are the laps' maxima, average speed, heart rate and cadence are the
//     laps' averages weighted by lap timer time when every lap with timer
//     time carries them; the rest is NaN.
//   - A multisport Transition lap becomes a session of its own with Sport
//     "Transition", so that every sample belongs to exactly one session.
//
// Metadata.Sport is the sessions' sport when they agree, "MultiSport" for a
// MultiSportSession of several sports, and empty otherwise. Product is the
// first Creator/Name as written ("Garmin Forerunner 910XT", "Polar M400");
// SerialNumber is Creator/UnitId unless it is 0. TCX names no manufacturer,
// so Manufacturer stays empty rather than being guessed from the product
// name; ProductID, the firmware Version and the Author element (the
// exporting software) are not kept. Names.Notes joins the distinct Notes of
// activities, laps and multisport sessions with "; "; Names.Workout joins
// the distinct Training/Plan/Name values (Polar writes the sport profile
// there, "Hardlopen", "Indoor Cycling").
//
// Each Lap (StartTime attribute) becomes an [activity.Lap]: TotalTimeSeconds
// is Totals.TimerTime, DistanceMeters Distance, MaximumSpeed MaxSpeed,
// Calories Calories, AverageHeartRateBpm and MaximumHeartRateBpm
// AvgHeartRate and MaxHeartRate, Cadence AvgCadence (or the LX extension's
// AvgRunCadence when Cadence is absent), LX AvgSpeed AvgSpeed; Intensity
// ("Active", "Resting") and TriggerMethod ("Manual", "Distance") are kept as
// written. TCX laps carry no elapsed time, so Totals.ElapsedTime is NaN. A
// negative TotalTimeSeconds is no duration: it is read as NaN, with the
// warning about values that are not numbers.
//
// Each Trackpoint with a Time becomes one sample: Position (latitude and
// longitude in degrees), AltitudeMeters, DistanceMeters (cumulative from the
// session start), HeartRateBpm/Value, Cadence, and the TPX extension's Speed
// and RunCadence (RunCadence fills the cadence when Cadence is absent; both
// are per minute as the device wrote them). SensorState and TPX Watts have
// no column and are ignored. A value the trackpoint lacks is NaN; a channel
// no trackpoint has is a nil column. Values are kept as written: a heart
// rate of 255 (the FR110's "no strap" marker) stays 255 for the cleaning
// stage to judge.
//
// # Times
//
// Times are xsd:dateTime (RFC 3339), read as gpxio reads a GPX <time>
// (both use one parser): a space or 't' may stand for the 'T', a ',' for
// the '.', and ±hhmm or ±hh for a ±hh:mm offset. Fractional seconds are
// kept to the nanosecond and the UTC offset exactly:
// [activity.Activity.Start] is the first trackpoint's time in a
// [time.FixedZone] of its offset, or in UTC for a time written with Z or
// +00:00. A time with no offset at all is read as UTC, with a warning. Sample times are seconds from Start, in file order: times that go
// backwards are kept where they are and reported in Warnings.
//
// # Pauses and odd trackpoints
//
// A TCX file marks a pause by closing the lap's Track element and opening a
// new one when the timer resumes (Garmin's TCX writers do; so does Polar
// Flow, whose two corpus files have 93 s and 399 s pauses written that
// way). So the boundary between two Track elements of one Lap is an
// [activity.Pause] of kind [activity.PauseTrack], from the last sample of
// the one to the first sample of the next. Lap boundaries and Activity
// boundaries are not pauses: every lap has its own Track, devices with smart
// recording leave 1 to 6 s between the last point of a lap and the first of
// the next, and Suunto leaves laps without any trackpoint, so such a gap says
// nothing about the timer. Some exports write no boundary at all for a pause
// (the corpus's Forerunner 220 and 910XT files from Garmin Connect keep one
// Track per lap although the laps' timer time is shorter than their span);
// then the gap between samples is all that is left, and the analyze
// package's gap rule decides what it means.
//
// A Trackpoint that holds a Time and nothing else (the Forerunner 305 and
// 410 write one where the recording of a lap starts or stops) is kept as a
// sample with every channel NaN: it records when the timer ran, and
// dropping it would shorten the lap it closes. A Trackpoint without a usable Time is dropped
// and counted in a warning; when no trackpoint has one the file is rejected.
//
// # Errors
//
// Every error is an [*activity.FormatError] with Format "tcx", the byte
// offset in the input where known (where [encoding/xml.Decoder] stopped;
// -1 for whole-file conditions) and the innermost element, wrapping exactly one
// sentinel:
//
//   - [activity.ErrMalformed]: not well-formed XML (including bytes before
//     the XML declaration), a root element other than
//     TrainingCenterDatabase, UTF-16 or an unsupported encoding. UTF-8 with
//     or without a byte order mark, ISO-8859-1, Windows-1252 and US-ASCII
//     are read, the last three all as Windows-1252, as web browsers read
//     them (so a US-ASCII file holding "R\xe9cup" reads as "Récup", as
//     gpxio reads it); offsets count the input's bytes, before the
//     conversion to UTF-8.
//   - [activity.ErrTruncated]: the input ends inside the document, is empty,
//     or the reader fails (the reader's error is wrapped too).
//   - [activity.ErrNotActivity]: no Activities/Activity element, as in a
//     course or workout file.
//   - [activity.ErrNoSamples]: activities without any trackpoint.
//   - [activity.ErrNoTimestamps]: trackpoints, none with a usable Time.
//   - [activity.ErrLimit]: more trackpoints, laps or activities than
//     Decoder.MaxSamples, elements nested deeper than Decoder.MaxDepth, or a
//     token or element text longer than Decoder.MaxTokenSize; the message
//     names the field to raise.
//
// A panic while decoding is recovered and returned as ErrMalformed. Content
// after the end of the root element is ignored with a warning.
package tcxio
