package fitio

// The FIT CRC is CRC-16/ARC: the reflected polynomial 0xA001 (x^16 + x^15 +
// x^2 + 1), initial value 0, no final XOR. The FIT SDK computes it a nibble
// at a time; crc16 does it eight bytes at a time ("slice-by-8": eight
// 256-entry tables, each folding one byte of the block at its distance from
// the end), which runs at over a gigabyte per second.

// crcTable[k][b] is the CRC contribution of byte b followed by k zero bytes.
var crcTable = func() (t [8][256]uint16) {
	for b := range 256 {
		c := uint16(b)
		for range 8 {
			if c&1 != 0 {
				c = c>>1 ^ 0xA001
			} else {
				c >>= 1
			}
		}
		t[0][b] = c
	}
	for k := 1; k < 8; k++ {
		for b := range 256 {
			prev := t[k-1][b]
			t[k][b] = prev>>8 ^ t[0][prev&0xFF]
		}
	}
	return t
}()

// crc16 returns the FIT CRC of b, starting from crc (0 for a new CRC), so
// that a CRC can be continued over several slices.
func crc16(crc uint16, b []byte) uint16 {
	t := &crcTable
	for len(b) >= 8 {
		crc ^= uint16(b[0]) | uint16(b[1])<<8
		crc = t[7][crc&0xFF] ^ t[6][crc>>8] ^
			t[5][b[2]] ^ t[4][b[3]] ^ t[3][b[4]] ^ t[2][b[5]] ^ t[1][b[6]] ^ t[0][b[7]]
		b = b[8:]
	}
	for _, c := range b {
		crc = crc>>8 ^ t[0][byte(crc)^c]
	}
	return crc
}
