package analyze

import (
	"fmt"
	"sync/atomic"
)

// Budget is a number of bytes that many decodes draw on together, so that
// the work of a whole batch is bounded and not only the work of each file:
// a folder of ten thousand small gzip bombs, each within [Decoder.MaxSize],
// would otherwise inflate ten thousand times that size. A [Decoder] with a
// Budget charges it with every byte it reads and every byte it inflates;
// other readers of the same batch (an archive walker) may charge it too.
// Once spent, every charge fails with an [ErrLimit] error whose cause is a
// *[LimitError] naming "analyze.Budget".
//
// A Budget is safe for concurrent use. A nil *Budget is unlimited.
type Budget struct {
	limit int64
	used  atomic.Int64
}

// NewBudget returns a Budget of n bytes; n <= 0 means unlimited.
func NewBudget(n int64) *Budget {
	if n <= 0 {
		return nil
	}
	return &Budget{limit: n}
}

// Charge takes n bytes from the budget. It fails, and keeps failing, once
// the bytes charged in all exceed the budget's size.
func (b *Budget) Charge(n int64) error {
	if b == nil {
		return nil
	}
	if n > 0 && b.used.Add(n) > b.limit || b.used.Load() > b.limit {
		return b.spent()
	}
	return nil
}

// Spent reports whether the budget is used up: the next charge fails.
func (b *Budget) Spent() bool { return b != nil && b.used.Load() > b.limit }

// Used returns the bytes charged so far (0 for a nil Budget).
func (b *Budget) Used() int64 {
	if b == nil {
		return 0
	}
	return b.used.Load()
}

// Limit returns the budget's size in bytes, 0 for a nil (unlimited) Budget.
func (b *Budget) Limit() int64 {
	if b == nil {
		return 0
	}
	return b.limit
}

func (b *Budget) spent() error {
	return &LimitError{Limit: "analyze.Budget",
		What: fmt.Sprintf("the batch has read and inflated more than its budget of %d bytes", b.limit)}
}
