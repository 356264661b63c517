// Command gotrace reads a Go execution trace (every format from Go 1.11 on) and prints the timeline
// Gopherlab draws, as JSON in the shape of shared/trace.ts (TraceTimelineSchema).
//
//	gotrace [-max N] FILE
//
// Times are nanoseconds from the trace's first event. Past N state segments (goroutine states, P
// slices, heap samples together) the rest of the trace is dropped and "truncated" is true.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/exp/trace"
)

type frame struct {
	Fn   string `json:"fn"`
	File string `json:"file"`
	Line int    `json:"line"`
}

type segment struct {
	State   string `json:"state"`
	StartNs int64  `json:"startNs"`
	EndNs   int64  `json:"endNs"`
	Reason  string `json:"reason,omitempty"`
}

type goroutine struct {
	ID            int64     `json:"id"`
	Name          string    `json:"name"`
	System        bool      `json:"system"`
	Parent        *int64    `json:"parent"`
	CreatedNs     *int64    `json:"createdNs"`
	EndNs         *int64    `json:"endNs"`
	CreationStack []frame   `json:"creationStack"`
	States        []segment `json:"states"`

	// The open state segment, and the P it runs on while running.
	state     string
	reason    string
	since     int64
	proc      trace.ProcID
	runSince  int64
	regionIdx []int
}

type slice struct {
	G       int64 `json:"g"`
	StartNs int64 `json:"startNs"`
	EndNs   int64 `json:"endNs"`
}

type proc struct {
	ID     int64   `json:"id"`
	Slices []slice `json:"slices"`
}

type span struct {
	Name    string `json:"name"`
	StartNs int64  `json:"startNs"`
	EndNs   int64  `json:"endNs"`
}

type task struct {
	ID      uint64  `json:"id"`
	Parent  *uint64 `json:"parent"`
	Name    string  `json:"name"`
	StartNs int64   `json:"startNs"`
	EndNs   *int64  `json:"endNs"`
}

type region struct {
	G       int64   `json:"g"`
	Task    *uint64 `json:"task"`
	Name    string  `json:"name"`
	StartNs int64   `json:"startNs"`
	EndNs   int64   `json:"endNs"`
}

type logEntry struct {
	G        int64   `json:"g"`
	Task     *uint64 `json:"task"`
	TimeNs   int64   `json:"timeNs"`
	Category string  `json:"category"`
	Message  string  `json:"message"`
}

type heapSample struct {
	TimeNs int64  `json:"timeNs"`
	Bytes  uint64 `json:"bytes"`
}

type timeline struct {
	Format     string       `json:"format"`
	DurationNs int64        `json:"durationNs"`
	Procs      []*proc      `json:"procs"`
	Goroutines []*goroutine `json:"goroutines"`
	GC         []span       `json:"gc"`
	STW        []span       `json:"stw"`
	Tasks      []*task      `json:"tasks"`
	Regions    []*region    `json:"regions"`
	Logs       []logEntry   `json:"logs"`
	Heap       []heapSample `json:"heap"`
	Truncated  bool         `json:"truncated"`
}

const (
	gcRange   = "GC concurrent mark phase"
	heapBytes = "/memory/classes/heap/objects:bytes"
)

var (
	headerRe = regexp.MustCompile(`^go (1\.\d+) trace\x00\x00\x00`)
	stwRe    = regexp.MustCompile(`^stop-the-world \((.*)\)$`)
)

func main() {
	max := flag.Int("max", 200_000, "keep at most this many state segments")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: gotrace [-max N] FILE")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	tl, err := parseFile(flag.Arg(0), *max)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gotrace: %v\n", err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	if err := json.NewEncoder(w).Encode(tl); err != nil {
		fmt.Fprintf(os.Stderr, "gotrace: %v\n", err)
		os.Exit(1)
	}
	if err := w.Flush(); err != nil {
		os.Exit(1)
	}
}

func parseFile(path string, max int) (*timeline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	head, _ := br.Peek(16)
	m := headerRe.FindSubmatch(head)
	if m == nil {
		return nil, errors.New("not a Go execution trace (no \"go 1.N trace\" header)")
	}
	r, err := trace.NewReader(br)
	if err != nil {
		return nil, err
	}
	p := newParser("go "+string(m[1]), max)
	for {
		ev, err := r.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			if p.events == 0 {
				return nil, err
			}
			// A trace cut short (a size cap, a crash): keep what was read.
			p.tl.Truncated = true
			break
		}
		if !p.event(ev) {
			p.tl.Truncated = true
			break
		}
	}
	return p.finish(), nil
}

type parser struct {
	tl      timeline
	max     int
	used    int
	events  int
	t0      trace.Time
	last    int64
	gs      map[trace.GoID]*goroutine
	ps      map[trace.ProcID]*proc
	tasks   map[trace.TaskID]*task
	gcStart int64
	inGC    bool
	stw     map[string]int64
}

