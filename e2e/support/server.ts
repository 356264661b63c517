// Starts the browser-mode server the way a user does (`node dist/node/server.cjs --port 0 --json`)
// with its own GOPHERLAB_HOME (plus any extra environment a spec asks for, e.g. a HOME whose
// ~/sdk holds more toolchains), reads the one JSON line it prints, and stops it with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SERVER_ENTRY, SHARED_GOCACHE } from './paths';

export interface ServerInfo {
  url: string;
  port: number;
  token: string;
}

export interface ServerOptions {
  /** Added to (and overriding) the server's environment, e.g. { HOME: dirWithSdks }. */
  env?: Record<string, string>;
}

export class GopherlabServer {
  private child: ChildProcess | null = null;
  private info: ServerInfo | null = null;
  private stderr = '';

  private constructor(
    readonly home: string,
    private readonly extraEnv: Record<string, string>,
  ) {}

  /** A server on a fresh, empty GOPHERLAB_HOME. */
  static async start(options: ServerOptions = {}): Promise<GopherlabServer> {
    const server = new GopherlabServer(mkdtempSync(join(tmpdir(), 'gopherlab-e2e-')), options.env ?? {});
    await server.launch();
    return server;
  }

  get url(): string {
    if (!this.info) throw new Error('the server is not running');
    return this.info.url;
  }

  /**
   * Stops the server and starts a new one on the same GOPHERLAB_HOME (a new port and token).
   * SIGKILL stops it the way a crash would: no shutdown code runs.
   */
  async restart(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    await this.stop(signal);
    await this.launch();
  }

  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = null;
    this.info = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
    await exited;
    clearTimeout(timer);
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.home, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    this.stderr = '';
    const child = spawn(process.execPath, [SERVER_ENTRY, '--port', '0', '--json'], {
      env: { ...process.env, GOPHERLAB_HOME: this.home, GOPHERLAB_GOCACHE: SHARED_GOCACHE, ...this.extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-8000);
    });
    this.info = await new Promise<ServerInfo>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      const timer = setTimeout(() => fail(new Error('the server printed nothing within 30 s')), 30_000);
      const fail = (err: Error) => {
        clearTimeout(timer);
        lines.close();
        child.kill('SIGKILL');
        reject(new Error(`${err.message}\nserver stderr:\n${this.stderr}`));
      };
      child.once('exit', (code, signal) => fail(new Error(`the server exited early (code ${code}, signal ${signal})`)));
      lines.once('line', (line) => {
        clearTimeout(timer);
        try {
          const info = JSON.parse(line) as ServerInfo;
          if (typeof info.url !== 'string' || typeof info.token !== 'string') throw new Error('missing url or token');
          resolve(info);
        } catch (err) {
          fail(new Error(`the server's first line is not its JSON address: ${line} (${String(err)})`));
        }
      });
    });
    // Keep draining stdout so the server never blocks on a full pipe.
    child.stdout?.resume();
  }
}
