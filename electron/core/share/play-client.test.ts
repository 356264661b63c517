import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlayClient } from './play-client';

/** The playground's share API as go.dev serves it: POST /_/share stores, GET /_/share?id= reads. */
function startPlayground(): Promise<{ server: Server; url: string; hits: string[]; override: { next: ((res: ServerResponse) => void) | null } }> {
  const stored = new Map<string, Buffer>();
  const hits: string[] = [];
  const override: { next: ((res: ServerResponse) => void) | null } = { next: null };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    hits.push(`${req.method} ${req.url}`);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (override.next) {
        const answer = override.next;
        override.next = null;
        answer(res);
        return;
      }
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== '/_/share') return void res.writeHead(404).end('not found');
      if (req.method === 'POST') {
        const body = Buffer.concat(chunks);
        if (body.length > 64 * 1024) return void res.writeHead(413).end('Snippet is too large');
        const id = createHash('sha256').update('salt\n').update(body).digest('base64url').slice(0, 11);
        stored.set(id, body);
        return void res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(id);
      }
      const body = stored.get(url.searchParams.get('id') ?? '');
      if (!body) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Snippet not found');
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, override })),
  );
}

let play: Awaited<ReturnType<typeof startPlayground>>;
beforeAll(async () => {
  play = await startPlayground();
});
afterAll(
  () =>
    new Promise<void>((done) => {
      play.server.closeAllConnections();
      play.server.close(() => done());
    }),
);

describe('go.dev/play client', () => {
  it('shares a snippet and imports it back byte for byte from every link form', async () => {
    const client = new PlayClient({ baseUrl: `${play.url}/` });
    const source = '-- go.mod --\nmodule x\n-- main.go --\npackage main\n\nfunc main() { println("héllo, 世界") }';
    const shared = await client.share(source);
    expect(shared.id).toMatch(/^[A-Za-z0-9_-]{11}$/);
    expect(shared.url).toBe(`${play.url}/play/p/${shared.id}`);

    for (const link of [
      shared.url,
      `https://go.dev/play/p/${shared.id}`,
      `go.dev/play/p/${shared.id}?v=goprev`,
      `https://play.golang.org/p/${shared.id}.go`,
      `  ${shared.id}  `,
    ]) {
      const got = await client.fetchSnippet(link);
      expect(got).toEqual({ id: shared.id, url: shared.url, source });
    }
    expect(play.hits).toContain(`GET /_/share?id=${shared.id}`);
  });

  it('says clearly when the snippet does not exist, the link is not a link, or the answer is a web page', async () => {
    const client = new PlayClient({ baseUrl: play.url });
    await expect(client.fetchSnippet('https://go.dev/play/p/NoSuchSnip1')).rejects.toMatchObject({
      code: 'not-found',
      message: 'go.dev/play has no snippet NoSuchSnip1; check the link',
    });
    const before = play.hits.length;
    await expect(client.fetchSnippet('https://example.com/some/page')).rejects.toMatchObject({ code: 'invalid-params', message: expect.stringContaining('is not a go.dev/play link') });
    expect(play.hits.length).toBe(before);

    play.override.next = (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in to the wifi</html>');
    await expect(client.fetchSnippet('AbCdEfGhIjK')).rejects.toMatchObject({ code: 'unreachable', message: expect.stringContaining('a web page, not a snippet') });

    play.override.next = (res) => res.writeHead(451).end('Unavailable For Legal Reasons');
    await expect(client.share('package main\n')).rejects.toMatchObject({ code: 'unreachable', message: expect.stringContaining('HTTP 451') });

    play.override.next = (res) => res.writeHead(503).end('busy');
    await expect(client.share('package main\n')).rejects.toMatchObject({ message: expect.stringContaining('HTTP 503: busy') });
  });

  it('refuses a snippet larger than go.dev/play keeps before uploading anything', async () => {
    const client = new PlayClient({ baseUrl: play.url });
    const before = play.hits.length;
    await expect(client.share('x'.repeat(64 * 1024 + 1))).rejects.toMatchObject({ code: 'invalid-params', message: expect.stringContaining('export a .txtar instead') });
    expect(play.hits.length).toBe(before);
  });

  it('reports an unreachable host (offline, refused, or no answer in time) with its own code and what to do', async () => {
    // A name that never resolves (RFC 2606), the way go.dev looks from a machine that is offline.
    const offline = new PlayClient({ baseUrl: 'https://gopherlab-offline.invalid' });
    await expect(offline.share('package main\n')).rejects.toMatchObject({
      code: 'unreachable',
      message: 'gopherlab-offline.invalid is not reachable (its name does not resolve): you are offline or it is blocked; export a .txtar instead (Share ▸ Export .txtar)',
    });
    await expect(offline.fetchSnippet('AbCdEfGhIjK')).rejects.toMatchObject({ code: 'unreachable', message: expect.stringContaining('import the snippet as a .txtar instead') });

    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    await expect(new PlayClient({ baseUrl: `http://127.0.0.1:${closed}` }).share('package main\n')).rejects.toMatchObject({
      code: 'unreachable',
      message: expect.stringContaining('(the connection was refused)'),
    });

    play.override.next = () => undefined; // never answers
    const slow = new PlayClient({ baseUrl: play.url, timeoutMs: 300 });
    await expect(slow.fetchSnippet('AbCdEfGhIjK')).rejects.toMatchObject({ code: 'unreachable', message: expect.stringContaining('(no answer in time)') });
  });

  it('takes its address from GOPHERLAB_PLAY_URL, else go.dev', () => {
    expect(new PlayClient({}, {}).linkFor('abc')).toBe('https://go.dev/play/p/abc');
    expect(new PlayClient({}, { GOPHERLAB_PLAY_URL: 'http://127.0.0.1:9/' }).linkFor('abc')).toBe('http://127.0.0.1:9/play/p/abc');
  });

  it('says so when GOPHERLAB_PLAY_URL is not a URL', async () => {
    await expect(new PlayClient({}, { GOPHERLAB_PLAY_URL: 'go dot dev' }).share('package main\n')).rejects.toMatchObject({
      code: 'invalid-params',
      message: 'GOPHERLAB_PLAY_URL "go dot dev" is not a URL; unset it, or set it to one like https://go.dev',
    });
  });
});
