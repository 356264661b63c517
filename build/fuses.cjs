// The Electron fuses of packaged builds, in one place (read by scripts/after-pack.cjs, checked by
// build/fuses.test.ts). Fuses are bits in the Electron binary that turn features off for good, so
// a shipped Gopherlab cannot be turned into a general Node runtime or debugged into.
// https://www.electronjs.org/docs/latest/tutorial/fuses

/** Release builds: everything that can run code other than the app's own asar is off. */
const RELEASE_FUSES = Object.freeze({
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false,
});

/**
 * Builds for Playwright's `_electron.launch({ executablePath })`: it starts the app with
 * `--inspect=0` and talks to the main process through that inspector, which the
 * EnableNodeCliInspectArguments fuse would refuse. Everything else stays as in a release.
 */
const E2E_FUSES = Object.freeze({ ...RELEASE_FUSES, EnableNodeCliInspectArguments: true });

/** The environment variable that asks `npm run dist` for an e2e build. */
const E2E_BUILD_ENV = 'GOPHERLAB_E2E_BUILD';

function fuseSettings(env = process.env) {
  return env[E2E_BUILD_ENV] === '1' ? { kind: 'e2e', fuses: E2E_FUSES } : { kind: 'release', fuses: RELEASE_FUSES };
}

/**
 * The config @electron/fuses' flipFuses takes, from named settings. `fusesModule` is
 * @electron/fuses itself, so a name it does not know (a typo, a fuse it dropped) is an error here.
 */
function toFuseConfig(fusesModule, fuses, { resetAdHocDarwinSignature = false } = {}) {
  const config = { version: fusesModule.FuseVersion.V1, resetAdHocDarwinSignature };
  for (const [name, enabled] of Object.entries(fuses)) {
    const index = fusesModule.FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`@electron/fuses has no fuse named ${name}`);
    config[index] = enabled;
  }
  return config;
}

module.exports = { RELEASE_FUSES, E2E_FUSES, E2E_BUILD_ENV, fuseSettings, toFuseConfig };
