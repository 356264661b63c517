// `npm run serve`: browser mode for machines without the Electron binary.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserServer } from './server';

const DEFAULT_PORT = 4317;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      json: { type: 'boolean', default: false },
      'no-prewarm': { type: 'boolean', default: false },
    },
  });
  const rendererRoot = join(__dirname, '..', 'renderer');
  const wanted = values.port !== undefined ? Number(values.port) : DEFAULT_PORT;
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) {
    console.error(`gopherlab: --port ${values.port} is not a port number (0-65535; 0 picks a free one)`);
    process.exit(2);
  }
  const opts = { rendererRoot, prewarm: !values['no-prewarm'] };
  let server;
  try {
    server = await startBrowserServer({ ...opts, port: wanted });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || values.port !== undefined) throw err;
    // The default port is taken (another Gopherlab?): any free port will do.
    server = await startBrowserServer({ ...opts, port: 0 });
  }
  if (values.json) console.log(JSON.stringify({ url: server.url, port: server.port, token: server.token }));
  else console.log(`Gopherlab is running in browser mode: open ${server.url}`);

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    void server.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(`gopherlab: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
