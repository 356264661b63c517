// go.dev/play's share API: POST the source to /_/share and get an id back; GET /_/share?id=ID
// for the source. The base URL can be pointed elsewhere (GOPHERLAB_PLAY_URL) for tests or a
// self-hosted playground. Proxies: whatever Node's own fetch honours, nothing more.
import { ContractError } from '../../../shared/contract';
import { PLAY_MAX_BYTES, parsePlayLink } from '../../../shared/snippets';

export const DEFAULT_PLAY_URL = 'https://go.dev';
const DEFAULT_TIMEOUT_MS = 15_000;
/** Larger than any snippet go.dev keeps; an answer past this is not a snippet. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export interface PlayClientOptions {
  baseUrl?: string;
  timeoutMs?: number;
}

export interface PlaySnippet {
  id: string;
  url: string;
  source: string;
}

export class PlayClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(options: PlayClientOptions = {}, env: NodeJS.ProcessEnv = process.env) {
    this.baseUrl = (options.baseUrl ?? (env.GOPHERLAB_PLAY_URL || DEFAULT_PLAY_URL)).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The page a share id opens on. */
  linkFor(id: string): string {
    return `${this.baseUrl}/play/p/${id}`;
  }

  /** Fetches a shared snippet by its link (or bare id). */
  async fetchSnippet(link: string): Promise<PlaySnippet> {
    const id = parsePlayLink(link);
    if (id === null) {
      throw new ContractError('invalid-params', `"${link.trim().slice(0, 100)}" is not a go.dev/play link; paste one like https://go.dev/play/p/AbCdEfGhIjK`);
    }
    const res = await this.request(`/_/share?id=${encodeURIComponent(id)}`, { method: 'GET' }, 'import');
    if (res.status === 404) throw new ContractError('not-found', `go.dev/play has no snippet ${id}; check the link`);
    await this.refuseFailure(res, 'import');
    if (/text\/html/i.test(res.headers.get('content-type') ?? '')) {
      throw new ContractError(
        'unreachable',
        'the answer to the go.dev/play import was a web page, not a snippet: a proxy or sign-in page may be in the way. Open the link in a browser and import the snippet as a .txtar instead',
      );
    }
    return { id, url: this.linkFor(id), source: await readCapped(res) };
  }

  /** Uploads the source; anyone with the returned link can read it. */
  async share(source: string): Promise<{ id: string; url: string }> {
    const bytes = Buffer.byteLength(source, 'utf8');
    if (bytes > PLAY_MAX_BYTES) {
      throw new ContractError(
        'invalid-params',
        `go.dev/play keeps snippets up to ${PLAY_MAX_BYTES / 1024} KiB and this one is ${Math.ceil(bytes / 1024)} KiB; export a .txtar instead`,
      );
    }
    const res = await this.request('/_/share', { method: 'POST', body: source, headers: { 'content-type': 'text/plain; charset=utf-8' } }, 'share');
    await this.refuseFailure(res, 'share');
    const id = (await readCapped(res)).trim();
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
      throw new ContractError('unreachable', `go.dev/play answered the share with something that is not a snippet id ("${id.slice(0, 60)}"); try again later, or export a .txtar instead`);
    }
    return { id, url: this.linkFor(id) };
  }

  private async request(path: string, init: RequestInit, what: 'import' | 'share'): Promise<Response> {
    let host: string;
    try {
      host = new URL(this.baseUrl).host;
    } catch {
      throw new ContractError('invalid-params', `GOPHERLAB_PLAY_URL "${this.baseUrl}" is not a URL; unset it, or set it to one like https://go.dev`);
    }
    try {
      return await fetch(`${this.baseUrl}${path}`, { ...init, redirect: 'follow', signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      const cause = describeFetchFailure(err);
      const next = what === 'share' ? 'export a .txtar instead (Share ▸ Export .txtar)' : 'open the link in a browser and import the snippet as a .txtar instead';
      throw new ContractError('unreachable', `${host} is not reachable (${cause}): you are offline or it is blocked; ${next}`);
    }
  }

  private async refuseFailure(res: Response, what: 'import' | 'share'): Promise<void> {
    if (res.ok) return;
    const body = (await res.text().catch(() => '')).trim().split('\n')[0]?.slice(0, 200) ?? '';
    const said = body ? `: ${body}` : '';
    if (res.status === 451) {
      throw new ContractError('unreachable', `go.dev/play does not allow sharing from where you are (HTTP 451${said}); export a .txtar instead`);
    }
    if (res.status === 413) throw new ContractError('invalid-params', `go.dev/play refused the snippet as too large (HTTP 413); export a .txtar instead`);
    const verb = what === 'share' ? 'share' : 'import';
    throw new ContractError('unreachable', `go.dev/play could not ${verb} the snippet (HTTP ${res.status}${said}); try again later, or use a .txtar file instead`);
  }
}

/** The network-level reason behind a failed fetch, in a few words. */
function describeFetchFailure(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'no answer in time';
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  switch (cause?.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'its name does not resolve';
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ECONNRESET':
      return 'the connection was reset';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'the connection timed out';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return 'no route to it';
    default:
      return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
  }
}

async function readCapped(res: Response): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > MAX_ANSWER_BYTES) throw new ContractError('unreachable', `go.dev/play answered with ${declared} bytes, more than any snippet; try again later`);
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_ANSWER_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new ContractError('unreachable', 'go.dev/play answered with more than any snippet holds; try again later');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
