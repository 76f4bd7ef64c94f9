package fitio

import (
	"bytes"
	"context"
	"encoding/binary"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/factory"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/proto"

	"github.com/runcheck/runcheck/activity"
)

// The fast path.
//
// Record messages are nearly all of an activity file (a 3-hour run has
// 10,800 of them and a few dozen other messages), and the FIT library
// builds a generic value for every field of every one of them. The fast
// path frames each sequence itself, reads the record fields the stream
// uses straight from the bytes with the record definitions, and hands
// everything else (definitions and the other messages, in file order) to
// the library as a smaller FIT sequence of its own, to be decoded exactly
// as before into the same collector. The result is the activity the
// library path gives, which a differential test and a fuzz target check.
//
// Compressed timestamp headers are followed as the library does: the time
// of every message with a timestamp field, of any type, sets the clock that
// a compressed header's 5-bit offset advances.
//
// The fast path declines, and Decode takes the library path over the whole
// file, whenever the result could differ or the file is not clean: any
// damage (a header, definition, message or CRC the library would reject, a
// truncation), the sample limit, a compressed timestamp header on a message
// other than a record (its time would depend on the records the library no
// longer sees), a speed or altitude field defined twice, the
// compressed_speed_distance field (whose components accumulate), a
// field description with an invalid base type (whether a record uses it or
// not: the library path skips it with a warning), and a
// chained sequence whose file_id has the first's file type (another
// activity, or the same recording again, which the collector takes once). So
// errors, warnings and lenient salvage come from the library path alone.

// recordLayout holds where, within a record message's data, the fields the
// stream uses are.
type recordLayout struct {
	ts, lat, lon, dist, speed, enhSpeed, alt, enhAlt, hr, cad, frac, temp field
}

// field is where a field's value is: n bytes (its profile size or fewer) at
// off; n is 0 for a field the definition does not have.
type field struct{ off, n int }

// devKey identifies a developer field: its developer data index and field
// number.
type devKey struct{ index, num byte }

// fieldDesc is what the library checks of a field_description message when
// it decodes a developer field: the developer field it describes and its
// base type.
type fieldDesc struct {
	key      devKey
	baseType basetype.BaseType
}

// fastDef is a message definition compiled for the fast path.
type fastDef struct {
	defined bool
	mesg    typedef.MesgNum
	big     bool // big-endian fields
	size    int  // data bytes after the message header
	// stamp is the last timestamp field (253) that the library decodes as
	// a uint32 and so takes as the time of compressed timestamp headers.
	stamp field
	rec   recordLayout
	dev   []devKey // the developer fields of a record, size 0 left out
	// devChecked is the number of field descriptions dev was last checked
	// against.
	devChecked int
	// fileType is the offset of file_id.type; desc the offsets of
	// field_description's developer_data_index, field_definition_number and
	// fit_base_type_id; -1 when absent.
	fileType int
	desc     [3]int
}

// fastScanner frames the sequences of one file for the fast path.
type fastScanner struct {
	c    *collector
	defs [16]fastDef
	// descs are the field descriptions met so far in the sequence.
	descs []fieldDesc
	// firstType is the file type of the file's first file_id, -1 before it;
	// skip is set when the sequence's file_id names another type, as
	// collector.fileIDMesg does.
	firstType int
	skip      bool
	// timestamp and lastOffset are the library's clock for compressed
	// timestamp headers: the last timestamp decoded and its low 5 bits.
	timestamp  uint32
	lastOffset byte
	rest       []byte // the sequence without its records, for the library
}

// decodeFast decodes data by the fast path. ok is false when the fast path
// declines (see above); the caller then decodes data by the library path.
func (d *Decoder) decodeFast(data []byte) (act *activity.Activity, ok bool) {
	defer func() {
		if recover() != nil {
			act, ok = nil, false
		}
	}()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := newCollector(d.maxSamples(), cancel)
	s := fastScanner{c: c, firstType: -1}
	for pos := 0; pos < len(data); {
		headerSize, dataSize, ferr := readHeader(data, pos)
		if ferr != nil {
			return nil, false
		}
		end := int64(pos) + int64(headerSize) + int64(dataSize) + 2
		if end > int64(len(data)) {
			return nil, false
		}
		seq := data[pos:end]
		if checkFileCRC(seq) != nil {
			return nil, false
		}
		before := c.numSamples()
		if !s.scan(seq, headerSize) {
			return nil, false
		}
		c.beginSequence(s.rest, headerSize, uint32(len(s.rest)-headerSize-2), before)
		dec := decoder.New(bytes.NewReader(s.rest),
			decoder.WithMesgListener(c),
			decoder.WithMesgDefListener(c),
			decoder.WithBroadcastOnly(),
			decoder.WithIgnoreChecksum(),
		)
		if _, err := dec.DecodeWithContext(ctx); err != nil || c.limitHit != "" {
			return nil, false
		}
		pos = int(end)
	}
	a, err := c.activity()
	if err != nil {
		return nil, false
	}
	return a, true
}

