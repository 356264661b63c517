// `gopherlab sdk …`: list, install, remove, import and export Go SDKs.
import { parseArgs } from 'node:util';
import { createCore, type Core } from '../core/core';
import { formatBytes, progressPrinter } from './progress';
import { UsageError } from './usage';

export const SDK_USAGE = `usage:
  gopherlab sdk list [--all] [--json]           installed SDKs (--all: every release on the module proxy)
  gopherlab sdk install VERSION…                download, verify, extract and prewarm releases
  gopherlab sdk remove VERSION                  remove an SDK installed by Gopherlab, with its build cache
  gopherlab sdk import FILE                     import a kit, a toolchain .zip or a go.dev .tar.gz/.zip
  gopherlab sdk export-kit --out FILE VERSION…  write a classroom kit of installed SDKs`;

export async function sdkCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const core = createCore({});
  try {
    switch (sub) {
      case 'list':
        return await list(core, rest);
      case 'install':
        return await install(core, rest);
      case 'remove':
        return await remove(core, rest);
      case 'import':
        return await importKit(core, rest);
      case 'export-kit':
        return await exportKit(core, rest);
      case undefined:
      case 'help':
      case '--help':
        console.log(SDK_USAGE);
        return sub === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown sdk command "${sub}"`, SDK_USAGE);
    }
  } finally {
    await core.dispose();
  }
}

async function list(core: Core, argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { all: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
  const installed = await core.toolchains.list({ refresh: true });
  const catalog = values.all ? await core.sdk.getCatalog(false) : null;
  if (values.json) {
    console.log(JSON.stringify({ installed, ...(catalog ? { catalog } : {}) }, null, 2));
    return 0;
  }
  if (installed.length === 0) console.log('no Go SDK installed: gopherlab sdk install VERSION, or import a kit');
  for (const t of installed) {
    const marks = [t.isDefault ? 'default' : '', t.source, t.verification && t.verification !== 'checksum-db' ? t.verification : ''].filter(Boolean).join(', ');
    console.log(`${t.version.padEnd(12)} ${(t.diskBytes ? formatBytes(t.diskBytes) : '').padEnd(10)} ${marks.padEnd(28)} ${t.goroot}`);
  }
  if (catalog) {
    console.log(`\nreleases on ${catalog.proxy}${catalog.offline ? ` (offline: ${catalog.error ?? 'cached list'})` : ''}:`);
    for (const r of catalog.releases) {
      console.log(`${r.installed ? '*' : ' '} ${r.version.padEnd(12)} ${r.stable ? '' : 'unstable'}${r.latestPatch ? 'latest patch' : ''}`);
    }
  }
  return 0;
}

async function install(core: Core, argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length === 0) throw new UsageError('sdk install needs at least one VERSION (e.g. 1.22.3)', SDK_USAGE);
  const print = progressPrinter();
  const off = core.sdk.onProgress(print);
  const cancel = () => positionals.forEach((v) => core.sdk.cancelInstall(v));
  process.once('SIGINT', cancel);
  let failed = 0;
  try {
    for (const v of positionals) {
      try {
        const tc = await core.sdk.install(v);
        console.log(`${tc.version} installed in ${tc.goroot}`);
      } catch (err) {
        failed++;
        console.error(`gopherlab: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  } finally {
    off();
    process.off('SIGINT', cancel);
  }
  return failed === 0 ? 0 : 1;
}

async function remove(core: Core, argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('sdk remove needs one VERSION', SDK_USAGE);
  const r = await core.sdk.remove(positionals[0]!);
  if (!r.removed) {
    console.error(`gopherlab: ${positionals[0]} is not installed`);
    return 1;
  }
  console.log(`removed ${positionals[0]} (${formatBytes(r.freedBytes)} freed)`);
  return 0;
}

async function importKit(core: Core, argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('sdk import needs one FILE', SDK_USAGE);
  const imported = await core.sdk.importFile(positionals[0]!);
  for (const t of imported) console.log(`${t.version} imported (${t.verification ?? 'unverified'}) in ${t.goroot}`);
  return 0;
}

async function exportKit(core: Core, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' } } });
  if (!values.out || positionals.length === 0) throw new UsageError('sdk export-kit needs --out FILE and at least one VERSION', SDK_USAGE);
  const r = await core.sdk.exportKit(positionals, values.out);
  console.log(`wrote ${r.path} (${formatBytes(r.bytes)}) with ${r.versions.join(', ')}`);
  return 0;
}