func newParser(format string, max int) *parser {
	return &parser{
		tl: timeline{
			Format: format, Procs: []*proc{}, Goroutines: []*goroutine{}, GC: []span{}, STW: []span{},
			Tasks: []*task{}, Regions: []*region{}, Logs: []logEntry{}, Heap: []heapSample{},
		},
		max:   max,
		gs:    map[trace.GoID]*goroutine{},
		ps:    map[trace.ProcID]*proc{},
		tasks: map[trace.TaskID]*task{},
		stw:   map[string]int64{},
	}
}

func (p *parser) rel(t trace.Time) int64 {
	if p.events == 1 {
		p.t0 = t
	}
	ns := int64(t - p.t0)
	if ns > p.last {
		p.last = ns
	}
	return ns
}

func (p *parser) g(id trace.GoID) *goroutine {
	g := p.gs[id]
	if g == nil {
		g = &goroutine{ID: int64(id), CreationStack: []frame{}, States: []segment{}, proc: trace.NoProc}
		p.gs[id] = g
	}
	return g
}

func (p *parser) pr(id trace.ProcID) *proc {
	pp := p.ps[id]
	if pp == nil {
		pp = &proc{ID: int64(id), Slices: []slice{}}
		p.ps[id] = pp
	}
	return pp
}

// event folds one event into the timeline; false once the segment budget is spent.
func (p *parser) event(ev trace.Event) bool {
	p.events++
	t := p.rel(ev.Time())
	if id := ev.Goroutine(); id != trace.NoGoroutine {
		// A goroutine that made no transition with a stack (e.g. main, running from the trace's
		// start to its end) is named by the root of any stack it was seen with.
		if g := p.g(id); g.Name == "" {
			for f := range ev.Stack().Frames() {
				g.Name = f.Func
			}
		}
	}
	switch ev.Kind() {
	case trace.EventStateTransition:
		st := ev.StateTransition()
		if st.Resource.Kind != trace.ResourceGoroutine {
			return true
		}
		return p.transition(ev, st, t)
	case trace.EventRangeBegin, trace.EventRangeActive:
		r := ev.Range()
		if r.Name == gcRange {
			p.gcStart, p.inGC = t, true
		} else if m := stwRe.FindStringSubmatch(r.Name); m != nil {
			p.stw[m[1]] = t
		}
	case trace.EventRangeEnd:
		r := ev.Range()
		if r.Name == gcRange && p.inGC {
			p.tl.GC = append(p.tl.GC, span{Name: "GC", StartNs: p.gcStart, EndNs: t})
			p.inGC = false
		} else if m := stwRe.FindStringSubmatch(r.Name); m != nil {
			if start, ok := p.stw[m[1]]; ok {
				p.tl.STW = append(p.tl.STW, span{Name: m[1], StartNs: start, EndNs: t})
				delete(p.stw, m[1])
			}
		}
	case trace.EventTaskBegin:
		tk := ev.Task()
		p.tasks[tk.ID] = &task{ID: uint64(tk.ID), Parent: taskRef(tk.Parent), Name: tk.Type, StartNs: t}
	case trace.EventTaskEnd:
		tk := ev.Task()
		x := p.tasks[tk.ID]
		if x == nil {
			// Began before the trace did.
			x = &task{ID: uint64(tk.ID), Parent: taskRef(tk.Parent), Name: tk.Type, StartNs: 0}
			p.tasks[tk.ID] = x
		}
		end := t
		x.EndNs = &end
	case trace.EventRegionBegin:
		rg := ev.Region()
		g := p.g(ev.Goroutine())
		p.tl.Regions = append(p.tl.Regions, &region{G: g.ID, Task: taskRef(rg.Task), Name: rg.Type, StartNs: t, EndNs: -1})
		g.regionIdx = append(g.regionIdx, len(p.tl.Regions)-1)
	case trace.EventRegionEnd:
		rg := ev.Region()
		g := p.g(ev.Goroutine())
		closed := false
		for i := len(g.regionIdx) - 1; i >= 0; i-- {
			if r := p.tl.Regions[g.regionIdx[i]]; r.Name == rg.Type {
				r.EndNs = t
				g.regionIdx = append(g.regionIdx[:i], g.regionIdx[i+1:]...)
				closed = true
				break
			}
		}
		if !closed {
			p.tl.Regions = append(p.tl.Regions, &region{G: g.ID, Task: taskRef(rg.Task), Name: rg.Type, StartNs: 0, EndNs: t})
		}
	case trace.EventLog:
		l := ev.Log()
		p.tl.Logs = append(p.tl.Logs, logEntry{G: int64(ev.Goroutine()), Task: taskRef(l.Task), TimeNs: t, Category: l.Category, Message: l.Message})
	case trace.EventMetric:
		m := ev.Metric()
		if m.Name == heapBytes && m.Value.Kind() == trace.ValueUint64 {
			if !p.spend() {
				return false
			}
			p.tl.Heap = append(p.tl.Heap, heapSample{TimeNs: t, Bytes: m.Value.Uint64()})
		}
	}
	return true
}

