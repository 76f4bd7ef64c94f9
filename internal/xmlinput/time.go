package xmlinput

import "time"

// Time is an instant read from an xsd:dateTime text: Unix seconds and
// nanoseconds (UTC), and the UTC offset the text carried.
type Time struct {
	// Sec and Nsec are the instant as Unix seconds and nanoseconds,
	// 0 <= Nsec < 1e9.
	Sec  int64
	Nsec int32
	// Offset is the UTC offset the text wrote, in seconds; 0 for Z and for
	// a time without a zone.
	Offset int32
	// Zoned reports whether the text carried Z or a numeric offset. A time
	// without one is read as UTC; the importers warn about it.
	Zoned bool
}

// location returns the location of the time's offset: UTC for Z, +00:00
// and a time without a zone (as time.Parse gives for the first two), a
// fixed zone named "" otherwise.
func (t Time) location() *time.Location {
	if t.Offset == 0 {
		return time.UTC
	}
	return time.FixedZone("", int(t.Offset))
}

// Time returns the instant as a time.Time in its own offset: in UTC for
// Z, +00:00 and a time without a zone (as time.Parse gives for the first
// two), in a fixed zone named "" otherwise.
func (t Time) Time() time.Time {
	return time.Unix(t.Sec, int64(t.Nsec)).In(t.location())
}

// Since returns t - t0 in seconds. For spans below about 272 years the
// difference is taken in whole nanoseconds first and converted once, so
// that it is exact to the nanosecond where float64 allows (spans up to
// about 104 days) and correctly rounded beyond.
func (t Time) Since(t0 Time) float64 {
	ds := t.Sec - t0.Sec
	dn := int64(t.Nsec) - int64(t0.Nsec)
	if ds > -(1<<33) && ds < 1<<33 {
		return float64(ds*1e9+dn) / 1e9
	}
	return float64(ds) + float64(dn)/1e9
}

// ParseTime reads an xsd:dateTime as GPX and TCX writers produce it:
//
//	YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm|±hhmm|±hh]
//
// with surrounding XML white space allowed. The fraction may have any
// number of digits (digits past nanoseconds are dropped) and may follow a
// comma (ISO 8601); the separator may also be 't' or a space and the zone
// 'z'. A time without a zone is returned with Zoned false. It rejects what
// time.Parse with time.RFC3339Nano rejects in the date and the time of
// day (second 60, hour 24, day 31 of a 30-day month), and does not
// allocate.
func ParseTime[T string | []byte](b T) (Time, bool) {
	b = TrimSpace(b)
	var t Time
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || b[13] != ':' || b[16] != ':' {
		return t, false
	}
	switch b[10] {
	case 'T', 't', ' ':
	default:
		return t, false
	}
	year, ok1 := digits(b[0:4])
	month, ok2 := digits(b[5:7])
	day, ok3 := digits(b[8:10])
	hour, ok4 := digits(b[11:13])
	minute, ok5 := digits(b[14:16])
	second, ok6 := digits(b[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) {
		return t, false
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) ||
		hour > 23 || minute > 59 || second > 59 {
		return t, false
	}
	b = b[19:]
	if len(b) > 0 && (b[0] == '.' || b[0] == ',') {
		n := 1
		scale := int32(1e8)
		for n < len(b) && b[n] >= '0' && b[n] <= '9' {
			t.Nsec += int32(b[n]-'0') * scale
			scale /= 10
			n++
		}
		if n == 1 {
			return t, false
		}
		b = b[n:]
	}
	if len(b) > 0 {
		switch b[0] {
		case 'Z', 'z':
			if len(b) != 1 {
				return t, false
			}
		case '+', '-':
			off, ok := offset(b[1:])
			if !ok {
				return t, false
			}
			if b[0] == '-' {
				off = -off
			}
			t.Offset = int32(off)
		default:
			return t, false
		}
		t.Zoned = true
	}
	t.Sec = daysFromCivil(year, month, day)*86400 + hour*3600 + minute*60 + second - int64(t.Offset)
	return t, true
}

// offset reads the hh:mm, hhmm or hh of a numeric UTC offset, in seconds.
func offset[T string | []byte](b T) (int64, bool) {
	var oh, om int64
	var ok bool
	switch {
	case len(b) == 5 && b[2] == ':':
		oh, ok = digits(b[0:2])
		if ok {
			om, ok = digits(b[3:5])
		}
	case len(b) == 4:
		oh, ok = digits(b[0:2])
		if ok {
			om, ok = digits(b[2:4])
		}
	case len(b) == 2:
		oh, ok = digits(b)
	}
	if !ok || oh > 23 || om > 59 {
		return 0, false
	}
	return oh*3600 + om*60, true
}

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

// daysIn returns the number of days in month m of year y (proleptic
// Gregorian calendar).
func daysIn(m, y int64) int64 {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the days since 1970-01-01 of a proleptic Gregorian
// date with 0 <= y <= 9999 (Howard Hinnant's days_from_civil).
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	// y >= -1 here: shift by 400 years so that the division floors.
	y += 400
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return (era-1)*146097 + doe - 719468
}