// scan reads the records of the sequence seq, whose header is headerSize
// bytes, into the collector, and leaves the rest of the sequence in
// s.rest: its header with the new data size, the definitions and the other
// messages in file order, and a CRC of 0 (the library is told to ignore it;
// the CRC of seq has been checked). It returns false to decline.
func (s *fastScanner) scan(seq []byte, headerSize int) bool {
	s.defs = [16]fastDef{}
	s.descs = s.descs[:0]
	s.skip = false
	s.timestamp, s.lastOffset = 0, 0
	rest := append(s.rest[:0], seq[:headerSize]...)
	end := len(seq) - 2
	for off := headerSize; off < end; {
		h := seq[off]
		compressed := h&proto.MesgCompressedHeaderMask != 0
		local := h & proto.LocalMesgNumMask
		switch {
		case compressed:
			local = (h & proto.CompressedLocalMesgNumMask) >> proto.CompressedBitShift
		case h&proto.MesgDefinitionMask != 0:
			n, ok := s.define(seq[off:end], h)
			if !ok {
				return false
			}
			rest = append(rest, seq[off:off+n]...)
			off += n
			continue
		}
		def := &s.defs[local]
		if !def.defined || off+1+def.size > end || compressed && def.mesg != typedef.MesgNumRecord {
			return false
		}
		msg := seq[off+1 : off+1+def.size]
		ts := uint32(basetype.Uint32Invalid)
		if compressed {
			offset := h & proto.CompressedTimeMask
			s.timestamp += uint32((offset - s.lastOffset) & proto.CompressedTimeMask)
			s.lastOffset = offset
			ts = s.timestamp
		}
		if def.stamp.n > 0 {
			s.timestamp = uint32(read(msg, def.stamp, def.big))
			s.lastOffset = byte(s.timestamp & proto.CompressedTimeMask)
		}
		if def.mesg == typedef.MesgNumRecord {
			if !s.record(def, msg, ts, (end-off)/(1+def.size)) {
				return false
			}
		} else {
			switch def.mesg {
			case typedef.MesgNumFileId:
				if !s.fileID(def, msg) {
					return false
				}
			case typedef.MesgNumFieldDescription:
				if def.desc[2] >= 0 && !basetype.BaseType(msg[def.desc[2]]).Valid() {
					return false // skipped with a warning by the library path
				}
				s.descs = append(s.descs, fieldDesc{
					key:      devKey{index: byteAt(msg, def.desc[0]), num: byteAt(msg, def.desc[1])},
					baseType: basetype.BaseType(byteAt(msg, def.desc[2])),
				})
			}
			rest = append(rest, seq[off:off+1+def.size]...)
		}
		off += 1 + def.size
	}
	binary.LittleEndian.PutUint32(rest[4:8], uint32(len(rest)-headerSize))
	if headerSize == 14 {
		rest[12], rest[13] = 0, 0
	}
	s.rest = append(rest, 0, 0)
	return true
}

// byteAt returns b[off], or the invalid uint8 when off is -1, as the
// library's message structs give for an absent field.
func byteAt(b []byte, off int) byte {
	if off < 0 {
		return basetype.Uint8Invalid
	}
	return b[off]
}

// fileID follows the file_id messages as collector.fileIDMesg does, to
// skip the records of a sequence of another file type. It returns false to
// decline a later file_id of the first's type: a chained activity, which
// may repeat the first's recording (collector.fileIDMesg decides).
func (s *fastScanner) fileID(def *fastDef, msg []byte) bool {
	t := int(byteAt(msg, def.fileType))
	switch {
	case s.firstType < 0:
		s.firstType = t
	case t != s.firstType:
		s.skip = true
	default:
		return false
	}
	return true
}