func (p *parser) spend() bool {
	p.used++
	return p.used <= p.max
}

func (p *parser) transition(ev trace.Event, st trace.StateTransition, t int64) bool {
	from, to := st.Goroutine()
	g := p.g(st.Resource.Goroutine())
	if g.Name == "" {
		// The root frame of the transition's stack is the goroutine's start function (as go tool trace names it).
		for f := range st.Stack.Frames() {
			g.Name = f.Func
		}
	}
	if from == to {
		return true
	}
	if from == trace.GoNotExist && to == trace.GoRunnable {
		created := t
		g.CreatedNs = &created
		if parent := ev.Goroutine(); parent != trace.NoGoroutine {
			id := int64(parent)
			g.Parent = &id
		}
		// The event's own stack is the creator's: where the go statement is.
		for f := range ev.Stack().Frames() {
			g.CreationStack = append(g.CreationStack, frame{Fn: f.Func, File: f.File, Line: int(f.Line)})
		}
	}
	if from == trace.GoRunning && g.proc != trace.NoProc {
		if !p.spend() {
			return false
		}
		pp := p.pr(g.proc)
		pp.Slices = append(pp.Slices, slice{G: g.ID, StartNs: g.runSince, EndNs: t})
		g.proc = trace.NoProc
	}
	if to == trace.GoRunning {
		if pid := ev.Proc(); pid != trace.NoProc {
			g.proc, g.runSince = pid, t
			p.pr(pid)
		}
	}
	if !p.closeState(g, t) {
		return false
	}
	reason := ""
	if to == trace.GoWaiting {
		reason = st.Reason
	}
	g.state, g.reason, g.since = stateName(to), reason, t
	if to == trace.GoNotExist || (to == trace.GoWaiting && st.Reason == "forever") {
		end := t
		g.EndNs = &end
	}
	return true
}

func (p *parser) closeState(g *goroutine, t int64) bool {
	if g.state == "" {
		return true
	}
	if !p.spend() {
		return false
	}
	g.States = append(g.States, segment{State: g.state, StartNs: g.since, EndNs: t, Reason: g.reason})
	g.state = ""
	return true
}

func stateName(s trace.GoState) string {
	switch s {
	case trace.GoRunning:
		return "running"
	case trace.GoRunnable:
		return "runnable"
	case trace.GoWaiting:
		return "waiting"
	case trace.GoSyscall:
		return "syscall"
	}
	return ""
}

func taskRef(id trace.TaskID) *uint64 {
	if id == trace.NoTask || id == trace.BackgroundTask {
		return nil
	}
	v := uint64(id)
	return &v
}

// finish closes whatever is still open at the last event and sorts the lanes.
func (p *parser) finish() *timeline {
	end := p.last
	p.tl.DurationNs = end
	// Closing costs no budget: an open state is one segment either way.
	p.max = int(^uint(0) >> 1)
	for _, g := range p.gs {
		if g.proc != trace.NoProc {
			pp := p.pr(g.proc)
			pp.Slices = append(pp.Slices, slice{G: g.ID, StartNs: g.runSince, EndNs: end})
		}
		p.closeState(g, end)
		g.System = isSystem(g.Name)
		p.tl.Goroutines = append(p.tl.Goroutines, g)
	}
	if p.inGC {
		p.tl.GC = append(p.tl.GC, span{Name: "GC", StartNs: p.gcStart, EndNs: end})
	}
	for reason, start := range p.stw {
		p.tl.STW = append(p.tl.STW, span{Name: reason, StartNs: start, EndNs: end})
	}
	for _, r := range p.tl.Regions {
		if r.EndNs < 0 {
			r.EndNs = end
		}
	}
	for _, pp := range p.ps {
		p.tl.Procs = append(p.tl.Procs, pp)
	}
	for _, tk := range p.tasks {
		p.tl.Tasks = append(p.tl.Tasks, tk)
	}
	sort.Slice(p.tl.Goroutines, func(i, j int) bool { return p.tl.Goroutines[i].ID < p.tl.Goroutines[j].ID })
	sort.Slice(p.tl.Procs, func(i, j int) bool { return p.tl.Procs[i].ID < p.tl.Procs[j].ID })
	sort.Slice(p.tl.Tasks, func(i, j int) bool { return p.tl.Tasks[i].ID < p.tl.Tasks[j].ID })
	sort.SliceStable(p.tl.STW, func(i, j int) bool { return p.tl.STW[i].StartNs < p.tl.STW[j].StartNs })
	return &p.tl
}

// isSystem mirrors go tool trace (runtime.* start functions, or none), plus the tracer's own
// reader goroutine, which only exists because the trace is being taken.
func isSystem(name string) bool {
	return name == "" || (name != "runtime.main" && strings.HasPrefix(name, "runtime.")) || strings.HasPrefix(name, "runtime/trace.")
}
