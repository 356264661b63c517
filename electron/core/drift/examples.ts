// The drift library: curated snippets that each show a real change between Go releases, with
// the release where it changes and why. A CI test (examples.test.ts) runs each one on both sides
// of its change with real toolchains, and checks its axis: a language change (one that follows the
// go line of go.mod) goes back to the old behaviour on the new toolchain with the old go line; a
// toolchain (library) change does not.
//
// `good` and `bad` are releases the module proxy has (it does not keep every patch release), and
// `expect` describes the NEW behaviour, as a bisect's predicate.
import type { DriftExample } from '../../../shared/drift';

export const DRIFT_EXAMPLES: DriftExample[] = [
  {
    id: 'loopvar',
    title: 'Loop variables are per-iteration',
    axis: 'language',
    changesIn: 'go1.22.0',
    why: 'Go 1.22 gives each iteration of a for loop its own variable, so the closures print 012 instead of 333; it follows the go line of go.mod, not the toolchain.',
    good: 'go1.21.13',
    bad: 'go1.22.0',
    expect: { kind: 'stdout-equals', value: '012\n' },
    source: `package main

import "fmt"

func main() {
	var prints []func()
	for i := 0; i < 3; i++ {
		prints = append(prints, func() { fmt.Print(i) })
	}
	for _, p := range prints {
		p()
	}
	fmt.Println()
}
`,
  },
  {
    id: 'range-over-int',
    title: 'Range over an integer',
    axis: 'language',
    changesIn: 'go1.22.0',
    why: 'Go 1.22 lets for-range loop over an integer (for i := range 3); older go lines reject it as "cannot range over 3".',
    good: 'go1.21.13',
    bad: 'go1.22.0',
    expect: { kind: 'compiles', compiles: true },
    source: `package main

import "fmt"

func main() {
	for i := range 3 {
		fmt.Print(i, " ")
	}
	fmt.Println("done")
}
`,
  },
  {
    id: 'math-rand-v2',
    title: 'math/rand/v2',
    axis: 'toolchain',
    changesIn: 'go1.22.0',
    why: 'Go 1.22 adds math/rand/v2, the first v2 package in the standard library (PCG and ChaCha8 sources, IntN instead of Intn); before, the import does not resolve.',
    good: 'go1.21.13',
    bad: 'go1.22.0',
    expect: { kind: 'compiles', compiles: true },
    source: `package main

import (
	"fmt"
	"math/rand/v2"
)

func main() {
	r := rand.New(rand.NewPCG(1, 2))
	n := r.IntN(100)
	fmt.Println(n >= 0 && n < 100)
}
`,
  },
  {
    id: 'min-max-clear',
    title: 'min, max and clear builtins',
    axis: 'language',
    changesIn: 'go1.21.0',
    why: 'Go 1.21 adds the min, max and clear builtins; they follow the go line ("built-in min requires go1.21 or later"), and Go 1.20 does not know them at all.',
    good: 'go1.20.14',
    bad: 'go1.21.0',
    expect: { kind: 'stdout-equals', value: '1 3 0\n' },
    source: `package main

import "fmt"

func main() {
	s := []int{3, 1, 2}
	m := map[string]int{"a": 1, "b": 2}
	clear(m)
	fmt.Println(min(s[0], s[1], s[2]), max(s[0], s[1], s[2]), len(m))
}
`,
  },
  {
    id: 'slices-maps-slog',
    title: 'slices, maps, cmp and log/slog in the standard library',
    axis: 'toolchain',
    changesIn: 'go1.21.0',
    why: 'Go 1.21 moves generic slices and maps helpers into the standard library and adds cmp and structured logging (log/slog); on Go 1.20 these imports do not resolve.',
    good: 'go1.20.14',
    bad: 'go1.21.0',
    expect: { kind: 'stdout-equals', value: 'level=INFO msg=sorted s="[a b c]" clone=1 cmp=-1\n' },
    source: `package main

import (
	"cmp"
	"log/slog"
	"maps"
	"os"
	"slices"
)

func main() {
	s := []string{"b", "c", "a"}
	slices.Sort(s)
	clone := maps.Clone(map[string]int{"x": 1})
	noTime := func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey && len(groups) == 0 {
			return slog.Attr{}
		}
		return a
	}
	log := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: noTime}))
	log.Info("sorted", "s", s, "clone", clone["x"], "cmp", cmp.Compare(1, 2))
}
`,
  },
  {
    id: 'panic-nil',
    title: 'panic(nil) becomes a *runtime.PanicNilError',
    axis: 'language',
    changesIn: 'go1.21.0',
    why: 'From Go 1.21, panic(nil) panics with a *runtime.PanicNilError, so recover() no longer returns nil; old go lines keep the old behaviour through GODEBUG panicnil=1.',
    good: 'go1.20.14',
    bad: 'go1.21.0',
    expect: { kind: 'stdout-equals', value: 'recovered *runtime.PanicNilError\n' },
    source: `package main

import "fmt"

func main() {
	defer func() {
		fmt.Printf("recovered %T\\n", recover())
	}()
	panic(nil)
}
`,
  },
  {
    id: 'generics',
    title: 'Type parameters (generics)',
    axis: 'language',
    changesIn: 'go1.18',
    why: 'Go 1.18 adds type parameters; Go 1.17 stops at the [ of the type parameter list, and new toolchains reject them on go lines before 1.18.',
    good: 'go1.17.13',
    bad: 'go1.18',
    expect: { kind: 'stdout-equals', value: '[1 4 9]\n' },
    source: `package main

import "fmt"

func Map[T, U any](s []T, f func(T) U) []U {
	out := make([]U, 0, len(s))
	for _, v := range s {
		out = append(out, f(v))
	}
	return out
}

func main() {
	fmt.Println(Map([]int{1, 2, 3}, func(i int) int { return i * i }))
}
`,
  },
  {
    id: 'range-over-func',
    title: 'Range over function iterators',
    axis: 'language',
    changesIn: 'go1.23.0',
    why: 'Go 1.23 lets for-range loop over iterator functions (func(yield func(V) bool)); Go 1.22 had it only behind GOEXPERIMENT=rangefunc.',
    good: 'go1.22.12',
    bad: 'go1.23.0',
    expect: { kind: 'stdout-equals', value: '3 2 1 liftoff\n' },
    source: `package main

import "fmt"

func Countdown(n int) func(yield func(int) bool) {
	return func(yield func(int) bool) {
		for i := n; i > 0; i-- {
			if !yield(i) {
				return
			}
		}
	}
}

func main() {
	for i := range Countdown(3) {
		fmt.Print(i, " ")
	}
	fmt.Println("liftoff")
}
`,
  },
  {
    id: 'timer-stale-value',
    title: 'Timer channels hold no stale value after Stop',
    axis: 'language',
    changesIn: 'go1.23.0',
    why: 'Go 1.23 makes timer channels synchronous, so no stale tick can be received after Stop or Reset returns; old go lines keep the buffered channel through GODEBUG asynctimerchan=1.',
    good: 'go1.22.12',
    bad: 'go1.23.0',
    expect: { kind: 'stdout-equals', value: 'no stale value after Stop\n' },
    source: `package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(time.Millisecond)
	time.Sleep(20 * time.Millisecond) // the timer has fired; nobody received yet
	t.Stop()
	select {
	case <-t.C:
		fmt.Println("stale value after Stop")
	default:
		fmt.Println("no stale value after Stop")
	}
}
`,
  },
  {
    id: 'iterator-helpers',
    title: 'slices and maps iterator helpers',
    axis: 'toolchain',
    changesIn: 'go1.23.0',
    why: 'Go 1.23 adds the iter package and iterator helpers such as maps.Keys and slices.Sorted; they are library functions, so they work on any go line of a new toolchain.',
    good: 'go1.22.12',
    bad: 'go1.23.0',
    expect: { kind: 'stdout-equals', value: '[a b c]\n' },
    source: `package main

import (
	"fmt"
	"maps"
	"slices"
)

func main() {
	m := map[string]int{"b": 2, "c": 3, "a": 1}
	fmt.Println(slices.Sorted(maps.Keys(m)))
}
`,
  },
  {
    id: 'build-constraint-depth',
    title: 'Deeply nested build constraints are rejected (patch release)',
    axis: 'toolchain',
    changesIn: 'go1.22.7',
    why: 'A security fix in the patch releases go1.22.7 and go1.23.1 (CVE-2024-34158) makes go/build/constraint.Parse reject very large expressions instead of recursing without bound.',
    good: 'go1.22.6',
    bad: 'go1.22.7',
    expect: { kind: 'stdout-equals', value: 'rejected: true\n' },
    source: `package main

import (
	"fmt"
	"go/build/constraint"
	"strings"
)

func main() {
	// 2000 nested parentheses around one tag.
	line := "//go:build " + strings.Repeat("(", 2000) + "linux" + strings.Repeat(")", 2000)
	_, err := constraint.Parse(line)
	fmt.Println("rejected:", err != nil)
}
`,
  },
  {
    id: 'strings-lines',
    title: 'strings.Lines and other string iterators',
    axis: 'toolchain',
    changesIn: 'go1.24.0',
    why: 'Go 1.24 adds iterator functions to strings and bytes (Lines, SplitSeq, FieldsSeq…); before, strings.Lines is undefined.',
    good: 'go1.23.12',
    bad: 'go1.24.0',
    expect: { kind: 'stdout-equals', value: '["a\\n" "b\\n" "c"]\n' },
    source: `package main

import (
	"fmt"
	"slices"
	"strings"
)

func main() {
	fmt.Printf("%q\\n", slices.Collect(strings.Lines("a\\nb\\nc")))
}
`,
  },
  {
    id: 'generic-type-alias',
    title: 'Generic type aliases',
    axis: 'language',
    changesIn: 'go1.24.0',
    why: 'Go 1.24 allows type parameters on alias declarations (Go 1.23 only behind GOEXPERIMENT=aliastypeparams); the compiler checks the go line, and old go lines reject them.',
    good: 'go1.22.12',
    bad: 'go1.24.0',
    expect: { kind: 'stdout-equals', value: '1 true\n' },
    source: `package main

import "fmt"

type Set[T comparable] = map[T]struct{}

func main() {
	s := Set[string]{"go": {}}
	_, ok := s["go"]
	fmt.Println(len(s), ok)
}
`,
  },
  {
    id: 'json-omitzero',
    title: 'encoding/json omitzero',
    axis: 'toolchain',
    changesIn: 'go1.24.0',
    why: 'Go 1.24 adds the omitzero struct tag option to encoding/json, which omits zero values such as a zero time.Time (omitempty never did); older releases ignore the unknown option.',
    good: 'go1.23.12',
    bad: 'go1.24.0',
    expect: { kind: 'stdout-equals', value: '{"name":"launch"}\n' },
    source: `package main

import (
	"encoding/json"
	"fmt"
	"time"
)

type Event struct {
	Name string    \`json:"name"\`
	At   time.Time \`json:"at,omitzero"\`
}

func main() {
	b, err := json.Marshal(Event{Name: "launch"})
	if err != nil {
		panic(err)
	}
	fmt.Println(string(b))
}
`,
  },
  {
    id: 'waitgroup-go',
    title: 'sync.WaitGroup.Go',
    axis: 'toolchain',
    changesIn: 'go1.25.0',
    why: 'Go 1.25 adds WaitGroup.Go, which does the Add(1), the go statement and the Done in one call; before, the method does not exist.',
    good: 'go1.24.13',
    bad: 'go1.25.0',
    expect: { kind: 'stdout-equals', value: '10\n' },
    source: `package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var wg sync.WaitGroup
	var sum atomic.Int64
	for i := 1; i <= 4; i++ {
		wg.Go(func() { sum.Add(int64(i)) })
	}
	wg.Wait()
	fmt.Println(sum.Load())
}
`,
  },
  {
    id: 'new-expr',
    title: 'new with an expression',
    axis: 'language',
    changesIn: 'go1.26.0',
    why: 'Go 1.26 lets new take an expression, new(3) or new("gopher"), giving a pointer to a copy of its value; it follows the go line ("new(3) requires go1.26 or later").',
    good: 'go1.25.14',
    bad: 'go1.26.0',
    expect: { kind: 'stdout-equals', value: '3 gopher\n' },
    source: `package main

import "fmt"

type Config struct {
	Retries *int
	Name    *string
}

func main() {
	c := Config{Retries: new(3), Name: new("gopher")}
	fmt.Println(*c.Retries, *c.Name)
}
`,
  },
  {
    id: 'errors-astype',
    title: 'errors.AsType',
    axis: 'toolchain',
    changesIn: 'go1.26.0',
    why: 'Go 1.26 adds errors.AsType, a generic, type-safe errors.As that returns the matched error instead of filling in a pointer; before, it is undefined.',
    good: 'go1.25.14',
    bad: 'go1.26.0',
    expect: { kind: 'stdout-equals', value: 'open config.json\n' },
    source: `package main

import (
	"errors"
	"fmt"
	"io/fs"
)

func main() {
	err := fmt.Errorf("loading: %w", &fs.PathError{Op: "open", Path: "config.json", Err: fs.ErrNotExist})
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		fmt.Println(pe.Op, pe.Path)
	}
}
`,
  },
];
