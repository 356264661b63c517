// The archive module's entry: loaded on first use (kits and imports are rare), in its own bundle.
export { extractToolchainArchive } from './extract';
export { extractKitSdk, readKitManifest, writeKit } from './kit';
