package par

import (
	"sync/atomic"
	"testing"
)

func TestDo(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 100} {
		var sum atomic.Int64
		seen := make([]int32, 50)
		Do(50, workers, func(i int) {
			sum.Add(int64(i))
			atomic.AddInt32(&seen[i], 1)
		})
		if sum.Load() != 49*50/2 {
			t.Errorf("workers %d: sum %d", workers, sum.Load())
		}
		for i, n := range seen {
			if n != 1 {
				t.Errorf("workers %d: fn(%d) ran %d times", workers, i, n)
			}
		}
	}
	Do(0, 4, func(int) { t.Error("fn ran for n = 0") })
	if got := SortedKeys(map[string]int{"b": 1, "a": 2}); len(got) != 2 || got[0] != "a" {
		t.Errorf("SortedKeys = %v", got)
	}
}
