package fitio

import (
	"math/rand/v2"
	"testing"

	libcrc "github.com/muktihari/fit/kit/hash/crc16"
)

// TestCRC16 checks the slice-by-8 CRC against the catalogue's check value of
// CRC-16/ARC and against the FIT SDK's nibble-wise algorithm (as the FIT
// library implements it) on random data of every length up to 100 bytes,
// continued across split points.
func TestCRC16(t *testing.T) {
	if got := crc16(0, []byte("123456789")); got != 0xBB3D {
		t.Errorf("CRC of 123456789 = 0x%04x, want 0xBB3D", got)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 101 {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		h := libcrc.New()
		h.Write(b)
		want := h.Sum16()
		if got := crc16(0, b); got != want {
			t.Fatalf("%d bytes: 0x%04x, want 0x%04x", n, got, want)
		}
		split := n / 3
		if got := crc16(crc16(0, b[:split]), b[split:]); got != want {
			t.Fatalf("%d bytes split at %d: 0x%04x, want 0x%04x", n, split, got, want)
		}
	}
}

func BenchmarkCRC16(b *testing.B) {
	data := make([]byte, 1<<20)
	for i := range data {
		data[i] = byte(i * 7)
	}
	b.Run("slice-by-8", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			crc16(0, data)
		}
	})
	b.Run("fit-library", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			h := libcrc.New()
			h.Write(data)
			h.Sum16()
		}
	})
}
