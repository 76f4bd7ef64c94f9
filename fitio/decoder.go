package fitio

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/muktihari/fit/decoder"

	"github.com/runcheck/runcheck/activity"
)

// Decoder decodes FIT activity files. The zero value is ready to use and
// decodes strictly with the default sample limit.
type Decoder struct {
	// Lenient, when the file is damaged (truncated, a checksum mismatch, a
	// message that cannot be decoded part-way), makes Decode return what was
	// decoded before the damage, with the error's text as an entry of
	// Activity.Warnings, instead of failing. It does so only when at least one
	// sample was salvaged; otherwise Decode returns the error.
	Lenient bool
	// MaxSamples is the number of samples an activity may have; 0 or less
	// means activity.DefaultMaxSamples. It bounds the number of laps and
	// of sessions too, which cost memory as samples do. A file with more
	// fails with activity.ErrLimit, whether or not Lenient is set.
	MaxSamples int
}

// Decode reads a FIT file from r with a zero [Decoder].
func Decode(r io.Reader) (*activity.Activity, error) {
	var d Decoder
	return d.Decode(r)
}

// Decode reads a whole FIT file from r, every chained sequence of it, and
// returns the activity it holds.
//
// Every error is a [*activity.FormatError] that matches exactly one of the
// activity sentinels with [errors.Is]:
//
//   - [activity.ErrTruncated]: the file ends before the data size its header
//     declares (an empty file included), or r failed.
//   - [activity.ErrChecksum]: a header CRC or file CRC does not match.
//   - [activity.ErrMalformed]: bytes that break the protocol (a bad header,
//     an invalid definition, a message without definition), or a panic
//     inside the FIT library.
//   - [activity.ErrNotActivity]: the file_id names a course, settings,
//     monitoring file, ...
//   - [activity.ErrNoSamples]: the file has no record message.
//   - [activity.ErrNoTimestamps]: it has records, none with a timestamp.
//   - [activity.ErrLimit]: more samples, laps or sessions than
//     d.MaxSamples.
//
// r is read to its end first; the bytes read are never modified.
func (d *Decoder) Decode(r io.Reader) (act *activity.Activity, err error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, formatError(int64(len(data)), "", activity.ErrTruncated, err)
	}
	return d.DecodeBytes(data)
}

// DecodeBytes decodes a whole FIT file held in data, as [Decoder.Decode]
// does, without the copy that reading it from an io.Reader makes. data is
// neither modified nor retained.
func (d *Decoder) DecodeBytes(data []byte) (*activity.Activity, error) {
	if len(data) == 0 {
		return nil, formatError(0, "file header", activity.ErrTruncated, errors.New("empty file"))
	}
	if act, ok := d.decodeFast(data); ok {
		return act, nil
	}
	return d.decodeLibrary(data)
}

// decodeLibrary decodes data with the FIT library decoding every message:
// the reference path, which Decode takes whenever the fast path declines
// (see fast.go), and so the only one that reports errors.
func (d *Decoder) decodeLibrary(data []byte) (act *activity.Activity, err error) {
	defer func() {
		if p := recover(); p != nil {
			act, err = nil, formatError(-1, "", activity.ErrMalformed, fmt.Errorf("FIT decoder panic: %v", p))
		}
	}()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := newCollector(d.maxSamples(), cancel)
	var damage *activity.FormatError
	for pos := 0; pos < len(data) && damage == nil; {
		pos, damage = c.decodeSequence(ctx, data, pos)
	}
	if damage != nil {
		if !d.Lenient || damage.Kind == activity.ErrLimit || c.numSamples() == 0 {
			return nil, damage
		}
		c.salvaged = true
		c.warnings = append(c.warnings, "decoded up to the damage: "+damage.Error())
	}
	return c.activity()
}

func (d *Decoder) maxSamples() int {
	if d.MaxSamples <= 0 {
		return activity.DefaultMaxSamples
	}
	return d.MaxSamples
}

