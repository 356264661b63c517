// Browser mode: the same contract handlers as Electron's main process, behind a WebSocket on
// 127.0.0.1 that only a page holding the random token (and served from this origin) may open.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClientFrame, ServerFrame } from '../../shared/contract';
import { createApi, type Api, type EventSink } from '../core/api/api';
import { serveStatic } from './static';

export interface BrowserServerOptions {
  rendererRoot: string;
  port?: number;
  token?: string;
  dataDir?: string;
  prewarm?: boolean;
}

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  api: Api;
  close(): Promise<void>;
}

const MAX_FRAME = 8 * 1024 * 1024;

export async function startBrowserServer(o: BrowserServerOptions): Promise<BrowserServer> {
  const token = o.token ?? randomBytes(24).toString('base64url');
  const api = createApi({ transport: 'browser', ...(o.dataDir ? { dataDir: o.dataDir } : {}), prewarm: o.prewarm ?? true });
  const http = createServer((req, res) => serveStatic(o.rendererRoot, req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME });

  const port = await listen(http, o.port ?? 0);
  const allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const origin = req.headers.origin;
    // Browsers always send Origin on WebSocket handshakes: refuse other sites' pages outright.
    const sameOrigin = origin === undefined || allowedOrigins.has(origin);
    if (url.pathname !== '/ws' || !sameOrigin) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    if (!sameToken(url.searchParams.get('token') ?? '', token)) {
      // Our own page with a stale token: say why in a close code the page can show (a 403 reaches
      // page scripts only as "connection failed"). No handler is ever reachable on this socket.
      wss.handleUpgrade(req, socket, head, (ws) => ws.close(4401, 'invalid token'));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(api, ws));
  });

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    api,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => http.close(() => r()));
      await api.dispose();
    },
  };
}

function serveClient(api: Api, ws: WebSocket): void {
  const send = (frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const sink: EventSink = (name, payload) => send({ kind: 'event', name, payload });

  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    let frame: ClientFrame;
    try {
      frame = JSON.parse(data.toString()) as ClientFrame;
    } catch {
      return;
    }
    if (frame?.kind !== 'call' || typeof frame.id !== 'number') return;
    void api.handle(frame.name, frame.params, sink).then((result) => send({ kind: 'result', id: frame.id, result }));
  });
  ws.on('close', () => api.cancelAllFor(sink));
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}
