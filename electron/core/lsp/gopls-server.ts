// One gopls process speaking LSP over stdio (vscode-jsonrpc): started for one Go toolchain, so
// completion and hover reflect that release's standard library. It is opened with no workspace
// folder; each tab's folder is added as a workspace folder when its files are opened.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CancellationToken,
  type InitializeParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

/** gopls settings (see gopls' settings documentation): quiet, offline, no links out of the app. */
export const GOPLS_SETTINGS = {
  linksInHover: false,
  'ui.semanticTokens': false,
  'ui.completion.usePlaceholders': true,
  'ui.diagnostic.diagnosticsDelay': '250ms',
};

export interface GoplsServerOptions {
  binary: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  onDiagnostics(params: PublishDiagnosticsParams): void;
  /** The process ended without dispose(): a crash, or killed from outside. */
  onExit(reason: string): void;
}

export class GoplsServer {
  private disposed = false;
  private exited = false;
  private stderr = '';
  readonly startedAt = performance.now();

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly connection: ProtocolConnection,
  ) {}

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return !this.exited && !this.disposed;
  }

  /** The last of gopls' own log output, for error messages. */
  get log(): string {
    return this.stderr;
  }

  static async start(o: GoplsServerOptions): Promise<GoplsServer> {
    const child = spawn(o.binary, ['serve'], { cwd: o.cwd, env: o.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const server = new GoplsServer(child, connection);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      server.stderr = (server.stderr + chunk).slice(-4000);
    });
    const spawned = new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    // 'close' comes after stderr is drained: a failed start's message has all it said.
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    child.once('exit', (code, signal) => {
      server.exited = true;
      connection.dispose();
      if (!server.disposed) o.onExit(`gopls exited (${signal ? `signal ${signal}` : `code ${code}`})${server.stderr ? `: ${lastLine(server.stderr)}` : ''}`);
    });
    // Without a listener a write to a dead process would crash ours.
    child.stdin.on('error', () => undefined);

    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => o.onDiagnostics(p));
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => GOPLS_SETTINGS));
    // Progress, capability registration, messages: accepted, nothing to show.
    for (const method of ['window/workDoneProgress/create', 'client/registerCapability', 'client/unregisterCapability', 'window/showMessageRequest']) {
      connection.onRequest(method, () => null);
    }
    connection.onRequest('workspace/workspaceFolders', () => []);
    for (const method of ['window/logMessage', 'window/showMessage', '$/progress', 'telemetry/event']) connection.onNotification(method, () => undefined);
    connection.listen();

    try {
      await spawned;
      const init: InitializeParams = {
        processId: process.pid,
        clientInfo: { name: 'Gopherlab' },
        rootUri: null,
        workspaceFolders: [],
        capabilities: {
          general: { positionEncodings: ['utf-16'] },
          workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: false } },
          textDocument: {
            synchronization: { dynamicRegistration: false, didSave: false, willSave: false },
            completion: {
              contextSupport: true,
              completionItem: {
                snippetSupport: true,
                documentationFormat: ['markdown', 'plaintext'],
                deprecatedSupport: true,
                tagSupport: { valueSet: [1] },
                labelDetailsSupport: true,
              },
            },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            signatureHelp: {
              contextSupport: true,
              signatureInformation: {
                documentationFormat: ['markdown', 'plaintext'],
                parameterInformation: { labelOffsetSupport: true },
                activeParameterSupport: true,
              },
            },
            definition: { linkSupport: false },
            publishDiagnostics: { relatedInformation: false, versionSupport: true, tagSupport: { valueSet: [1, 2] } },
          },
        },
        initializationOptions: GOPLS_SETTINGS,
      };
      await withTimeout(connection.sendRequest('initialize', init), 30_000, 'gopls did not answer initialize within 30 s');
      await connection.sendNotification('initialized', {});
      return server;
    } catch (err) {
      server.kill();
      await withTimeout(closed, 2000, 'gopls did not exit').catch(() => undefined);
      const why = err instanceof Error ? err.message : String(err);
      throw new Error(`could not start gopls (${o.binary}): ${why}${server.stderr ? ` — ${lastLine(server.stderr)}` : ''}`);
    }
  }

  notify(method: string, params: unknown): void {
    if (!this.alive) return;
    void this.connection.sendNotification(method, params).catch(() => undefined);
  }

  request<T>(method: string, params: unknown, token?: CancellationToken): Promise<T> {
    if (!this.alive) return Promise.reject(new Error('gopls is not running'));
    return this.connection.sendRequest<T>(method, params, token);
  }

  /** Asks gopls to shut down, then makes sure it is gone. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 2000, 'shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // Not answering: killed below.
    }
    const timer = setTimeout(() => this.kill(), 2000);
    await gone;
    clearTimeout(timer);
  }

  /** SIGKILL, for tests of the crash path and for a server that will not stop. */
  kill(): void {
    this.child.kill('SIGKILL');
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}