// decodeSequence decodes the FIT sequence (file header, messages, file CRC)
// that starts at data[pos] into c and returns the position after it. On
// damage it returns the error, and c holds what was decoded before it:
//
//   - bytes that run out at the end of the file, which then has no valid
//     CRC, are ErrTruncated (a file cut short, or never finished);
//   - any other decoding error is ErrMalformed, met before the CRC;
//   - a sequence that decodes but whose CRC does not match is ErrChecksum.
//
// The library decodes with its checksum off: it would reject files whose
// 14-byte header has a header CRC of 0, which the protocol allows ("not
// computed"). The checks are done here instead, over the bytes: the header
// CRC when it is not 0, and the file CRC over the whole sequence from its
// first header byte, which is what the FIT SDK computes (with a valid header
// CRC, the CRC of the header bytes is 0, so this equals the CRC of the data
// alone).
func (c *collector) decodeSequence(ctx context.Context, data []byte, pos int) (int, *activity.FormatError) {
	headerSize, dataSize, ferr := readHeader(data, pos)
	if ferr != nil {
		return pos, ferr
	}
	crcAt := int64(pos) + int64(headerSize) + int64(dataSize)
	complete := crcAt+2 <= int64(len(data))
	seq := data[pos:]
	if complete {
		seq = data[pos : crcAt+2]
	}

	lib, skipped := skipBadDeveloperDefinitions(seq, headerSize, pos)
	c.warnings = append(c.warnings, skipped...)
	c.beginSequence(lib, headerSize, dataSize, c.numSamples())
	dec := decoder.New(bytes.NewReader(lib),
		decoder.WithMesgListener(c),
		decoder.WithMesgDefListener(c),
		decoder.WithBroadcastOnly(),
		decoder.WithIgnoreChecksum(),
	)
	_, err := dec.DecodeWithContext(ctx)

	var crcErr error
	if complete {
		crcErr = checkFileCRC(seq)
	} else {
		crcErr = errors.New("no file CRC")
	}
	at := int64(pos + c.off)
	switch {
	case c.limitHit == "samples":
		return pos, formatError(at, "record", activity.ErrLimit, &activity.LimitError{
			Limit: "fitio.Decoder.MaxSamples", What: fmt.Sprintf("more than %d samples", c.maxSamples)})
	case c.limitHit != "":
		return pos, formatError(at, strings.TrimSuffix(c.limitHit, "s"), activity.ErrLimit,
			&activity.LimitError{Limit: "fitio.Decoder.MaxSamples",
				What: fmt.Sprintf("more than %d %s (MaxSamples bounds laps and sessions too)", c.maxSamples, c.limitHit)})
	case isEOF(err) && pos+len(seq) == len(data) && crcErr != nil:
		// The bytes ran out at the end of the file, which has no valid CRC:
		// the file was cut short, or its writer never finished it.
		cause := fmt.Errorf("the file ends at byte %d; the header at byte %d declares %d bytes of data and a 2-byte CRC",
			len(data), pos, dataSize)
		if complete {
			cause = fmt.Errorf("the last message runs past the end of the file at byte %d, and the last 2 bytes are no valid CRC",
				len(data))
		}
		return pos, formatError(at, c.pendingElement(), activity.ErrTruncated, cause)
	case err != nil:
		return pos, formatError(at, c.pendingElement(), activity.ErrMalformed, libraryError(err, data, at))
	case crcErr != nil:
		return pos, formatError(crcAt, "file CRC", activity.ErrChecksum, crcErr)
	}
	return int(crcAt) + 2, nil
}

// readHeader checks the file header at data[pos] and returns its size and
// the size of the data it declares.
func readHeader(data []byte, pos int) (headerSize int, dataSize uint32, ferr *activity.FormatError) {
	b := data[pos:]
	headerSize = int(b[0])
	if headerSize != 12 && headerSize != 14 {
		return 0, 0, formatError(int64(pos), "file header", activity.ErrMalformed,
			fmt.Errorf("header size %d, want 12 or 14 (not a FIT file)", headerSize))
	}
	if len(b) < headerSize {
		return 0, 0, formatError(int64(pos), "file header", activity.ErrTruncated,
			fmt.Errorf("%d of the %d header bytes", len(b), headerSize))
	}
	if string(b[8:12]) != ".FIT" {
		return 0, 0, formatError(int64(pos), "file header", activity.ErrMalformed,
			errors.New(`no ".FIT" signature (not a FIT file)`))
	}
	dataSize = binary.LittleEndian.Uint32(b[4:8])
	if dataSize == 0 {
		return 0, 0, formatError(int64(pos), "file header", activity.ErrMalformed, errors.New("data size 0"))
	}
	if headerSize == 14 {
		want := binary.LittleEndian.Uint16(b[12:14])
		if got := crc16(0, b[:12]); want != 0 && want != got {
			return 0, 0, formatError(int64(pos), "file header", activity.ErrChecksum,
				fmt.Errorf("header CRC 0x%04x, computed 0x%04x", want, got))
		}
	}
	return headerSize, dataSize, nil
}

