package analyze_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/runcheck/runcheck/analyze"
)

// TestBudget charges one Budget from several decodes: the bytes read and
// the bytes inflated count, the decode that takes it past its size fails
// with analyze.ErrLimit naming analyze.Budget, and every later one fails too.
func TestBudget(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(runs, "recovery-easy.fit"))
	if err != nil {
		t.Fatal(err)
	}
	gz := gzipped(t, raw)
	n := int64(len(raw))

	// A gzipped file costs its compressed bytes read plus its bytes inflated.
	b := analyze.NewBudget(2*n + int64(len(gz)))
	d := analyze.Decoder{Budget: b}
	if _, err := d.Decode(bytes.NewReader(gz)); err != nil {
		t.Fatalf("first decode: %v", err)
	}
	if got, want := b.Used(), n+int64(len(gz)); got != want {
		t.Errorf("after a gzipped file: used %d, want %d (compressed %d + inflated %d)", got, want, len(gz), n)
	}
	if _, err := d.DecodeBytes(raw); err != nil {
		t.Fatalf("second decode, exactly at the budget: %v", err)
	}
	if b.Spent() {
		t.Fatal("spent at exactly its size")
	}
	_, err = d.Decode(bytes.NewReader(raw))
	var le *analyze.LimitError
	if !errors.Is(err, analyze.ErrLimit) || !errors.As(err, &le) || le.Limit != "analyze.Budget" {
		t.Fatalf("third decode past the budget: %v, want an analyze.ErrLimit naming analyze.Budget", err)
	}
	if err := b.Charge(0); !errors.Is(err, analyze.ErrLimit) {
		t.Errorf("a spent budget's Charge(0) = %v, want analyze.ErrLimit", err)
	}
}

// TestBudgetNil: a nil Budget is unlimited, and analyze.NewBudget(0) is nil.
func TestBudgetNil(t *testing.T) {
	var b *analyze.Budget
	if err := b.Charge(1 << 62); err != nil || b.Spent() || b.Used() != 0 || b.Limit() != 0 {
		t.Errorf("nil Budget: Charge %v, Spent %v, Used %d, Limit %d", err, b.Spent(), b.Used(), b.Limit())
	}
	if analyze.NewBudget(0) != nil || analyze.NewBudget(-1) != nil {
		t.Error("analyze.NewBudget(<=0) is not nil")
	}
}

// TestBudgetConcurrent charges one Budget from many goroutines: exactly
// the charges within its size succeed.
func TestBudgetConcurrent(t *testing.T) {
	b := analyze.NewBudget(1000)
	var (
		wg sync.WaitGroup
		mu sync.Mutex
		ok int
	)
	for range 50 {
		wg.Go(func() {
			for range 10 {
				if b.Charge(3) == nil {
					mu.Lock()
					ok++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if ok != 333 || b.Used() != 1500 {
		t.Errorf("%d charges of 3 succeeded against 1000 bytes (used %d), want 333 (used 1500)", ok, b.Used())
	}
}
