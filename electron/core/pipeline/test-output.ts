// Reads what a Go test binary prints (-test.v, -test.bench, -test.benchmem) into per-test
// outcomes and benchmark measurements.
export interface TestOutcome {
  name: string;
  outcome: 'pass' | 'fail' | 'skip';
  seconds: number;
}

export interface BenchmarkRun {
  /** Without the -GOMAXPROCS suffix: "BenchmarkSum" or "BenchmarkSum/size=10". */
  name: string;
  procs: number;
  iterations: number;
  nsPerOp: number;
  bytesPerOp?: number;
  allocsPerOp?: number;
}

const TEST_LINE = /^\s*--- (PASS|FAIL|SKIP): (\S+) \((\d+(?:\.\d+)?)s\)/;
const BENCH_LINE = /^(Benchmark\S*?)(?:-(\d+))?\s+(\d+)\s+(\d+(?:\.\d+)?) ns\/op(.*)$/;

export function parseTestOutput(text: string): { tests: TestOutcome[]; benchmarks: BenchmarkRun[] } {
  const tests: TestOutcome[] = [];
  const benchmarks: BenchmarkRun[] = [];
  for (const line of text.split('\n')) {
    const t = TEST_LINE.exec(line);
    if (t) {
      tests.push({ name: t[2]!, outcome: t[1] === 'PASS' ? 'pass' : t[1] === 'FAIL' ? 'fail' : 'skip', seconds: Number(t[3]) });
      continue;
    }
    const b = BENCH_LINE.exec(line.trim());
    if (b) {
      const rest = b[5] ?? '';
      const bytes = /(\d+(?:\.\d+)?) B\/op/.exec(rest);
      const allocs = /(\d+(?:\.\d+)?) allocs\/op/.exec(rest);
      benchmarks.push({
        name: b[1]!,
        procs: b[2] ? Number(b[2]) : 1,
        iterations: Number(b[3]),
        nsPerOp: Number(b[4]),
        ...(bytes ? { bytesPerOp: Number(bytes[1]) } : {}),
        ...(allocs ? { allocsPerOp: Number(allocs[1]) } : {}),
      });
    }
  }
  return { tests, benchmarks };
}

/** Arguments for a test binary run as `go test -v` would run it. */
export function testBinaryArgs(o: { run?: string; bench?: string; count?: number; benchtime?: string }): string[] {
  const args = ['-test.v'];
  if (o.run) args.push(`-test.run=${o.run}`);
  if (o.bench) args.push(`-test.bench=${o.bench}`, '-test.benchmem');
  if (o.benchtime) args.push(`-test.benchtime=${o.benchtime}`);
  if (o.count && o.count > 1) args.push(`-test.count=${o.count}`);
  return args;
}
