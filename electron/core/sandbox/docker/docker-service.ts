// Lazily connects to the container engine, builds the runner image once, sweeps containers left
// by dead Gopherlab processes, and hands out the sandbox. A failed connection is retried after a
// few seconds, so starting Docker while the app runs is enough.
import { DockerSandbox, sweepContainers } from './docker-sandbox';
import { connectEngine, type EngineStatus } from './engine';
import { ensureRunnerImage } from './runner-image';

export type DockerReady = { sandbox: DockerSandbox; status: EngineStatus } | { sandbox: null; status: EngineStatus };

const RETRY_AFTER_MS = 3000;

export class DockerService {
  private current: Promise<DockerReady> | null = null;
  private failedAt = 0;
  private sandbox: DockerSandbox | null = null;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  /** The engine and a ready sandbox (runner image built), or why there is none. */
  get(refresh = false): Promise<DockerReady> {
    const stale = this.failedAt > 0 && Date.now() - this.failedAt > RETRY_AFTER_MS;
    if (!this.current || refresh || stale) {
      this.failedAt = 0;
      this.current = this.connect();
    }
    return this.current;
  }

  async status(refresh = false): Promise<EngineStatus> {
    return (await this.get(refresh)).status;
  }

  private async connect(): Promise<DockerReady> {
    const engine = await connectEngine(this.env);
    if (!engine.docker) {
      this.failedAt = Date.now();
      return { sandbox: null, status: engine.status };
    }
    try {
      await ensureRunnerImage(engine.docker);
      await sweepContainers(engine.docker).catch(() => 0);
    } catch (err) {
      this.failedAt = Date.now();
      const why = err instanceof Error ? err.message : String(err);
      return { sandbox: null, status: { ...engine.status, available: false, error: `${why}; check that the engine can build images locally` } };
    }
    await this.sandbox?.dispose();
    this.sandbox = new DockerSandbox(engine.docker);
    return { sandbox: this.sandbox, status: engine.status };
  }

  async dispose(): Promise<void> {
    const s = this.sandbox;
    this.sandbox = null;
    this.current = null;
    await s?.dispose();
  }
}
