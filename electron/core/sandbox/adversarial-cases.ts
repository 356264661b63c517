// Hostile snippets, as data: what each one tries, and what a SAFE end looks like in each sandbox.
// adversarial.test.ts runs every case in both sandboxes (and a hello world after each); the table
// in docs/adversarial.md lists the same cases with their observed outcomes.
//
// Sources may use placeholders the test fills in:
//   __HOST_PORT__  a TCP port the test listens on, on every host interface, with a banner that
//                  must never reach the guest.
import type { RunRequest, RunStatus } from '../../../shared/run';
import { TRUNCATION_NOTE } from './wasm/wasm-sandbox';

export type SandboxKind = 'wasm' | 'docker';

/** Checks on one text field of the result. */
export interface TextCheck {
  equals?: string;
  includes?: string[];
  excludes?: string[];
  matches?: RegExp[];
  /** Exact length in UTF-16 code units (for output caps). */
  length?: number;
}

export interface Expectation {
  /** The outcomes that are safe; the observed status must be one of them. */
  status: readonly RunStatus[];
  exitCode?: number | null;
  stdout?: TextCheck;
  stderr?: TextCheck;
  message?: TextCheck;
  buildOutput?: TextCheck;
  panic?: RegExp;
  truncated?: boolean;
  /** When the status is `exit`, the signal that must have ended the program (e.g. the OOM killer's SIGKILL). */
  exitBySignal?: string;
  /** One phrase: why this outcome is safe (the docs table). */
  why: string;
}

export interface FollowUp {
  /** What the second run is for. */
  name: string;
  source: string;
  expect: Record<SandboxKind, Expectation>;
}

export interface AdversarialCase {
  /** Short slug, unique; used in run ids. */
  id: string;
  group: string;
  name: string;
  source: string;
  limits?: RunRequest['limits'];
  expect: Record<SandboxKind, Expectation>;
  /** A second run in the same sandbox right after the first (e.g. to look for what it left). */
  then?: FollowUp;
}

const MiB = 1024 * 1024;

/**
 * Docker: the kernel's OOM killer stopped the program. Docker sets State.OOMKilled from an event
 * that can arrive after the exit (cgroup v1, Docker 20.10): the same kill is then reported as an
 * exit by SIGKILL that we did not send. Both are the limit working.
 */
const OOM_KILLED = { status: ['memory-limit', 'exit'], exitBySignal: 'SIGKILL' } as const;
/** Limits for the cases that must be stopped from outside: short, so the suite stays quick. */
const KILL = { timeoutMs: 1500 } as const;

const both = (e: Expectation): Record<SandboxKind, Expectation> => ({ wasm: e, docker: e });
/** The same expectation in both sandboxes, each with its own reason. */
const eachWhy = (e: Omit<Expectation, 'why'>, why: Record<SandboxKind, string>): Record<SandboxKind, Expectation> => ({
  wasm: { ...e, why: why.wasm },
  docker: { ...e, why: why.docker },
});

/** The guest printed no success marker: every attempt failed. */
const NOTHING_ALLOWED: TextCheck = { excludes: ['ALLOWED', 'CONNECTED', 'PRESENT', 'PWNED', 'NO LIMIT'] };

/** WASM: the Linux-only syscall does not exist for GOOS=wasip1, so the snippet cannot even build. */
const noSyscallInWasm = (name: string): Expectation => ({
  status: ['compile-error'],
  exitCode: null,
  message: { matches: [/undefined: syscall\./] },
  buildOutput: { includes: [`undefined: syscall.${name}`] },
  why: `syscall.${name} does not exist for wasip1; nothing is built or run`,
});

export const HELLO = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello, sandbox") }\n';
export const HELLO_OUTPUT = 'hello, sandbox\n';

