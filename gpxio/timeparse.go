package gpxio

import "time"

// stamp is an instant read from a GPX <time>: Unix seconds and nanoseconds
// (UTC), plus the UTC offset the text carried.
type stamp struct {
	sec   int64
	nsec  int32
	off   int32 // UTC offset in seconds; 0 for Z and for times without a zone
	zoned bool  // the text carried Z or an offset
}

// location returns the time.Location of the stamp's offset: UTC for Z, for
// +00:00 and for times without a zone, a fixed zone otherwise.
func (s stamp) location() *time.Location {
	if s.off == 0 {
		return time.UTC
	}
	return time.FixedZone("", int(s.off))
}

// time returns the stamp as a time.Time in its own offset.
func (s stamp) time() time.Time {
	return time.Unix(s.sec, int64(s.nsec)).In(s.location())
}

// since returns s - t0 in seconds, exact to the nanosecond where float64
// allows it (spans up to about 104 days), correctly rounded otherwise.
func (s stamp) since(t0 stamp) float64 {
	ds := s.sec - t0.sec
	dn := int64(s.nsec) - int64(t0.nsec)
	if ds > -1<<32 && ds < 1<<32 {
		return float64(ds*1e9+dn) / 1e9
	}
	return float64(ds) + float64(dn)/1e9
}

// parseTime reads an xsd:dateTime as GPX writers produce it:
//
//	YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm|±hhmm|±hh]
//
// The fraction may have any number of digits (digits past nanoseconds are
// dropped); the separator may also be 't' or a space and the zone 'z'. A
// time without a zone is returned with zoned false and read as UTC. b must
// already be trimmed of surrounding white space.
func parseTime(b []byte) (stamp, bool) {
	var s stamp
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || b[13] != ':' || b[16] != ':' {
		return s, false
	}
	switch b[10] {
	case 'T', 't', ' ':
	default:
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
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) ||
		hour > 23 || minute > 59 || second > 59 {
		return s, false
	}
	i := 19
	if i < len(b) && (b[i] == '.' || b[i] == ',') {
		i++
		start := i
		scale := int32(1e8)
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			s.nsec += int32(b[i]-'0') * scale
			scale /= 10
			i++
		}
		if i == start {
			return s, false
		}
	}
	if i < len(b) {
		switch b[i] {
		case 'Z', 'z':
			i++
			s.zoned = true
		case '+', '-':
			sign := int32(1)
			if b[i] == '-' {
				sign = -1
			}
			i++
			rest := b[i:]
			var oh, om int
			var ok bool
			switch {
			case len(rest) == 5 && rest[2] == ':':
				oh, ok = digits(rest[0:2])
				if ok {
					om, ok = digits(rest[3:5])
				}
			case len(rest) == 4:
				oh, ok = digits(rest[0:2])
				if ok {
					om, ok = digits(rest[2:4])
				}
			case len(rest) == 2:
				oh, ok = digits(rest)
			}
			if !ok || oh > 23 || om > 59 {
				return s, false
			}
			s.off = sign * int32(oh*3600+om*60)
			s.zoned = true
			i = len(b)
		default:
			return s, false
		}
	}
	if i != len(b) {
		return s, false
	}
	days := daysFromCivil(year, month, day)
	s.sec = days*86400 + int64(hour*3600+minute*60+second) - int64(s.off)
	return s, true
}

// digits parses a run of ASCII digits.
func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn returns the number of days in month m of year y (proleptic
// Gregorian calendar).
func daysIn(m, y int) int {
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
func daysFromCivil(y, m, d int) int64 {
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
	return int64(era-1)*146097 + int64(doe) - 719468
}
