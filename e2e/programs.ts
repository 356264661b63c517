// Go programs the tests type, each with the behaviour it is there to show.
export const COUNTING = `package main

import "fmt"

func main() {
	for i := 1; i <= 3; i++ {
		fmt.Printf("line %d of the e2e run\\n", i)
	}
}
`;

export const HELLO = `package main

import "fmt"

func main() {
	fmt.Println("hello after the timeout")
}
`;

/** Line 7 calls a function that does not exist. */
export const UNDEFINED_ON_LINE_7 = `package main

import "fmt"

func main() {
	fmt.Println("before")
	undefinedThing()
}
`;

/** A txtar snippet whose error is on line 4 of util/util.go, which is line 20 of the editor. */
export const TXTAR_ERROR_IN_UTIL = `package main

import (
	"fmt"

	"example.com/demo/util"
)

func main() {
	fmt.Println(util.Greeting())
}
-- go.mod --
module example.com/demo

go 1.21
-- util/util.go --
package util

func Greeting() string {
	return missingName
}
`;
/** The line of util/util.go (shown as its own file in the editor) that has the error. */
export const TXTAR_ERROR_FILE_LINE = 4;

export const SPIN_FOREVER = `package main
func main() { for {} }
`;

export const STDOUT_AND_STDERR = `package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("this goes to stdout")
	fmt.Fprintln(os.Stderr, "this goes to stderr")
}
`;

export const PANICS = `package main

func main() {
	var items []int
	_ = items
	panic("something went wrong")
}
`;

export function distinctive(marker: string): string {
	return `package main

import "fmt"

// ${marker}
func main() {
	fmt.Println("${marker}")
}
`;
}

/** Prints, waits long enough to be seen running, prints again. */
export const SLOW_PRINTER = `package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println("first, right away")
	time.Sleep(2 * time.Second)
	fmt.Println("second, two seconds later")
}
`;

/** Prints the version of the Go that built it: which toolchain a tab really used. */
export const PRINT_GO_VERSION = `package main

import (
	"fmt"
	"runtime"
)

func main() {
	fmt.Println(runtime.Version())
}
`;

/** The OS the program was built for: wasip1 in the WASM sandbox, linux in Docker. */
export const PRINT_GOOS = `package main

import (
	"fmt"
	"runtime"
)

func main() {
	fmt.Println(runtime.GOOS)
}
`;

/** Three lines a second apart: under faketime the sleeps are instant and the output is replayed. */
export const THREE_LINES_A_SECOND_APART = `package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println("first line")
	time.Sleep(time.Second)
	fmt.Println("second line")
	time.Sleep(time.Second)
	fmt.Println("third line")
}
`;
