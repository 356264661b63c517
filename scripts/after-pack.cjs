// electron-builder `afterPack` hook: flips the Electron fuses listed in build/fuses.cjs in the
// packed app. afterPack runs before electron-builder signs the app, which matters: flipping a fuse
// changes the binary, so it has to happen before the signature is made.
// GOPHERLAB_E2E_BUILD=1 keeps the one fuse Playwright's _electron needs (see build/fuses.cjs).
const { join } = require('node:path');
const fuses = require('@electron/fuses');
const { Arch } = require('electron-builder');
const { fuseSettings, toFuseConfig } = require('../build/fuses.cjs');

// @electron/fuses' byte values for a fuse's state in the wire.
const ENABLED = 0x31;
const DISABLED = 0x30;
const REMOVED = 0x72;

/** Where electron-builder put the Electron binary (the same rule as its own fuse support). */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'linux':
      return join(appOutDir, packager.executableName);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    default:
      throw new Error(`after-pack: no Electron binary location known for platform ${electronPlatformName}`);
  }
}

function stateName(byte) {
  return byte === ENABLED ? 'on' : byte === DISABLED ? 'off' : byte === REMOVED ? 'removed' : `0x${byte.toString(16)}`;
}

module.exports = async function afterPack(context) {
  const { kind, fuses: settings } = fuseSettings();
  const binary = electronBinaryPath(context);
  // Re-signing ad hoc keeps an unsigned arm64 macOS app launchable after its binary changed.
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === Arch.arm64;
  await fuses.flipFuses(binary, toFuseConfig(fuses, settings, { resetAdHocDarwinSignature }));

  // Read the wire back: a fuse that did not take (or one this Electron has and we do not know) shows here.
  const wire = await fuses.getCurrentFuseWire(binary);
  const summary = [];
  for (const [name, enabled] of Object.entries(settings)) {
    const actual = wire[fuses.FuseV1Options[name]];
    if (actual !== (enabled ? ENABLED : DISABLED) && actual !== REMOVED) {
      throw new Error(`after-pack: fuse ${name} should be ${enabled ? 'on' : 'off'} but reads ${stateName(actual)} in ${binary}`);
    }
    summary.push(`${name}=${stateName(actual)}`);
  }
  const known = new Set(Object.values(fuses.FuseV1Options).filter((v) => typeof v === 'number'));
  for (const key of Object.keys(wire)) {
    const index = Number(key);
    if (key === 'version' || Number.isNaN(index) || known.has(index)) continue;
    summary.push(`fuse#${index}=${stateName(wire[key])} (Electron's default)`);
  }
  console.log(`  • electron fuses (${kind} build): ${summary.join(' ')}`);
};
