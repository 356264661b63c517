// electron-builder `beforeBuild` hook. esbuild bundles every dependency into dist/ (see
// scripts/build.mjs), so the package needs no node_modules: answering false tells electron-builder
// not to rebuild native modules (ssh2's optional cpu-features cannot be built for Electron, and is
// not used) and not to copy node_modules into app.asar.
module.exports = async function beforeBuild() {
  return false;
};