// define compiles the definition at the start of b (which ends at the
// sequence's data end), whose header byte is h, and returns its size. It
// declines where the library would fail, and for the layouts the fast path
// leaves to the library.
func (s *fastScanner) define(b []byte, h byte) (int, bool) {
	if len(b) < 6 {
		return 0, false
	}
	def := fastDef{defined: true, big: b[2] != proto.LittleEndian, fileType: -1, desc: [3]int{-1, -1, -1}}
	if def.big {
		def.mesg = typedef.MesgNum(binary.BigEndian.Uint16(b[3:5]))
	} else {
		def.mesg = typedef.MesgNum(binary.LittleEndian.Uint16(b[3:5]))
	}
	n := int(b[5])
	size := 6 + 3*n
	if len(b) < size {
		return 0, false
	}
	rec := &def.rec
	for i := range n {
		f := b[6+3*i : 9+3*i]
		num, fsize, bt := f[0], int(f[1]), basetype.BaseType(f[2])
		if !bt.Valid() {
			return 0, false // the library rejects the definition
		}
		if fsize == 0 {
			continue // the library drops it
		}
		if num == proto.FieldNumTimestamp && decodesAsUint32(def.mesg, bt, fsize) {
			def.stamp = field{off: def.size, n: min(fsize, 4)}
		}
		var ok bool
		switch def.mesg {
		case typedef.MesgNumRecord:
			ok = rec.place(num, fsize, def.size)
		case typedef.MesgNumFileId:
			ok = num != fieldnum.FileIdType || place(&def.fileType, fsize, 1, def.size)
		case typedef.MesgNumFieldDescription:
			ok = num > fieldnum.FieldDescriptionFitBaseTypeId || place(&def.desc[num], fsize, 1, def.size)
		default:
			ok = true
		}
		if !ok {
			return 0, false
		}
		def.size += fsize
	}
	if h&proto.DevDataMask != 0 {
		if len(b) < size+1 {
			return 0, false
		}
		m := int(b[size])
		size += 1 + 3*m
		if len(b) < size {
			return 0, false
		}
		for i := range m {
			f := b[size-3*m+3*i:]
			if f[1] == 0 {
				continue
			}
			def.size += int(f[1])
			if def.mesg == typedef.MesgNumRecord {
				def.dev = append(def.dev, devKey{index: f[2], num: f[0]})
			}
		}
	}
	s.defs[h&proto.LocalMesgNumMask] = def
	return size, true
}

// decodesAsUint32 reports whether the library decodes a timestamp field
// (253) of fsize bytes and base type bt in message mesg as a single uint32,
// which it then takes as the time for compressed timestamp headers: always
// where the profile defines the field (as a uint32 date_time in every
// message that has it), else when the definition says uint32 and the size
// is not that of an array of them.
func decodesAsUint32(mesg typedef.MesgNum, bt basetype.BaseType, fsize int) bool {
	if factory.CreateField(mesg, proto.FieldNumTimestamp).Name != factory.NameUnknown {
		return true
	}
	isArray := fsize > 4 && fsize%4 == 0
	return (bt == basetype.Uint32 || bt == basetype.Uint32z) && !isArray
}

// place records at *at the offset off of a field of fsize bytes whose
// profile size is want. It declines a field defined twice or of another
// size; the library path reads those (the last one, zero-padded, the first
// element).
func place(at *int, fsize, want, off int) bool {
	if *at >= 0 || fsize != want {
		return false
	}
	*at = off
	return true
}

// place records where record field num is: fsize bytes at off. It reads
// fields as the library does: the first value of a field longer than its
// profile's size, a shorter one zero-padded, the last of a field defined
// twice. It declines a second speed or altitude, which the library expands
// twice, and compressed_speed_distance, whose components the library
// expands into speed and an accumulated distance.
func (l *recordLayout) place(num byte, fsize, off int) bool {
	var f *field
	want := 1
	switch num {
	case fieldnum.RecordTimestamp:
		f, want = &l.ts, 4
	case fieldnum.RecordPositionLat:
		f, want = &l.lat, 4
	case fieldnum.RecordPositionLong:
		f, want = &l.lon, 4
	case fieldnum.RecordDistance:
		f, want = &l.dist, 4
	case fieldnum.RecordSpeed:
		f, want = &l.speed, 2
	case fieldnum.RecordEnhancedSpeed:
		f, want = &l.enhSpeed, 4
	case fieldnum.RecordAltitude:
		f, want = &l.alt, 2
	case fieldnum.RecordEnhancedAltitude:
		f, want = &l.enhAlt, 4
	case fieldnum.RecordHeartRate:
		f = &l.hr
	case fieldnum.RecordCadence:
		f = &l.cad
	case fieldnum.RecordFractionalCadence:
		f = &l.frac
	case fieldnum.RecordTemperature:
		f = &l.temp
	case fieldnum.RecordCompressedSpeedDistance:
		return false
	default:
		return true
	}
	if f.n > 0 && (f == &l.speed || f == &l.alt) {
		return false
	}
	*f = field{off: off, n: min(fsize, want)}
	return true
}

