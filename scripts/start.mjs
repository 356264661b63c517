// `npm start`: build, then run the desktop app. Where Electron's binary is missing (it is downloaded
// by an install script, and .npmrc turns install scripts off) try to fetch it once; failing that,
// say so in one line and start browser mode, which serves the same app on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const INSTALL_TIMEOUT_MS = 60_000;

/** The Electron binary's path, or null when the package or its downloaded binary is missing. */
function findElectron() {
  try {
    const resolved = require.resolve('electron');
    delete require.cache[resolved];
    // The package's main module returns the binary's path, and throws if it was never downloaded.
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Runs the electron package's own install script once, quietly, with a time limit. */
function tryInstallElectron() {
  let installScript;
  try {
    installScript = join(dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return;
  }
  if (!existsSync(installScript)) return;
  spawnSync(process.execPath, [installScript], { cwd: root, stdio: 'ignore', timeout: INSTALL_TIMEOUT_MS });
}

/** On Linux a window needs an X11 or Wayland display; without one Electron cannot start. */
function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** Runs `command`, passes Ctrl-C and kill signals on, and exits with its status. */
function runForwarding(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const signals = ['SIGINT', 'SIGTERM'];
  if (process.platform !== 'win32') signals.push('SIGHUP');
  for (const signal of signals) process.on(signal, () => forward(signal));
  child.on('error', (err) => {
    console.error(`could not start ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1);
    process.exit(code ?? 0);
  });
}

async function main() {
  await buildAll();

  let electron = findElectron();
  if (!electron) {
    tryInstallElectron();
    electron = findElectron();
  }

  const serverArgs = [join(root, 'dist', 'node', 'server.cjs')];
  if (!electron) {
    console.log('Electron binary not available (could not be downloaded); starting browser mode instead.');
    runForwarding(process.execPath, serverArgs);
    return;
  }
  if (!hasDisplay()) {
    console.log('No display found (DISPLAY and WAYLAND_DISPLAY are unset); starting browser mode instead.');
    runForwarding(process.execPath, serverArgs);
    return;
  }

  // Inherited from an Electron-based terminal (VS Code's), this would make Electron act as Node.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  runForwarding(electron, [join(root, 'dist', 'node', 'main.cjs'), ...process.argv.slice(2)], env);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
