// The drift library: curated snippets that each show a real change between Go releases, with
// the release where it changes and why. A CI test (examples.test.ts) runs each one on both sides
// of its change with real toolchains.
import type { DriftExample } from '../../../shared/drift';

export const DRIFT_EXAMPLES: DriftExample[] = [
  {
    id: 'loopvar',
    title: 'Loop variables are per-iteration',
    axis: 'language',
    changesIn: 'go1.22.0',
    why: 'Go 1.22 gives each iteration of a for loop its own variable, so closures capture 0 1 2 instead of the last value; it follows the go line of go.mod, not the toolchain.',
    good: 'go1.21.0',
    bad: 'go1.22.0',
    expect: { kind: 'stdout-equals', value: '0 1 2\n' },
    source: `package main

import "fmt"

func main() {
	var prints []func()
	for i := 0; i < 3; i++ {
		prints = append(prints, func() { fmt.Print(i, " ") })
	}
	for _, p := range prints {
		p()
	}
	fmt.Println()
}
`,
  },
];