// record reads one record message's data msg into the collector. ts is the
// time of its compressed timestamp header, basetype.Uint32Invalid for a
// normal header; a timestamp field in the record wins over it, as in the
// library. room is the number of records the rest of the sequence can hold.
func (s *fastScanner) record(def *fastDef, msg []byte, ts uint32, room int) bool {
	if len(def.dev) > 0 && def.devChecked != len(s.descs) {
		if !s.devFieldsDecodable(def.dev) {
			return false
		}
		def.devChecked = len(s.descs)
	}
	if s.skip {
		return true
	}
	if s.c.numSamples() == s.c.maxSamples {
		return false // the library path reports the limit
	}
	l, big := &def.rec, def.big
	v := noRecordValues()
	v.ts = ts
	if l.ts.n > 0 {
		v.ts = uint32(read(msg, l.ts, big))
	}
	if l.lat.n > 0 {
		v.lat = degrees(int32(read(msg, l.lat, big)))
	}
	if l.lon.n > 0 {
		v.lon = degrees(int32(read(msg, l.lon, big)))
	}
	if l.dist.n > 0 {
		v.dist = scaledU32(uint32(read(msg, l.dist, big)), 100, 0)
	}
	// speed and altitude have components that the library expands into
	// enhanced_speed and enhanced_altitude, over a value the record may
	// carry too; the expansion's float arithmetic is repeated exactly.
	if l.enhSpeed.n > 0 {
		v.enhSpeed = scaledU32(uint32(read(msg, l.enhSpeed, big)), 1000, 0)
	}
	if l.speed.n > 0 {
		if raw := uint16(read(msg, l.speed, big)); raw != basetype.Uint16Invalid {
			v.speed = float64(raw) / 1000
			v.enhSpeed = scaledU32(expand(raw, 1000, 0), 1000, 0)
		}
	}
	if l.enhAlt.n > 0 {
		v.enhAltitude = scaledU32(uint32(read(msg, l.enhAlt, big)), 5, 500)
	}
	if l.alt.n > 0 {
		if raw := uint16(read(msg, l.alt, big)); raw != basetype.Uint16Invalid {
			v.altitude = float64(raw)/5 - 500
			v.enhAltitude = scaledU32(expand(raw, 5, 500), 5, 500)
		}
	}
	if l.hr.n > 0 {
		v.hr = u8(msg[l.hr.off])
	}
	if l.cad.n > 0 {
		v.cad = u8(msg[l.cad.off])
	}
	if l.frac.n > 0 {
		if raw := msg[l.frac.off]; raw != basetype.Uint8Invalid {
			v.frac = float64(raw) / 128
		}
	}
	if l.temp.n > 0 {
		if raw := int8(msg[l.temp.off]); raw != basetype.Sint8Invalid {
			v.temp = float64(raw)
		}
	}
	s.c.addRecord(&v, room)
	return true
}

// devFieldsDecodable reports whether the library decodes the developer
// fields dev of a record without error: it fails on a field whose first
// matching field description has an invalid base type.
func (s *fastScanner) devFieldsDecodable(dev []devKey) bool {
	for _, k := range dev {
		for _, d := range s.descs {
			if d.key == k {
				if !d.baseType.Valid() {
					return false
				}
				break
			}
		}
	}
	return true
}

// expand returns the value the library gives a 16-bit component of the
// given scale and offset expanded into a 32-bit field of the same scale and
// offset (speed into enhanced_speed, altitude into enhanced_altitude).
func expand(raw uint16, scale, offset float64) uint32 {
	scaled := float64(raw)/scale - offset
	return uint32(uint64((scaled + offset) * scale))
}

// scaledU32 returns a uint32 field's value with its scale and offset
// applied, NaN for the invalid marker, as number does.
func scaledU32(raw uint32, scale, offset float64) float64 {
	if raw == basetype.Uint32Invalid {
		return nan()
	}
	return float64(raw)/scale - offset
}

// read returns the unsigned value of the field f of msg in the given byte
// order; a field shorter than its profile's size is zero-padded, as the
// library does.
func read(msg []byte, f field, big bool) uint64 {
	b := msg[f.off : f.off+f.n]
	switch {
	case len(b) == 4 && !big:
		return uint64(binary.LittleEndian.Uint32(b))
	case len(b) == 2 && !big:
		return uint64(binary.LittleEndian.Uint16(b))
	case len(b) == 1:
		return uint64(b[0])
	}
	var v uint64
	for i, c := range b {
		if big {
			v = v<<8 | uint64(c)
		} else {
			v |= uint64(c) << (8 * i)
		}
	}
	return v
}
