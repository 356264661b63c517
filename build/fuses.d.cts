// Types for build/fuses.cjs (plain CommonJS so electron-builder's hooks can load it without a build).
export type FuseName =
  | 'RunAsNode'
  | 'EnableCookieEncryption'
  | 'EnableNodeOptionsEnvironmentVariable'
  | 'EnableNodeCliInspectArguments'
  | 'EnableEmbeddedAsarIntegrityValidation'
  | 'OnlyLoadAppFromAsar'
  | 'LoadBrowserProcessSpecificV8Snapshot'
  | 'GrantFileProtocolExtraPrivileges';
export type FuseSettings = Readonly<Record<FuseName, boolean>>;
export declare const RELEASE_FUSES: FuseSettings;
export declare const E2E_FUSES: FuseSettings;
export declare const E2E_BUILD_ENV: string;
export declare function fuseSettings(env?: NodeJS.ProcessEnv): { kind: 'release' | 'e2e'; fuses: FuseSettings };
export declare function toFuseConfig(
  fusesModule: typeof import('@electron/fuses'),
  fuses: FuseSettings,
  options?: { resetAdHocDarwinSignature?: boolean },
): import('@electron/fuses').FuseV1Config;
