package tcxio

import "time"

// stamp is an instant read from an xsd:dateTime (RFC 3339) text, kept as
// Unix seconds and nanoseconds plus the UTC offset the text wrote.
type stamp struct {
	sec  int64 // Unix seconds
	nsec int32 // nanoseconds, 0 <= nsec < 1e9
	off  int32 // UTC offset in seconds as written
	zone byte  // 'Z' for Z, '+' for a numeric offset, 0 when the text has none
}

// location returns the location the text's offset names: UTC for Z or no
// offset, a fixed zone otherwise (named "" as time.Parse names one).
func (s stamp) location() *time.Location {
	if s.zone == '+' {
		return time.FixedZone("", int(s.off))
	}
	return time.UTC
}

// time returns the instant in the location its text named.
func (s stamp) time() time.Time {
	return time.Unix(s.sec, int64(s.nsec)).In(s.location())
}

// since returns s - base in seconds. For spans below about 272 years the
// difference is taken in whole nanoseconds first, so that it is the same
// float64 as time.Duration.Seconds gives and [activity.Activity.TimeAt]
// turns it back into the exact instant.
func (s stamp) since(base stamp) float64 {
	ds := s.sec - base.sec
	dn := int64(s.nsec) - int64(base.nsec)
	if ds > -(1<<33) && ds < 1<<33 {
		return float64(ds*1e9+dn) / 1e9
	}
	return float64(ds) + float64(dn)/1e9
}

// parseStamp reads an xsd:dateTime, the time format of TCX:
//
//	YYYY-MM-DDThh:mm:ss[.fraction][Z|+hh:mm|-hh:mm]
//
// with surrounding whitespace allowed. It keeps the fraction to the
// nanosecond (further digits are truncated) and the offset exactly. A time
// without an offset is returned with zone 0; the caller reads it as UTC. It
// accepts 't' and 'z' for 'T' and 'Z', as RFC 3339 does, and rejects what
// time.Parse with time.RFC3339Nano rejects (second 60, hour 24, day 31 of a
// 30-day month). It does not allocate.
func parseStamp[T string | []byte](b T) (stamp, bool) {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	var s stamp
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || (b[10] != 'T' && b[10] != 't') || b[13] != ':' || b[16] != ':' {
		return s, false
	}
	year, ok1 := digits(b[0:4])
	month, ok2 := digits(b[5:7])
	day, ok3 := digits(b[8:10])
	hour, ok4 := digits(b[11:13])
	minute, ok5 := digits(b[14:16])
	second, ok6 := digits(b[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) {
		return s, false
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || hour > 23 || minute > 59 || second > 59 {
		return s, false
	}
	b = b[19:]
	var nsec int64
	if len(b) > 0 && b[0] == '.' {
		b = b[1:]
		n := 0
		for n < len(b) && b[n] >= '0' && b[n] <= '9' {
			if n < 9 {
				nsec = nsec*10 + int64(b[n]-'0')
			}
			n++
		}
		if n == 0 {
			return s, false
		}
		for i := n; i < 9; i++ {
			nsec *= 10
		}
		b = b[n:]
	}
	var off int64
	switch {
	case len(b) == 0:
	case len(b) == 1 && (b[0] == 'Z' || b[0] == 'z'):
		s.zone = 'Z'
	case len(b) == 6 && (b[0] == '+' || b[0] == '-') && b[3] == ':':
		oh, okh := digits(b[1:3])
		om, okm := digits(b[4:6])
		if !okh || !okm || oh > 23 || om > 59 {
			return s, false
		}
		off = oh*3600 + om*60
		if b[0] == '-' {
			off = -off
		}
		s.zone = '+'
	default:
		return s, false
	}
	days := daysFromCivil(year, month, day)
	s.sec = days*86400 + hour*3600 + minute*60 + second - off
	s.nsec = int32(nsec)
	s.off = int32(off)
	return s, true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// digits reads a run of ASCII digits as a non-negative number.
func digits[T string | []byte](b T) (int64, bool) {
	var n int64
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

func isLeap(y int64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(month, year int64) int64 {
	switch month {
	case 2:
		if isLeap(year) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the number of days from 1970-01-01 to the given
// proleptic Gregorian date (H. Hinnant's algorithm).
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
