// The tests build nothing: they say so clearly when the build is missing. They do fetch (once, then
// cached in .cache/sdks) a second real Go toolchain for the version-switching specs, and gopls
// (once per machine, into the shared test store) for the editor's code intelligence.
import { existsSync, statSync } from 'node:fs';
import { RENDERER_INDEX, SERVER_ENTRY } from './paths';
import { prepareE2eToolchains } from './toolchains';
import { prepareE2eGopls } from './gopls';

export default async function globalSetup(): Promise<void> {
  const missing = [SERVER_ENTRY, RENDERER_INDEX].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new Error(`e2e: ${missing.join(', ')} not found; run \`npm run build\` before \`npm run test:e2e\``);
  }
  const chromium = process.env.GOPHERLAB_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium) || !statSync(chromium).isFile()) {
    throw new Error(`e2e: no Chromium at ${chromium}; install the Debian package (apt-get install -y chromium) or set GOPHERLAB_CHROMIUM`);
  }
  prepareE2eToolchains();
  await prepareE2eGopls();
}
