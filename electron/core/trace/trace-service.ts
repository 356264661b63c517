// Traces by run id for the contract: parsed (validated, the user's names restored, the last few
// kept in memory) for the timeline, raw for `go tool trace`.
import { ContractError } from '../../../shared/contract';
import { TraceTimelineSchema, type TraceTimeline } from '../../../shared/trace';
import { GotraceTool } from './gotrace-tool';
import { isWrapperFile, unrenameFunction } from './instrument';
import { TraceStore } from './trace-store';

/** Parsed timelines kept in memory: they can be tens of MB each. */
const CACHED = 4;

export class TraceService {
  readonly store: TraceStore;
  readonly tool: GotraceTool;
  private readonly cache = new Map<string, Promise<TraceTimeline>>();

  constructor(options: ConstructorParameters<typeof GotraceTool>[0]) {
    this.store = new TraceStore(options.dataDir);
    this.tool = new GotraceTool(options);
  }

  async get(id: string): Promise<TraceTimeline> {
    let entry = this.cache.get(id);
    if (entry) {
      // Most recently used last.
      this.cache.delete(id);
      this.cache.set(id, entry);
      return entry;
    }
    entry = this.parse(id);
    this.cache.set(id, entry);
    entry.catch(() => this.cache.delete(id));
    while (this.cache.size > CACHED) this.cache.delete(this.cache.keys().next().value as string);
    return entry;
  }

  async raw(id: string): Promise<{ name: string; base64: string }> {
    const bytes = await this.store.read(id);
    if (!bytes) throw missing(id);
    return { name: `${id}.trace`, base64: bytes.toString('base64') };
  }

  private async parse(id: string): Promise<TraceTimeline> {
    const bytes = await this.store.read(id);
    if (!bytes) throw missing(id);
    const parsed = TraceTimelineSchema.safeParse(await this.tool.parse(this.store.path(id)));
    if (!parsed.success) throw new Error(`the trace parser's output does not match the timeline schema: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return asWritten(parsed.data);
  }
}

function missing(id: string): ContractError {
  return new ContractError('not-found', `there is no trace for run ${id}: the run was not traced, or its trace is older than the newest ones kept; run it again with tracing on`);
}

/** The program as the user wrote it: their main is main.main again, the generated wrapper is gone. */
export function asWritten(t: TraceTimeline): TraceTimeline {
  return {
    ...t,
    goroutines: t.goroutines.map((g) => ({
      ...g,
      name: unrenameFunction(g.name),
      creationStack: g.creationStack.filter((f) => !isWrapperFile(f.file)).map((f) => ({ ...f, fn: unrenameFunction(f.fn) })),
    })),
  };
}