export const ADVERSARIAL_CASES: AdversarialCase[] = [
  // ── Time: the wall-clock limit is enforced from outside the guest ─────────────────────────
  {
    id: 'spin',
    group: 'time',
    name: 'infinite loop',
    source: 'package main\n\nfunc main() {\n\tfor {\n\t}\n}\n',
    limits: KILL,
    expect: both({ status: ['timeout'], exitCode: null, why: 'killed from outside at the wall-clock limit' }),
  },
  {
    id: 'sleep',
    group: 'time',
    name: 'sleep forever',
    source: 'package main\n\nimport "time"\n\nfunc main() { time.Sleep(1000 * time.Hour) }\n',
    limits: KILL,
    expect: both({ status: ['timeout'], exitCode: null, why: 'a sleeping guest is killed at the limit' }),
  },
  {
    id: 'deadlock',
    group: 'time',
    name: 'select{} deadlock',
    source: 'package main\n\nfunc main() { select {} }\n',
    limits: KILL,
    expect: both({
      status: ['runtime-panic'],
      exitCode: 2,
      panic: /all goroutines are asleep - deadlock/,
      why: "Go's runtime detects the deadlock and exits",
    }),
  },
  {
    id: 'stdin',
    group: 'time',
    name: 'read stdin',
    source: `package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	b, err := io.ReadAll(os.Stdin)
	fmt.Printf("read %d bytes, err=%v\\n", len(b), err)
}
`,
    limits: KILL,
    expect: both({
      status: ['ok'],
      exitCode: 0,
      stdout: { equals: 'read 0 bytes, err=<nil>\n' },
      why: 'stdin is empty: the first read is at EOF',
    }),
  },
  {
    id: 'stdin-forever',
    group: 'time',
    name: 'read stdin forever',
    source: `package main

import "os"

func main() {
	b := make([]byte, 1)
	for {
		os.Stdin.Read(b)
	}
}
`,
    limits: KILL,
    expect: both({ status: ['timeout'], exitCode: null, why: 'a guest looping on stdin is killed at the limit' }),
  },
  {
    id: 'ignore-signals',
    group: 'time',
    name: 'ignore every signal, then spin',
    source: `package main

import "os/signal"

func main() {
	signal.Ignore()
	for {
	}
}
`,
    limits: KILL,
    expect: {
      wasm: { status: ['timeout'], exitCode: null, why: 'the worker thread is terminated: no signal is involved' },
      docker: { status: ['timeout'], exitCode: null, why: 'the kill is SIGKILL: it cannot be ignored' },
    },
  },

  // ── Processes ─────────────────────────────────────────────────────────────────────────────
  {
    id: 'exec-sh',
    group: 'processes',
    name: 'os/exec of /bin/sh',
    source: `package main

import (
	"fmt"
	"os/exec"
)

func main() {
	out, err := exec.Command("/bin/sh", "-c", "echo PW''NED").CombinedOutput()
	fmt.Printf("out=%q err=%v\\n", out, err)
}
`,
    expect: {
      wasm: {
        status: ['ok'],
        exitCode: 0,
        stdout: { ...NOTHING_ALLOWED, matches: [/^out="" err=\S/] },
        why: 'os/exec is not supported on wasip1: the call returns an error',
      },
      docker: {
        status: ['ok'],
        exitCode: 0,
        stdout: { ...NOTHING_ALLOWED, equals: 'out="" err=fork/exec /bin/sh: no such file or directory\n' },
        why: 'the image has no shell (FROM scratch)',
      },
    },
  },
  {
    id: 'exec-self',
    group: 'processes',
    name: 'fork bomb: os/exec of itself (os.Args[0]) in a loop',
    source: `package main

import (
	"fmt"
	"os"
	"os/exec"
	"time"
)

func main() {
	for i := 0; ; i++ {
		err := exec.Command(os.Args[0], "child").Start()
		if err != nil && i == 0 && len(os.Args) == 1 {
			fmt.Println("exec failed:", err)
			return
		}
		if err != nil {
			time.Sleep(time.Millisecond)
		}
	}
}
`,
    limits: { ...KILL, pids: 64 },
    expect: {
      wasm: {
        status: ['ok'],
        exitCode: 0,
        stdout: { matches: [/^exec failed: \S/] },
        why: 'os/exec is not supported on wasip1',
      },
      docker: {
        status: ['timeout', 'runtime-panic', 'memory-limit', 'exit'],
        why: 'the pids limit (64) caps the tree; the whole container is killed at the time limit',
      },
    },
  },
  {
    id: 'forkexec',
    group: 'processes',
    name: 'syscall.ForkExec until it fails',
    source: `package main

import (
	"fmt"
	"os"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) > 1 {
		time.Sleep(time.Hour)
		return
	}
	n := 0
	for n < 10000 {
		if _, err := syscall.ForkExec(os.Args[0], []string{os.Args[0], "sleep"}, &syscall.ProcAttr{}); err != nil {
			fmt.Printf("forked %d, then: %v\\n", n, err)
			return
		}
		n++
	}
	fmt.Println("forked 10000: NO LIMIT")
}
`,
    limits: { timeoutMs: 5000, pids: 64 },
    expect: {
      wasm: noSyscallInWasm('ForkExec'),
      docker: {
        status: ['ok', 'runtime-panic'],
        stdout: { ...NOTHING_ALLOWED, matches: [/^(forked \d+, then: resource temporarily unavailable\n)?$/] },
        why: 'fork fails with EAGAIN at the pids limit; the children die with the container',
      },
    },
  },
  {
    id: 'background-child',
    group: 'processes',
    name: 'background child outliving main',
    source: `package main

import (
	"fmt"
	"os"
	"os/exec"
	"time"
)

func main() {
	if len(os.Args) > 1 {
		time.Sleep(1500 * time.Millisecond)
		fmt.Println("LATE: the child outlived main")
		time.Sleep(time.Hour)
		return
	}
	cmd := exec.Command(os.Args[0], "child")
	cmd.Stdout = os.Stdout
	if err := cmd.Start(); err != nil {
		fmt.Println("start failed:", err)
		return
	}
	fmt.Println("started a child; main returns")
}
`,
    limits: { timeoutMs: 8000 },
    expect: {
      wasm: {
        status: ['ok'],
        exitCode: 0,
        stdout: { matches: [/^start failed: \S/], excludes: ['LATE'] },
        why: 'os/exec is not supported on wasip1',
      },
      docker: {
        status: ['ok'],
        exitCode: 0,
        stdout: { equals: 'started a child; main returns\n' },
        why: 'main is PID 1 of the container: when it returns, the kernel kills the child',
      },
    },
  },
  {
    id: 'goroutine-bomb',
    group: 'processes',
    name: 'goroutine bomb',
    source: `package main

import "time"

func main() {
	for {
		go func() { time.Sleep(time.Hour) }()
	}
}
`,
    limits: { timeoutMs: 10_000, memoryBytes: 64 * MiB },
    expect: {
      wasm: {
        // The runtime's out-of-memory report dumps every goroutine: it can overrun the 1 MiB cap first.
        status: ['memory-limit', 'output-limit'],
        stderr: { matches: [/out of memory/] },
        why: 'out of wasm memory; the runtime then dumps every goroutine, which can hit the output cap first',
      },
      docker: { ...OOM_KILLED, why: 'goroutine stacks run into the cgroup memory limit: OOM-killed' },
    },
  },
  {
    id: 'thread-bomb',
    group: 'processes',
    name: 'thread bomb: LockOSThread in 1000 goroutines',
    source: `package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	for i := 0; i < 1000; i++ {
		go func() {
			runtime.LockOSThread()
			time.Sleep(time.Hour)
		}()
	}
	time.Sleep(500 * time.Millisecond)
	fmt.Println("1000 locked goroutines started")
}
`,
    limits: { timeoutMs: 5000, pids: 64 },
    expect: {
      wasm: {
        status: ['ok'],
        exitCode: 0,
        stdout: { equals: '1000 locked goroutines started\n' },
        why: 'wasm has one thread: LockOSThread creates none',
      },
      docker: {
        status: ['runtime-panic', 'exit'],
        stderr: { matches: [/failed to create new OS thread|newosproc|pthread_create/] },
        why: 'thread creation fails at the pids limit and the runtime gives up',
      },
    },
  },
  {
    id: 'kill-all',
    group: 'processes',
    name: 'kill(-1, SIGKILL) and kill(1, SIGKILL)',
    source: `package main

import (
	"fmt"
	"syscall"
	"time"
)

func main() {
	fmt.Println("kill(-1):", syscall.Kill(-1, syscall.SIGKILL))
	fmt.Println("kill(1):", syscall.Kill(1, syscall.SIGKILL))
	time.Sleep(100 * time.Millisecond)
	fmt.Println("still alive")
}
`,
    expect: {
      wasm: {
        // wasip1's syscall.Kill is proc_exit(128+sig) for anything but another pid: the guest ends itself.
        status: ['exit'],
        exitCode: 137,
        stdout: { equals: '' },
        why: 'on wasip1 a kill ends only the guest itself (exit 128+9)',
      },
      docker: {
        status: ['ok'],
        exitCode: 0,
        stdout: { equals: 'kill(-1): no such process\nkill(1): <nil>\nstill alive\n' },
        why: 'its own PID namespace: no other process to signal, and PID 1 ignores SIGKILL from inside',
      },
    },
  },

  // ── Memory ────────────────────────────────────────────────────────────────────────────────
  {
    id: 'alloc-10g',
    group: 'memory',
    name: 'allocate 10 GB in one make',
    source: `package main

import "fmt"

func main() {
	b := make([]byte, 10<<30)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	fmt.Println("ALLOCATED", len(b))
}
`,
    limits: { timeoutMs: 10_000, memoryBytes: 64 * MiB },
    expect: {
      wasm: {
        status: ['runtime-panic', 'memory-limit'],
        panic: /makeslice: len out of range/,
        stdout: { excludes: ['ALLOCATED'] },
        why: 'larger than the 32-bit wasm address space: makeslice panics',
      },
      docker: {
        ...OOM_KILLED,
        stdout: { excludes: ['ALLOCATED'] },
        why: 'OOM-killed at the 64 MiB cgroup limit',
      },
    },
  },
  {
    id: 'alloc-small',
    group: 'memory',
    name: 'allocate 1 MiB at a time forever',
    source: `package main

var keep [][]byte

func main() {
	for {
		b := make([]byte, 1<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		keep = append(keep, b)
	}
}
`,
    limits: { timeoutMs: 10_000, memoryBytes: 64 * MiB },
    expect: {
      wasm: { status: ['memory-limit'], why: 'stopped at the wasm memory maximum (64 MiB)' },
      docker: { ...OOM_KILLED, why: 'OOM-killed at the 64 MiB cgroup limit' },
    },
  },
  {
    id: 'mmap',
    group: 'memory',
    name: 'mmap 8 GiB anonymous and touch it',
    source: `package main

import (
	"fmt"
	"syscall"
)

func main() {
	b, err := syscall.Mmap(-1, 0, 8<<30, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		fmt.Println("mmap:", err)
		return
	}
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	fmt.Println("TOUCHED 8 GiB")
}
`,
    limits: { timeoutMs: 10_000, memoryBytes: 64 * MiB },
    expect: {
      wasm: noSyscallInWasm('Mmap'),
      docker: {
        status: [...OOM_KILLED.status, 'ok'],
        exitBySignal: OOM_KILLED.exitBySignal,
        stdout: { excludes: ['TOUCHED'] },
        why: 'the cgroup memory limit counts mmap pages: OOM-killed at 64 MiB',
      },
    },
  },

  // ── Files ─────────────────────────────────────────────────────────────────────────────────
  {
    id: 'fill-tmp',
    group: 'files',
    name: 'fill /tmp until it fails',
    source: `package main

import (
	"fmt"
	"os"
)

func main() {
	buf := make([]byte, 1<<20)
	total := 0
	for i := 0; i < 1024; i++ {
		f, err := os.Create(fmt.Sprintf("/tmp/fill-%d", i))
		if err != nil {
			fmt.Println("create:", err)
			break
		}
		failed := false
		for j := 0; j < 4; j++ {
			n, err := f.Write(buf)
			total += n
			if err != nil {
				fmt.Println("write:", err)
				failed = true
				break
			}
		}
		f.Close()
		if failed {
			break
		}
	}
	fmt.Printf("wrote %d MiB\\n", total>>20)
}
`,
    limits: { timeoutMs: 10_000 },
    expect: {
      wasm: {
        status: ['ok'],
        exitCode: 0,
        stdout: { matches: [/^create: \S.*\nwrote 0 MiB\n$/] },
        why: 'no file system at all: the first create fails',
      },
      docker: {
        status: ['ok'],
        exitCode: 0,
        // Asserted exactly: /tmp is meant to be a writable 16 MiB tmpfs (it is HOME and the working dir).
        stdout: { matches: [/^write: .*no space left on device\nwrote (\d|1[0-6]) MiB\n$/] },
        why: '/tmp is a 16 MiB tmpfs: ENOSPC',
      },
    },
  },
  {
    id: 'fill-shm',
    group: 'files',
    name: 'fill /dev/shm until it fails',
    source: `package main

import (
	"fmt"
	"os"
)

func main() {
	buf := make([]byte, 1<<20)
	total := 0
	for i := 0; i < 1024; i++ {
		f, err := os.Create(fmt.Sprintf("/dev/shm/fill-%d", i))
		if err != nil {
			fmt.Println("create:", err)
			break
		}
		failed := false
		for j := 0; j < 4; j++ {
			n, err := f.Write(buf)
			total += n
			if err != nil {
				fmt.Println("write:", err)
				failed = true
				break
			}
		}
		f.Close()
		if failed {
			break
		}
	}
	fmt.Printf("wrote %d MiB\\n", total>>20)
}
`,
    limits: { timeoutMs: 10_000, memoryBytes: 64 * MiB },
    expect: {
      wasm: {
        status: ['ok'],
        exitCode: 0,
        stdout: { matches: [/^create: \S.*\nwrote 0 MiB\n$/] },
        why: 'no file system at all',
      },
      docker: {
        status: ['ok', ...OOM_KILLED.status],
        exitBySignal: OOM_KILLED.exitBySignal,
        stdout: { excludes: ['wrote 4096 MiB'] },
        why: 'shm pages count against the 64 MiB memory limit, and /dev/shm is 64 MiB',
      },
    },
  },
  {
    id: 'huge-file',
    group: 'files',
    name: 'write one huge file (in /dev/shm, the writable tmpfs)',
    source: `package main

import (
	"fmt"
	"os"
)

func main() {
	f, err := os.Create("/dev/shm/huge")
	if err != nil {
		fmt.Println("create:", err)
		return
	}
	buf := make([]byte, 1<<20)
	total := 0
	for total < 1<<30 {
		n, err := f.Write(buf)
		total += n
		if err != nil {
			fmt.Println("write:", err)
			break
		}
	}
	fmt.Printf("wrote %d MiB\\n", total>>20)
}
`,
    limits: { timeoutMs: 10_000 },
    expect: {
      wasm: {
        status: ['ok'],
        exitCode: 0,
        stdout: { matches: [/^create: \S/] },
        why: 'no file system at all',
      },
      docker: {
        status: ['ok'],
        exitCode: 0,
        stdout: { equals: 'write: write /dev/shm/huge: file too large\nwrote 16 MiB\n' },
        why: 'the fsize ulimit (16 MiB) stops the file',
      },
    },
  },
  {
    id: 'write-outside-tmp',
    group: 'files',
    name: 'write outside /tmp (/, /app, /etc/passwd, /proc, /sys)',
    source: `package main

import (
	"fmt"
	"os"
)

func main() {
	create := []string{"/gopherlab-was-here", "/app/new", "/etc/gopherlab", "/usr/gopherlab"}
	for _, p := range create {
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			fmt.Println(p, "denied:", err)
			continue
		}
		f.Close()
		fmt.Println(p, "ALLOWED")
	}
	// Existing files: opened for writing and closed again, never written.
	existing := []string{"/etc/passwd", "/app/prog", "/proc/sysrq-trigger", "/proc/sys/kernel/core_pattern", "/sys/kernel/uevent_helper"}
	for _, p := range existing {
		f, err := os.OpenFile(p, os.O_WRONLY, 0)
		if err != nil {
			fmt.Println(p, "denied:", err)
			continue
		}
		f.Close()
		fmt.Println(p, "ALLOWED")
	}
}
`,
    expect: eachWhy(
      { status: ['ok'], exitCode: 0, stdout: { ...NOTHING_ALLOWED, matches: [/^(\S+ denied: .*\n){9}$/] } },
      { wasm: 'no file system at all', docker: 'read-only root, /app mounted read-only, /proc and /sys read-only or masked' },
    ),
  },
  {
    id: 'persist',
    group: 'files',
    name: 'does a file persist across runs?',
    source: `package main

import (
	"fmt"
	"os"
)

func main() {
	for _, p := range []string{"/tmp/gopherlab-marker", "/dev/shm/gopherlab-marker", "gopherlab-marker"} {
		fmt.Println(p, "write:", os.WriteFile(p, []byte("left by the previous run"), 0o644))
	}
}
`,
    expect: eachWhy(
      { status: ['ok'], exitCode: 0 },
      { wasm: 'no file system: every write fails', docker: '/dev/shm takes the marker (/tmp should too), inside this container only' },
    ),
    then: {
      name: 'the next run looks for the marker',
      source: `package main

import (
	"fmt"
	"os"
)

func main() {
	for _, p := range []string{"/tmp/gopherlab-marker", "/dev/shm/gopherlab-marker", "gopherlab-marker"} {
		if _, err := os.Stat(p); err == nil {
			fmt.Println(p, "PRESENT")
		} else {
			fmt.Println(p, "absent")
		}
	}
}
`,
      expect: eachWhy(
        { status: ['ok'], exitCode: 0, stdout: { equals: '/tmp/gopherlab-marker absent\n/dev/shm/gopherlab-marker absent\ngopherlab-marker absent\n' } },
        { wasm: 'a fresh worker and WASI host per run', docker: 'a fresh container per run: nothing carries over' },
      ),
    },
  },
  {
    id: 'symlinks',
    group: 'files',
    name: 'symlink and hard-link tricks in /tmp',
    source: `package main

import (
	"fmt"
	"os"
)

func try(what string, err error) {
	if err != nil {
		fmt.Println(what, "denied:", err)
	} else {
		fmt.Println(what, "ALLOWED")
	}
}

func main() {
	fmt.Println("symlink to /app/prog:", os.Symlink("/app/prog", "/tmp/l-prog"))
	try("write through the link", os.WriteFile("/tmp/l-prog", []byte("x"), 0o755))
	fmt.Println("symlink to /:", os.Symlink("/", "/tmp/l-root"))
	try("create via the root link", os.WriteFile("/tmp/l-root/escaped", []byte("x"), 0o644))
	fmt.Println("symlink to /proc/1/root:", os.Symlink("/proc/1/root", "/tmp/l-proc"))
	try("create via /proc/1/root", os.WriteFile("/tmp/l-proc/escaped", []byte("x"), 0o644))
	try("hard link /app/prog", os.Link("/app/prog", "/tmp/h-prog"))
	try("hard link /etc/passwd", os.Link("/etc/passwd", "/tmp/h-passwd"))
	b, err := os.ReadFile("/tmp/l-root/etc/passwd")
	fmt.Printf("read via the link: %q %v\\n", b, err)
}
`,
    expect: {
      wasm: {
        status: ['ok'],
        exitCode: 0,
        stdout: { ...NOTHING_ALLOWED },
        why: 'no file system: every call fails',
      },
      docker: {
        status: ['ok'],
        exitCode: 0,
        stdout: { ...NOTHING_ALLOWED },
        why: 'links resolve inside the container; its root and /app are read-only, cross-device links fail',
      },
    },
  },
  {
    id: 'exec-tmp',
    group: 'files',
    name: 'chmod +x a copy in /tmp (and /dev/shm) and exec it',
    source: `package main

import (
	"fmt"
	"os"
	"os/exec"
)

func main() {
	if len(os.Args) > 1 {
		fmt.Println("RAN FROM A TMPFS: ALLOWED")
		return
	}
	self, err := os.ReadFile("/app/prog")
	fmt.Println("read self:", err)
	for _, p := range []string{"/tmp/p", "/dev/shm/p"} {
		fmt.Printf("write %s: %v\\n", p, os.WriteFile(p, self, 0o755))
		fmt.Printf("chmod %s: %v\\n", p, os.Chmod(p, 0o755))
		out, err := exec.Command(p, "child").CombinedOutput()
		fmt.Printf("exec %s: out=%q err=%v\\n", p, out, err)
	}
}
`,
    expect: {
      wasm: {
        status: ['ok'],
        exitCode: 0,
        stdout: { ...NOTHING_ALLOWED, matches: [/exec \/tmp\/p: out="" err=\S/, /exec \/dev\/shm\/p: out="" err=\S/] },
        why: 'no files and no os/exec on wasip1',
      },
      docker: {
        status: ['ok'],
        exitCode: 0,
        stdout: {
          ...NOTHING_ALLOWED,
          // Asserted exactly: the copy must land in /tmp (a writable tmpfs) for noexec to be what stops it.
          includes: [
            'write /tmp/p: <nil>\n',
            'exec /tmp/p: out="" err=fork/exec /tmp/p: permission denied\n',
            'write /dev/shm/p: <nil>\n',
            'exec /dev/shm/p: out="" err=fork/exec /dev/shm/p: permission denied\n',
          ],
        },
        why: '/tmp and /dev/shm are mounted noexec',
      },
    },
  },

  // ── Output ────────────────────────────────────────────────────────────────────────────────
  {
    id: 'print-forever',
    group: 'output',
    name: 'print forever',
    source: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfor {\n\t\tfmt.Println("spam spam spam")\n\t}\n}\n',
    limits: { outputBytes: 64 * 1024 },
    expect: both({
      status: ['output-limit'],
      exitCode: null,
      truncated: true,
      stdout: { length: 64 * 1024 + TRUNCATION_NOTE.length },
      why: 'cut at the output cap and stopped',
    }),
  },
  {
    id: 'one-huge-write',
    group: 'output',
    name: 'one 200 MB write with no newline',
    source: `package main

import "os"

func main() {
	b := make([]byte, 200<<20)
	for i := range b {
		b[i] = 'x'
	}
	os.Stdout.Write(b)
}
`,
    limits: { timeoutMs: 20_000, memoryBytes: 512 * MiB },
    expect: both({
      status: ['output-limit'],
      exitCode: null,
      truncated: true,
      stdout: { length: MiB + TRUNCATION_NOTE.length },
      why: 'cut at the 1 MiB cap within the single write',
    }),
  },
  {
    id: 'stderr-flood',
    group: 'output',
    name: 'stderr flood',
    source: 'package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc main() {\n\tfor {\n\t\tfmt.Fprintln(os.Stderr, "error error error")\n\t}\n}\n',
    limits: { outputBytes: 64 * 1024 },
    expect: both({
      status: ['output-limit'],
      exitCode: null,
      truncated: true,
      stdout: { equals: '' },
      stderr: { length: 64 * 1024 + TRUNCATION_NOTE.length },
      why: 'stderr counts against the same cap',
    }),
  },
  {
    id: 'control-bytes',
    group: 'output',
    name: 'ANSI, OSC, NUL and invalid UTF-8 output',
    source: `package main

import "os"

func main() {
	os.Stdout.Write([]byte{0xff, 0xfe, 0, 0x1b, '[', '3', '1', 'm', 'A', 0x1b, '[', '0', 'm', '\\n'})
	os.Stdout.Write([]byte("\\x1b]52;c;aGVsbG8=\\x07\\x1b]0;title\\x07\\r\\b\\n"))
	os.Stderr.Write([]byte{0xc3, 0x28, '\\n'})
}
`,
    expect: both({
      status: ['ok'],
      exitCode: 0,
      stdout: { equals: '\uFFFD\uFFFD\u0000\u001b[31mA\u001b[0m\n\u001b]52;c;aGVsbG8=\u0007\u001b]0;title\u0007\r\b\n' },
      stderr: { equals: '\uFFFD(\n' },
      why: 'bytes pass through as text (invalid UTF-8 becomes U+FFFD); nothing crashes',
    }),
  },
  {
    id: 'split-utf8',
    group: 'output',
    name: 'a UTF-8 character split across two writes',
    source: `package main

import (
	"os"
	"time"
)

func main() {
	s := []byte("世界\\n")
	os.Stdout.Write(s[:1])
	time.Sleep(100 * time.Millisecond)
	os.Stdout.Write(s[1:4])
	time.Sleep(100 * time.Millisecond)
	os.Stdout.Write(s[4:])
}
`,
    expect: both({
      status: ['ok'],
      exitCode: 0,
      stdout: { equals: '世界\n' },
      why: 'streamed decoding keeps a split character whole',
    }),
  },

  // ── Network ───────────────────────────────────────────────────────────────────────────────
  {
    id: 'network',
    group: 'network',
    name: 'net.Dial and http.Get to 127.0.0.1, the docker0 gateway and 8.8.8.8',
    source: `package main

import (
	"fmt"
	"net"
	"net/http"
	"time"
)

func main() {
	for _, t := range []string{"127.0.0.1:__HOST_PORT__", "[::1]:__HOST_PORT__", "172.17.0.1:__HOST_PORT__", "172.17.0.1:2375", "8.8.8.8:53", "1.1.1.1:443"} {
		c, err := net.DialTimeout("tcp", t, time.Second)
		if err != nil {
			fmt.Println("tcp", t, "denied:", err)
			continue
		}
		buf := make([]byte, 64)
		n, _ := c.Read(buf)
		c.Close()
		fmt.Printf("tcp %s CONNECTED %q\\n", t, buf[:n])
	}
	if c, err := net.DialTimeout("udp", "8.8.8.8:53", time.Second); err != nil {
		fmt.Println("udp denied:", err)
	} else {
		_, err := c.Write([]byte("x"))
		fmt.Println("udp write:", err)
		c.Close()
	}
	client := http.Client{Timeout: 2 * time.Second}
	for _, u := range []string{"http://127.0.0.1:__HOST_PORT__/", "http://172.17.0.1:__HOST_PORT__/", "http://example.com/"} {
		resp, err := client.Get(u)
		if err != nil {
			fmt.Println("http", u, "denied:", err)
			continue
		}
		resp.Body.Close()
		fmt.Println("http", u, "CONNECTED", resp.Status)
	}
	_, err := net.LookupHost("example.com")
	fmt.Println("dns:", err)
}
`,
    limits: { timeoutMs: 20_000 },
    expect: {
      wasm: {
        status: ['ok'],
        exitCode: 0,
        stdout: { ...NOTHING_ALLOWED },
        why: 'wasip1 has no sockets (only an in-process fake network)',
      },
      docker: {
        status: ['ok'],
        exitCode: 0,
        stdout: { ...NOTHING_ALLOWED, matches: [/tcp 172\.17\.0\.1:\d+ denied: .*network is unreachable/] },
        why: 'NetworkMode none: only a loopback of its own',
      },
    },
  },
  {
    id: 'docker-socket',
    group: 'network',
    name: 'reach the Docker socket or the host gateway',
    source: `package main

import (
	"fmt"
	"net"
	"time"
)

func main() {
	for _, p := range []string{"/var/run/docker.sock", "/run/docker.sock", "/run/containerd/containerd.sock", "/run/podman/podman.sock", "/tmp/.X11-unix/X0"} {
		c, err := net.DialTimeout("unix", p, time.Second)
		if err != nil {
			fmt.Println("unix", p, "denied:", err)
			continue
		}
		c.Close()
		fmt.Println("unix", p, "CONNECTED")
	}
	for _, t := range []string{"host.docker.internal:2375", "gateway.docker.internal:2375", "172.17.0.1:2376"} {
		c, err := net.DialTimeout("tcp", t, time.Second)
		if err != nil {
			fmt.Println("tcp", t, "denied:", err)
			continue
		}
		c.Close()
		fmt.Println("tcp", t, "CONNECTED")
	}
}
`,
    limits: { timeoutMs: 15_000 },
    expect: eachWhy(
      { status: ['ok'], exitCode: 0, stdout: { ...NOTHING_ALLOWED, matches: [/^(\S+ \S+ denied: .*\n){8}$/] } },
      { wasm: 'no file system and no sockets', docker: 'no socket is mounted, no DNS and no route out' },
    ),
  },

  // ── What the guest can see ────────────────────────────────────────────────────────────────
  {
    id: 'env-passwd',
    group: 'visibility',
    name: 'read /etc/passwd and os.Environ',
    source: `package main

import (
	"fmt"
	"os"
	"sort"
	"strings"
)

func main() {
	var keys []string
	for _, kv := range os.Environ() {
		keys = append(keys, strings.SplitN(kv, "=", 2)[0])
	}
	sort.Strings(keys)
	fmt.Println("env:", strings.Join(keys, ","))
	fmt.Println(strings.Join(os.Environ(), "\\n"))
	b, err := os.ReadFile("/etc/passwd")
	fmt.Printf("passwd: %q %v\\n", b, err)
	fmt.Println("secret:", os.Getenv("GOPHERLAB_TEST_SECRET"))
	wd, err := os.Getwd()
	fmt.Println("wd:", wd, err)
	fmt.Println("args:", os.Args)
}
`,
    expect: {
      wasm: {
        status: ['ok'],
        exitCode: 0,
        stdout: {
          includes: ['env: HOME,PATH,USER\n', 'HOME=/home/gopher\nUSER=gopher\nPATH=/usr/local/go/bin:/usr/bin:/bin\n', 'passwd: "" open /etc/passwd: ', 'secret: \n', 'args: [prog]\n'],
        },
        why: 'three made-up variables; no files at all',
      },
      docker: {
        status: ['ok'],
        exitCode: 0,
        stdout: {
          includes: [
            'env: HOME,HOSTNAME,PATH,USER\n',
            'passwd: "root:x:0:0:root:/root:/sbin/nologin\\nnobody:x:65534:65534:nobody:/tmp:/sbin/nologin\\n" <nil>\n',
            'secret: \n',
            'wd: /tmp <nil>\n',
            'args: [/app/prog]\n',
          ],
        },
        why: "the image's own two-line passwd and four variables; nothing of the host's",
      },
    },
  },
  {
    id: 'proc-sys',
    group: 'visibility',
    name: 'read /proc/self/environ, /proc/1/cmdline, /proc/1/environ, /sys',
    source: `package main

import (
	"fmt"
	"os"
	"strings"
)

func show(p string) {
	b, err := os.ReadFile(p)
	if len(b) > 600 {
		b = b[:600]
	}
	fmt.Printf("%s: %q %v\\n", p, b, err)
}

func main() {
	for _, p := range []string{"/proc/self/environ", "/proc/1/environ", "/proc/1/cmdline", "/proc/self/cgroup", "/proc/self/status", "/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory.max", "/proc/kcore", "/proc/keys", "/proc/timer_list"} {
		show(p)
	}
	for _, d := range []string{"/proc", "/sys/class/net", "/sys/firmware", "/"} {
		entries, err := os.ReadDir(d)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		fmt.Printf("ls %s: %s %v\\n", d, strings.Join(names, " "), err)
	}
}
`,
    expect: {
      wasm: {
        status: ['ok'],
        exitCode: 0,
        stdout: { matches: [/\/proc\/1\/cmdline: "" open \/proc\/1\/cmdline: /, /ls \/sys\/class\/net: {2}open /] },
        why: 'no files at all',
      },
      docker: {
        status: ['ok'],
        exitCode: 0,
        stdout: {
          includes: ['/proc/1/cmdline: "/app/prog\\x00" <nil>\n', '/proc/keys: "" <nil>\n', '/proc/timer_list: "" <nil>\n', 'ls /sys/class/net: lo <nil>\n', 'ls /sys/firmware:  <nil>\n'],
          matches: [/\/proc\/kcore: "" open \/proc\/kcore: (no such file or directory|permission denied)/, /^ls \/: (\.dockerenv )?app dev etc proc sys tmp <nil>$/m],
        },
        why: 'its own PID namespace (PID 1 is the program); kernel files masked; one loopback',
      },
    },
  },

  // ── Privileges ────────────────────────────────────────────────────────────────────────────
  {
    id: 'setuid-chroot',
    group: 'privileges',
    name: 'setuid(0), setgid(0), setgroups, chroot',
    source: `package main

import (
	"fmt"
	"os"
	"syscall"
)

func main() {
	fmt.Println("setuid(0):", syscall.Setuid(0))
	fmt.Println("setgid(0):", syscall.Setgid(0))
	fmt.Println("setgroups([0]):", syscall.Setgroups([]int{0}))
	os.Mkdir("/tmp/jail", 0o755)
	fmt.Println("chroot:", syscall.Chroot("/tmp/jail"))
	fmt.Println("uid", os.Getuid(), os.Geteuid(), "gid", os.Getgid())
}
`,
    expect: {
      wasm: noSyscallInWasm('Setuid'),
      docker: {
        status: ['ok'],
        exitCode: 0,
        stdout: {
          equals:
            'setuid(0): operation not permitted\nsetgid(0): operation not permitted\nsetgroups([0]): operation not permitted\nchroot: operation not permitted\nuid 65534 65534 gid 65534\n',
        },
        why: 'user nobody, every capability dropped, no-new-privileges',
      },
    },
  },
  {
    id: 'ptrace',
    group: 'privileges',
    name: 'ptrace',
    source: `package main

import (
	"fmt"
	"syscall"
)

func main() {
	fmt.Println("attach 1:", syscall.PtraceAttach(1))
	fmt.Println("attach 2:", syscall.PtraceAttach(2))
	_, _, errno := syscall.RawSyscall(syscall.SYS_PTRACE, syscall.PTRACE_TRACEME, 0, 0)
	fmt.Println("traceme errno:", int(errno))
}
`,
    expect: {
      wasm: noSyscallInWasm('PtraceAttach'),
      docker: {
        status: ['ok'],
        exitCode: 0,
        stdout: { matches: [/^attach 1: operation not permitted\nattach 2: (no such process|operation not permitted)\n/] },
        why: 'no CAP_SYS_PTRACE, and nothing outside its PID namespace to attach to',
      },
    },
  },
  {
    id: 'mount',
    group: 'privileges',
    name: 'mount, remount / read-write, unshare',
    source: `package main

import (
	"fmt"
	"os"
	"syscall"
)

func main() {
	os.Mkdir("/tmp/m", 0o755)
	fmt.Println("mount tmpfs:", syscall.Mount("tmpfs", "/tmp/m", "tmpfs", 0, ""))
	fmt.Println("mount proc:", syscall.Mount("proc", "/tmp/m", "proc", 0, ""))
	fmt.Println("remount / rw:", syscall.Mount("", "/", "", syscall.MS_REMOUNT, ""))
	fmt.Println("remount /tmp exec:", syscall.Mount("", "/tmp", "", syscall.MS_REMOUNT, "exec"))
	fmt.Println("unshare user:", syscall.Unshare(syscall.CLONE_NEWUSER))
	fmt.Println("unshare mount:", syscall.Unshare(syscall.CLONE_NEWNS))
}
`,
    expect: {
      wasm: noSyscallInWasm('Mount'),
      docker: {
        status: ['ok'],
        exitCode: 0,
        stdout: { excludes: ['<nil>'] },
        why: 'no CAP_SYS_ADMIN; seccomp refuses unshare',
      },
    },
  },
  {
    id: 'rlimits',
    group: 'privileges',
    name: 'raise RLIMITs',
    source: `package main

import (
	"fmt"
	"syscall"
)

func main() {
	for _, r := range []struct {
		name string
		res  int
	}{{"nofile", syscall.RLIMIT_NOFILE}, {"fsize", syscall.RLIMIT_FSIZE}, {"as", syscall.RLIMIT_AS}} {
		var lim syscall.Rlimit
		syscall.Getrlimit(r.res, &lim)
		err := syscall.Setrlimit(r.res, &syscall.Rlimit{Cur: 1 << 40, Max: 1 << 40})
		var now syscall.Rlimit
		syscall.Getrlimit(r.res, &now)
		fmt.Printf("%s: raise: %v; now %d/%d\\n", r.name, err, now.Cur, now.Max)
	}
}
`,
    expect: {
      wasm: noSyscallInWasm('Setrlimit'),
      docker: {
        status: ['ok'],
        exitCode: 0,
        stdout: {
          includes: ['nofile: raise: operation not permitted; now 256/256\n', 'fsize: raise: operation not permitted; now 16777216/16777216\n'],
        },
        why: 'hard limits can only be lowered without CAP_SYS_RESOURCE',
      },
    },
  },
  {
    id: 'fd-exhaustion',
    group: 'privileges',
    name: 'open files until it fails',
    source: `package main

import (
	"fmt"
	"os"
)

func main() {
	var files []*os.File
	for len(files) < 100000 {
		f, err := os.Open("/etc/passwd")
		if err != nil {
			fmt.Println("after", len(files), "open files:", err)
			return
		}
		files = append(files, f)
	}
	fmt.Println("opened 100000 files: NO LIMIT")
}
`,
    expect: {
      wasm: {
        status: ['ok'],
        exitCode: 0,
        stdout: { matches: [/^after 0 open files: /] },
        why: 'no files at all',
      },
      docker: {
        status: ['ok'],
        exitCode: 0,
        stdout: { matches: [/^after 2\d\d open files: .*too many open files\n$/] },
        why: 'the nofile ulimit (256)',
      },
    },
  },

  // ── Signals and crashes ───────────────────────────────────────────────────────────────────
  {
    id: 'exit-3',
    group: 'crashes',
    name: 'os.Exit(3)',
    source: 'package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc main() {\n\tfmt.Println("bye")\n\tos.Exit(3)\n}\n',
    expect: both({ status: ['exit'], exitCode: 3, stdout: { equals: 'bye\n' }, why: 'an ordinary exit status' }),
  },
  {
    id: 'panic',
    group: 'crashes',
    name: 'panic',
    source: 'package main\n\nfunc main() { panic("boom") }\n',
    expect: both({
      status: ['runtime-panic'],
      exitCode: 2,
      panic: /^boom$/,
      stderr: { includes: ['panic: boom', 'prog.go:3'] },
      why: "the runtime's own panic exit",
    }),
  },
  {
    id: 'nil-write',
    group: 'crashes',
    name: 'nil pointer write via unsafe',
    source: `package main

import "unsafe"

func main() {
	p := (*int)(unsafe.Pointer(uintptr(0)))
	*p = 42
	println("WROTE THROUGH NIL")
}
`,
    expect: eachWhy(
      { status: ['runtime-panic'], exitCode: 2, panic: /invalid memory address or nil pointer dereference/, stderr: { excludes: ['WROTE THROUGH NIL'] } },
      { wasm: "the compiler's nil check panics", docker: 'the SIGSEGV becomes a Go panic' },
    ),
  },
  {
    id: 'wild-write',
    group: 'crashes',
    name: 'write through a wild pointer (2 GiB)',
    source: `package main

import "unsafe"

func main() {
	p := (*int)(unsafe.Pointer(uintptr(0x7ff00000)))
	*p = 42
	println("WROTE THROUGH A WILD POINTER")
}
`,
    expect: eachWhy(
      { status: ['runtime-panic'], stderr: { excludes: ['WROTE THROUGH A WILD POINTER'] } },
      { wasm: 'beyond the linear memory: the wasm access traps', docker: 'unmapped address: SIGSEGV, fatal error: fault' },
    ),
  },
  {
    id: 'sigsegv',
    group: 'crashes',
    name: 'a real SIGSEGV: syscall.Kill(os.Getpid(), SIGSEGV)',
    source: `package main

import (
	"fmt"
	"os"
	"syscall"
	"time"
)

func main() {
	fmt.Println("kill:", syscall.Kill(os.Getpid(), syscall.SIGSEGV))
	time.Sleep(200 * time.Millisecond)
	fmt.Println("survived")
}
`,
    expect: {
      wasm: {
        status: ['exit'],
        exitCode: 139,
        stdout: { equals: '' },
        why: 'on wasip1 a kill of itself is proc_exit(128+11)',
      },
      docker: {
        // Go's runtime prints "SIGSEGV: segmentation violation" and a goroutine dump, then exits 2.
        status: ['runtime-panic', 'exit'],
        exitCode: 2,
        stderr: { includes: ['SIGSEGV: segmentation violation'] },
        why: "Go's runtime dies of the signal inside the container",
      },
    },
  },

  // ── Build: what reaches the compiler ─────────────────────────────────────────────────────
  {
    id: 'txtar-dotdot',
    group: 'build',
    name: 'txtar file name with ../',
    source: 'package main\n\nfunc main() {}\n-- ../../escape.go --\npackage main\n-- sub/../../../escape2.go --\npackage main\n',
    expect: both({
      status: ['rejected'],
      exitCode: null,
      message: { matches: [/outside the snippet/] },
      why: 'refused before anything is written',
    }),
  },
  {
    id: 'txtar-absolute',
    group: 'build',
    name: 'txtar file name that is absolute',
    source: 'package main\n\nfunc main() {}\n-- /tmp/gopherlab-escape.go --\npackage main\n',
    expect: both({
      status: ['rejected'],
      exitCode: null,
      message: { matches: [/is absolute/] },
      why: 'refused before anything is written',
    }),
  },
  {
    id: 'toolchain-pin',
    group: 'build',
    name: 'go.mod toolchain go1.99.0',
    source: 'package main\n\nfunc main() {}\n-- go.mod --\nmodule play\n\ngo 1.99\n\ntoolchain go1.99.0\n',
    expect: both({
      status: ['sdk-missing'],
      exitCode: null,
      message: { matches: [/pins toolchain go1\.99\.0, which is not installed/] },
      why: 'GOTOOLCHAIN=local: nothing is downloaded or switched',
    }),
  },
  {
    id: 'go-line-future',
    group: 'build',
    name: 'go.mod go 1.99 without a toolchain line',
    source: 'package main\n\nfunc main() {}\n-- go.mod --\nmodule play\n\ngo 1.99\n',
    expect: both({
      status: ['compile-error'],
      exitCode: null,
      buildOutput: { matches: [/1\.99/], excludes: ['downloading'] },
      why: 'GOTOOLCHAIN=local: the go command refuses instead of downloading',
    }),
  },
  {
    id: 'replace-etc',
    group: 'build',
    name: 'go.mod replace => /etc',
    source: 'package main\n\nimport _ "example.com/x"\n\nfunc main() {}\n-- go.mod --\nmodule play\n\ngo 1.21\n\nrequire example.com/x v1.0.0\n\nreplace example.com/x => /etc\n',
    expect: both({
      status: ['rejected'],
      exitCode: null,
      message: { matches: [/replace to the local path "\/etc"/] },
      why: 'local replace targets are refused before the build',
    }),
  },
  {
    id: 'replace-block',
    group: 'build',
    name: 'go.mod replace block => ../../',
    source: 'package main\n\nfunc main() {}\n-- go.mod --\nmodule play\n\ngo 1.21\n\nreplace (\n\texample.com/y v1.0.0 => example.com/z v1.0.0\n\texample.com/x => ../../\n)\n',
    expect: both({
      status: ['rejected'],
      exitCode: null,
      message: { matches: [/replace to the local path "\.\.\/\.\.\/"/] },
      why: 'the block form is checked too',
    }),
  },
  {
    id: 'go-work',
    group: 'build',
    name: 'go.work with use / and replace => /etc',
    source: 'package main\n\nimport _ "example.com/x"\n\nfunc main() {}\n-- go.work --\ngo 1.21\n\nuse /\nuse .\n\nreplace example.com/x => /etc\n',
    expect: both({
      status: ['compile-error'],
      exitCode: null,
      buildOutput: { excludes: ['root:'] },
      why: 'GOWORK=off: go.work is ignored, and module downloads are off',
    }),
  },
  {
    id: 'embed-host-file',
    group: 'build',
    name: '//go:embed of a host file',
    source: `package main

import (
	_ "embed"
	"fmt"
)

//go:embed ../../../../../../../../etc/passwd
var passwd string

func main() { fmt.Print(passwd) }
`,
    expect: both({
      status: ['compile-error'],
      exitCode: null,
      buildOutput: { matches: [/invalid pattern syntax|cannot embed|pattern/] },
      why: 'embed patterns cannot leave the module',
    }),
  },
  {
    id: 'cgo',
    group: 'build',
    name: 'cgo: import "C" including a host file',
    source: `package main

// #include "/etc/passwd"
import "C"

import "fmt"

func main() { fmt.Println("built with cgo") }
`,
    expect: both({
      status: ['compile-error'],
      exitCode: null,
      buildOutput: { excludes: ['root:'] },
      why: 'CGO_ENABLED=0: no C compiler ever runs',
    }),
  },
  {
    id: 'const-shift',
    group: 'build',
    name: 'compile bomb: const x = 1 << 100000',
    source: 'package main\n\nconst x = 1 << 100000\n\nfunc main() { println(x > 0) }\n',
    expect: both({ status: ['compile-error'], exitCode: null, why: 'the type checker refuses the shift' }),
  },
  {
    id: 'huge-array-type',
    group: 'build',
    name: 'compile bomb: var a [1 << 50]byte',
    source: 'package main\n\nvar a [1 << 50]byte\n\nfunc main() { println(len(a), a[0]) }\n',
    expect: both({ status: ['compile-error'], exitCode: null, why: 'the compiler refuses a type that large' }),
  },
  {
    id: 'generic-instantiation',
    group: 'build',
    name: 'compile bomb: unbounded generic instantiation',
    source: `package main

type Box[T any] struct{ v T }

func grow[T any](n int, v T) int {
	if n == 0 {
		return 0
	}
	return grow[Box[T]](n-1, Box[T]{v})
}

func main() { println(grow(10, 1)) }
`,
    expect: both({ status: ['compile-error'], exitCode: null, buildOutput: { matches: [/instantiation cycle/] }, why: 'the compiler detects the instantiation cycle' }),
  },
  {
    id: 'string-doubling',
    group: 'build',
    name: 'compile bomb: a string constant doubled 35 times (64 GiB)',
    source: `package main

const s0 = "xy"
${Array.from({ length: 35 }, (_, i) => `const s${i + 1} = s${i} + s${i}`).join('\n')}

func main() { println(len(s35)) }
`,
    expect: both({
      status: ['memory-limit'],
      exitCode: null,
      why: 'the compiler runs under a 3 GiB address-space limit and fails there: memory-limit, not the host',
    }),
  },
  {
    id: 'huge-binary',
    group: 'build',
    name: 'compile bomb: var a = [1 << 25]int{1} (a 256 MiB binary)',
    source: 'package main\n\nvar a = [1 << 25]int{1, 2, 3}\n\nfunc main() { println(a[1]) }\n',
    limits: { memoryBytes: 64 * MiB },
    expect: {
      wasm: {
        status: ['memory-limit', 'rejected', 'compile-error'],
        exitCode: null,
        why: 'the module needs more memory at start than the limit allows',
      },
      docker: {
        status: ['rejected', 'compile-error', 'memory-limit', 'ok'],
        why: 'the binary runs inside the container (its data pages are mapped, not copied)',
      },
    },
  },

  {
    id: 'cgo-directives',
    group: 'build',
    name: '//go:cgo_ldflag and //go:cgo_import_dynamic without cgo',
    source: `package main

import _ "unsafe"

//go:cgo_ldflag "-Wl,-rpath,/etc"
//go:cgo_import_dynamic libc_system system "libc.so.6"

func main() { println("linked") }
`,
    expect: both({
      status: ['compile-error'],
      exitCode: null,
      buildOutput: { matches: [/only allowed in cgo-generated code/] },
      why: 'the compiler accepts these directives only in cgo-generated files',
    }),
  },
  {
    id: 'toolchain-path',
    group: 'build',
    name: 'go.mod toolchain line naming a host path',
    source: 'package main\n\nfunc main() { println("built") }\n-- go.mod --\nmodule play\n\ngo 1.21\n\ntoolchain /usr/bin/env\n',
    expect: both({
      status: ['compile-error', 'rejected', 'sdk-missing'],
      exitCode: null,
      why: 'only goX.Y.Z pins a toolchain; the go command refuses the line',
    }),
  },
  {
    id: 'too-many-files',
    group: 'build',
    name: 'a txtar with 500 files',
    source: `package main\n\nfunc main() {}\n${Array.from({ length: 500 }, (_, i) => `-- f${i}.go --\npackage main\n`).join('')}`,
    expect: both({
      status: ['rejected'],
      exitCode: null,
      message: { matches: [/at most \d+ are allowed/] },
      why: 'refused before anything is written',
    }),
  },
  {
    id: 'exit-negative',
    group: 'crashes',
    name: 'os.Exit(-1)',
    source: 'package main\n\nimport "os"\n\nfunc main() { os.Exit(-1) }\n',
    expect: {
      wasm: { status: ['exit'], why: 'an ordinary (odd) exit status' },
      docker: {
        status: ['exit'],
        exitCode: 255,
        // An exit status above 128 is not always a signal: there is no signal 127.
        message: { excludes: ['signal 127'] },
        why: 'the kernel keeps the low 8 bits: 255',
      },
    },
  },
  {
    id: 'tiny-writes',
    group: 'output',
    name: 'a million one-byte writes',
    source: `package main

import "os"

func main() {
	b := []byte{'.'}
	for i := 0; i < 1<<20+1; i++ {
		os.Stdout.Write(b)
	}
}
`,
    limits: { timeoutMs: 20_000 },
    expect: both({
      status: ['output-limit', 'timeout'],
      truncated: true,
      why: 'counted byte by byte against the same cap',
    }),
  },
  {
    id: 'cpu-quota',
    group: 'processes',
    name: 'spin 4 threads and measure the CPU time granted',
    source: `package main

func main() { probe() }
-- probe_linux.go --
package main

import (
	"fmt"
	"syscall"
	"time"
)


func probe() {
	for i := 0; i < 4; i++ {
		go func() {
			for {
			}
		}()
	}
	start := time.Now()
	time.Sleep(2 * time.Second)
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	ratio := cpu.Seconds() / time.Since(start).Seconds()
	if ratio > 1.3 {
		fmt.Printf("OVER QUOTA: %.2f CPUs\\n", ratio)
	} else {
		fmt.Println("within one CPU")
	}
}
-- probe_wasip1.go --
package main

import "fmt"

func probe() { fmt.Println("within one CPU") }
`,
    limits: { timeoutMs: 10_000, cpus: 1 },
    expect: {
      wasm: { status: ['ok'], exitCode: 0, stdout: { equals: 'within one CPU\n' }, why: 'wasm has one thread' },
      docker: { status: ['ok'], exitCode: 0, stdout: { equals: 'within one CPU\n' }, why: 'NanoCpus holds the container to 1 CPU' },
    },
  },

  // ── The WASI host itself (WASM only; Docker builds the fallback file) ────────────────────
  {
    id: 'wasi-wild-pointers',
    group: 'wasi-host',
    name: 'raw WASI calls with wild pointers and sizes',
    source: `package main

func main() { probe() }
-- probe_wasip1.go --
package main

import "fmt"

//go:wasmimport wasi_snapshot_preview1 random_get
func randomGet(buf uint32, n uint32) uint32

//go:wasmimport wasi_snapshot_preview1 fd_read
func fdRead(fd uint32, iovs uint32, n uint32, nread uint32) uint32

//go:wasmimport wasi_snapshot_preview1 path_open
func pathOpen(fd uint32, dirflags uint32, path uint32, pathLen uint32, oflags uint32, rightsBase uint64, rightsInh uint64, fdflags uint32, out uint32) uint32

//go:wasmimport wasi_snapshot_preview1 fd_write
func fdWrite(fd uint32, iovs uint32, n uint32, nwritten uint32) uint32

func probe() {
	fmt.Println("random_get huge:", randomGet(0, 0xffffffff))
	fmt.Println("fd_read fd 7:", fdRead(7, 0, 1, 0))
	fmt.Println("path_open:", pathOpen(3, 0, 0, 4, 0, 0, 0, 0, 0))
	fmt.Println("fd_write iov beyond memory:", fdWrite(1, 0xfffffff0, 1, 0))
	fmt.Println("SURVIVED A WILD POINTER")
}
-- probe_other.go --
//go:build !wasip1

package main

import "fmt"

func probe() { fmt.Println("not wasm") }
`,
    expect: {
      wasm: {
        status: ['runtime-panic'],
        exitCode: null,
        message: { matches: [/outside the bounds/] },
        // random_get with len 0xffffffff should answer EFAULT (21); the host reads the i32 as -1 and writes nothing.
        stdout: { matches: [/^random_get huge: (0|21)\nfd_read fd 7: 8\npath_open: 52\n$/], excludes: ['SURVIVED'] },
        why: 'the host answers EFAULT/EBADF/ENOSYS, and an out-of-bounds pointer traps the guest only',
      },
      docker: { status: ['ok'], exitCode: 0, stdout: { equals: 'not wasm\n' }, why: 'not a WASM build' },
    },
  },
  {
    id: 'wasi-poll-forever',
    group: 'wasi-host',
    name: 'raw poll_oneoff with the largest timeout',
    source: `package main

func main() { probe() }
-- probe_wasip1.go --
package main

import "unsafe"

//go:wasmimport wasi_snapshot_preview1 poll_oneoff
func pollOneoff(in unsafe.Pointer, out unsafe.Pointer, n uint32, nevents unsafe.Pointer) uint32

func probe() {
	var sub [48]byte
	sub[8] = 0 // clock
	for i := 24; i < 32; i++ {
		sub[i] = 0xff // timeout: 2^64-1 ns
	}
	var ev [32]byte
	var n uint32
	pollOneoff(unsafe.Pointer(&sub), unsafe.Pointer(&ev), 1, unsafe.Pointer(&n))
	println("WOKE UP")
}
-- probe_other.go --
//go:build !wasip1

package main

import "time"

func probe() { time.Sleep(time.Hour) }
`,
    limits: KILL,
    expect: eachWhy(
      { status: ['timeout'], exitCode: null, stderr: { excludes: ['WOKE UP'] } },
      { wasm: 'a guest blocked in a host call (Atomics.wait) is still terminated at the limit', docker: 'not a WASM build: a plain sleep, killed at the limit' },
    ),
  },
];