// checkFileCRC checks the file CRC in the last two bytes of seq against the
// bytes before it.
func checkFileCRC(seq []byte) error {
	n := len(seq) - 2
	want := binary.LittleEndian.Uint16(seq[n:])
	if got := crc16(0, seq[:n]); got != want {
		return fmt.Errorf("file CRC 0x%04x, computed 0x%04x", want, got)
	}
	return nil
}

func isEOF(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

func formatError(offset int64, element string, kind, cause error) *activity.FormatError {
	return &activity.FormatError{Format: activity.FormatFIT, Offset: offset, Element: element, Kind: kind, Err: cause}
}

// plainError is an error of the FIT library told in plain words: what is
// wrong, and what it means for the file. It wraps the library's error, so
// errors.Is still finds the library's sentinels (decoder.ErrMesgDefMissing).
type plainError struct {
	msg string
	err error
}

func (e *plainError) Error() string { return e.msg }
func (e *plainError) Unwrap() error { return e.err }

// Messages of the FIT library (muktihari/fit v0.28.3) that libraryError
// rewords: a definition giving a field a base type FIT does not have,
// "message definition number: record(20): fields[0].BaseType: invalid(6):
// invalid basetype", whose message name is "MesgNumInvalid(16362)" for a
// number the profile does not know; and a field_description doing so.
var (
	libBadBaseType    = regexp.MustCompile(`message definition number: (.*)\((\d+)\): fields\[(\d+)\]\.BaseType: (?:.*\((\d+)\)|\S+): invalid basetype`)
	libBadDevBaseType = regexp.MustCompile(`fieldDescription\.FitBaseTypeId: (?:.*\((\d+)\)|\S+): invalid basetype`)
	libBytePos        = regexp.MustCompile(`^(?:byte pos: \d+: )?(?:[a-z ]+ \[byte pos: \d+\]: )?`)
)

// libraryError translates an error of the FIT library, met decoding the
// message at byte at of data, into what is wrong with the file. The
// library's offsets are dropped: the FormatError gives the message's own.
// An error it does not know keeps the library's words.
func libraryError(err error, data []byte, at int64) error {
	msg := err.Error()
	switch {
	case errors.Is(err, decoder.ErrMesgDefMissing):
		local := "a local message type"
		if at >= 0 && at < int64(len(data)) {
			h := data[at]
			n := h & 0x0F
			if h&0x80 != 0 { // a compressed timestamp header
				n = h >> 5 & 0x03
			}
			local = "local message type " + strconv.Itoa(int(n))
		}
		return &plainError{fmt.Sprintf("a data message uses %s, which no definition before it declares: "+
			"the file is damaged (or its writer left a definition out)", local), err}
	case libBadBaseType.MatchString(msg):
		m := libBadBaseType.FindStringSubmatch(msg)
		field, _ := strconv.Atoi(m[3])
		what := fmt.Sprintf("the definition of message %s (%s)", m[1], m[2])
		damage := "the file is damaged, or its writer is faulty"
		if strings.HasPrefix(m[1], "MesgNumInvalid") {
			what = fmt.Sprintf("a definition of message number %s, unknown to the FIT profile,", m[2])
			damage = "these bytes are no valid definition: the file is damaged (or written with the wrong byte order)"
		}
		return &plainError{fmt.Sprintf("%s gives its field %d %s, which FIT does not have: %s",
			what, field+1, baseType(m[4]), damage), err}
	case libBadDevBaseType.MatchString(msg):
		m := libBadDevBaseType.FindStringSubmatch(msg)
		return &plainError{fmt.Sprintf("a field_description message gives a developer field %s, which FIT does not have: "+
			"the file is damaged, or its writer is faulty", baseType(m[1])), err}
	}
	if plain := libBytePos.ReplaceAllString(msg, ""); plain != msg && plain != "" {
		return &plainError{plain, err}
	}
	return err
}

// baseType words a base type number ("6") as "the base type 0x06", or
// "a base type" when it is not known.
func baseType(num string) string {
	n, err := strconv.Atoi(num)
	if err != nil {
		return "a base type"
	}
	return fmt.Sprintf("the base type 0x%02x", n)
}
