// Serves the built renderer (dist/renderer) for `protocol.handle('app', …)`. Pure fetch-API code
// (Request in, Response out) so it is tested under plain Node without Electron.
import { readFile, realpath, stat } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY, contentTypeFor, isInside, resolveAppPath } from './app-scheme';

export type AppRequestHandler = (request: Request) => Promise<Response>;

export function createAppProtocolHandler(root: string): AppRequestHandler {
  // Resolved lazily: dist/renderer may be rebuilt (and its real path change) while the app runs.
  let realRoot: Promise<string> | null = null;

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'method not allowed', { allow: 'GET, HEAD' });
    }
    const resolved = resolveAppPath(root, request.url);
    if (resolved.kind === 'forbidden') return plain(403, `forbidden: ${resolved.reason}`);
    if (resolved.kind === 'not-found') return plain(404, `not found: ${resolved.reason}`);

    try {
      realRoot ??= realpath(root);
      const base = await realRoot;
      // A symlink inside dist/renderer must not lead out of it either.
      const file = await realpath(resolved.path);
      if (!isInside(base, file)) return plain(403, 'forbidden: path escapes the app folder');
      if (!(await stat(file)).isFile()) return plain(404, 'not found: not a file');
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file));
      return new Response(body, { status: 200, headers: securityHeaders({ 'content-type': contentTypeFor(file) }) });
    } catch (err) {
      realRoot = null;
      if (isMissing(err)) return plain(404, 'not found');
      return plain(500, `could not read the file: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}

function plain(status: number, message: string, extra: Record<string, string> = {}): Response {
  return new Response(message, {
    status,
    headers: securityHeaders({ 'content-type': 'text/plain; charset=utf-8', ...extra }),
  });
}

function securityHeaders(headers: Record<string, string>): Headers {
  return new Headers({
    ...headers,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
