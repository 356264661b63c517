// `npm run dist`: builds dist/, then packages it with electron-builder (electron-builder.yml): for
// this platform by default (Linux: AppImage and deb), or for what follows `--`, e.g.
// `npm run dist -- --linux dir`. `--no-build` packages the dist/ that is already there.
// GOPHERLAB_E2E_BUILD=1 makes a build Playwright's _electron can drive (see build/fuses.cjs).
//
// Electron is the part that may be missing. The electron package's own binary is used when it has
// one (node_modules/electron/dist, same platform and arch); otherwise electron-builder takes the zip
// from its download cache or downloads it. When that fails, this says so in one line, not a stack.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const PLATFORM_FLAGS = { linux: ['--linux', '-l'], darwin: ['--mac', '-m', '--macos', '-o'], win32: ['--win', '-w', '--windows'] };
const ARCH_FLAGS = ['--x64', '--ia32', '--armv7l', '--arm64', '--universal'];
/** Network failures as Node and got report them. */
const NETWORK_ERROR = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|getaddrinfo|socket hang up|Response code \d{3}|status code \d{3}|HTTPError/;

/** The Electron binary the electron package installed, when it has one for this machine. */
function localElectronDist() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? dirname(binary) : null;
  } catch {
    return null;
  }
}

/** The local binary fits when the build targets this platform and arch only. */
function targetsThisMachine(args) {
  const foreign = Object.entries(PLATFORM_FLAGS)
    .filter(([platform]) => platform !== process.platform)
    .flatMap(([, flags]) => flags);
  if (args.some((a) => foreign.includes(a))) return false;
  return args.filter((a) => ARCH_FLAGS.includes(a)).every((a) => a === `--${process.arch}`);
}

/** What went wrong, in one line, from electron-builder's log; null when it is not a download that failed. */
function diagnose(lines, { electronVersion }) {
  const failure = lines.findIndex((l) => l.includes('⨯'));
  if (failure === -1) return null;
  const last = lines.findLastIndex((l) => l.includes('⨯'));
  const error = lines[last].replace(/^\s*⨯\s*/, '').replace(/\s+failedTask=.*$/, '').replace(/\s+stackTrace=.*$/, '').trim();
  if (!NETWORK_ERROR.test(lines.slice(failure).join('\n'))) return null;
  const stage = lines
    .slice(0, failure)
    .reverse()
    .find((l) => /^\s*•\s+(packaging|building)\s/.test(l));
  const target = stage?.match(/building\s+target=(\S+)/)?.[1];
  if (target) {
    return (
      `dist: electron-builder could not download the tool it builds ${target} packages with (${error}); ` +
      `the unpacked app it made is in the output folder (release/ by default). Building ${target} needs electron-builder's tool downloads` +
      (target === 'deb' ? ', or fpm installed and USE_SYSTEM_FPM=true.' : '.')
    );
  }
  // "• packaging  platform=linux arch=x64 electron=41.7.1 …" names the Electron it wanted.
  const [, platform = process.platform, arch = process.arch] = stage?.match(/platform=(\S+)\s+arch=(\S+)/) ?? [];
  const zip = `electron-v${electronVersion}-${platform}-${arch}.zip`;
  return (
    `dist: the Electron binary is not available here; packaging needs it — electron-builder could not download ${zip} (${error}). ` +
    `Install the electron package where its download works (its binary is then used), or put ${zip} in the Electron download cache, or set electronDownload.mirror.`
  );
}

function run(args) {
  const electronVersion = require('electron/package.json').version;
  const builderArgs = ['--config', 'electron-builder.yml'];
  if (!args.some((a) => a === '--publish' || a === '-p' || a.startsWith('--publish='))) builderArgs.push('--publish', 'never');
  const local = localElectronDist();
  if (local && targetsThisMachine(args) && !args.some((a) => a.includes('electronDist'))) {
    builderArgs.push(`-c.electronDist=${local}`);
  }
  builderArgs.push(...args);

  const child = spawn(process.execPath, [require.resolve('electron-builder/cli.js'), ...builderArgs], {
    cwd: process.cwd(),
    // electron-builder's update notice asks the npm registry for its latest version, and holds the exit until it answers.
    env: { NO_UPDATE_NOTIFIER: '1', ...process.env },
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  const lines = [];
  const relay = (stream, out) => {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) emit(line, out);
    });
    stream.on('end', () => pending && emit(pending, out));
  };
  let gaveUp = false;
  // electron-builder logs an error with its stack trace: keep the message, drop the stack.
  const emit = (line, out) => {
    lines.push(line);
    // Its last word on a failed build; it can then linger half a minute on open sockets and timers.
    if (/⨯.*failedTask=/.test(line) && !gaveUp) {
      gaveUp = true;
      setTimeout(() => child.kill(), 2000).unref();
    }
    if (/^\s+at\s/.test(line)) return;
    out.write(`${line.replace(/\s+stackTrace=.*$/, '')}\n`);
  };
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);
  child.on('close', (code, signal) => {
    if (code === 0 && !gaveUp) process.exit(0);
    const how = gaveUp ? 'it reported an error' : (signal ?? `exit ${code}`);
    console.error(diagnose(lines, { electronVersion }) ?? `dist: electron-builder failed (${how}); see above.`);
    process.exit(code || 1);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const skipBuild = args.includes('--no-build');
  if (!skipBuild) {
    const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
    if (built.status !== 0) {
      console.error('dist: the build failed; nothing was packaged.');
      process.exit(built.status || 1);
    }
  }
  run(args.filter((a) => a !== '--no-build'));
}
