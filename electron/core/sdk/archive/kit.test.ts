import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashZip } from './dirhash';
import { extractToolchainArchive } from './extract';
import { extractKitSdk, readKitManifest, writeKit, type KitManifest } from './kit';
import { fakeToolchainZip, rawZip, tempDir, yazlZip } from './test-helpers';
import { openZip } from './zipread';

let dir: string;
let zipA: string;
let zipB: string;
let h1A: string;
let h1B: string;
const MOD_A = 'golang.org/toolchain@v0.0.1-go1.22.3.linux-amd64';
const MOD_B = 'golang.org/toolchain@v0.0.1-go1.21.0.linux-amd64';

beforeAll(async () => {
  dir = tempDir('kit');
  zipA = await fakeToolchainZip(join(dir, 'in', 'a.zip'), 'go1.22.3');
  zipB = await fakeToolchainZip(join(dir, 'in', 'b.zip'), 'go1.21.0');
  h1A = await hashZip(zipA);
  h1B = await hashZip(zipB);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function input(overrides: { h1A?: string; moduleB?: string } = {}) {
  return {
    goos: 'linux',
    goarch: 'amd64',
    sdks: [
      { version: 'go1.22.3', module: MOD_A, h1: overrides.h1A ?? h1A, archivePath: zipA },
      { version: 'go1.21.0', module: overrides.moduleB ?? MOD_B, h1: h1B, archivePath: zipB },
    ],
    snippets: [{ name: 'hello.go', source: 'package main\n\nfunc main() { println("hi") }\n' }],
  };
}

describe('classroom kits', () => {
  let kit: string;
  let manifest: KitManifest;

  it('writes a kit whose manifest reads back, with the SDK archives stored as they are', async () => {
    kit = join(dir, 'out', 'class.gopherlab-kit.zip');
    const written = await writeKit(kit, input());
    manifest = written.manifest;
    expect(written.bytes).toBe(statSync(kit).size);
    expect(readdirSync(join(dir, 'out'))).toEqual(['class.gopherlab-kit.zip']);
    expect(manifest).toMatchObject({
      format: 'gopherlab-kit/1',
      goos: 'linux',
      goarch: 'amd64',
      sdks: [
        { version: 'go1.22.3', module: MOD_A, h1: h1A, file: 'sdk/v0.0.1-go1.22.3.linux-amd64.zip', bytes: statSync(zipA).size },
        { version: 'go1.21.0', module: MOD_B, h1: h1B, file: 'sdk/v0.0.1-go1.21.0.linux-amd64.zip', bytes: statSync(zipB).size },
      ],
      snippets: input().snippets,
    });
    expect(Number.isNaN(Date.parse(manifest.createdAt))).toBe(false);
    expect(await readKitManifest(kit)).toEqual(manifest);

    const opened = await openZip(kit);
    try {
      const methods = Object.fromEntries(opened.entries.map((ze) => [ze.nameRaw.toString(), ze.entry.compressionMethod]));
      expect(methods).toEqual({
        'manifest.json': 8,
        'sdk/v0.0.1-go1.22.3.linux-amd64.zip': 0,
        'sdk/v0.0.1-go1.21.0.linux-amd64.zip': 0,
      });
    } finally {
      opened.close();
    }
  });

  it('copies an SDK archive out of the kit byte for byte, matching its h1', async () => {
    const sdk = manifest.sdks[1]!;
    const out = join(dir, 'extracted', 'b.zip');
    await extractKitSdk(kit, sdk, out);
    expect(readFileSync(out).equals(readFileSync(zipB))).toBe(true);
    expect(await hashZip(out)).toBe(sdk.h1);
    expect(readdirSync(join(dir, 'extracted'))).toEqual(['b.zip']);
    const r = await extractToolchainArchive(out, join(dir, 'extracted', 'goroot'));
    expect(r).toEqual({ version: 'go1.21.0', kind: 'toolchain-module', h1: sdk.h1 });
  });

  it('says null for files that are not kits', async () => {
    expect(await readKitManifest(zipA)).toBeNull();
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a kit');
    expect(await readKitManifest(text)).toBeNull();
    const other = await yazlZip(join(dir, 'other.zip'), [{ name: 'manifest.json', data: JSON.stringify({ format: 'something-else/2' }) }]);
    expect(await readKitManifest(other)).toBeNull();
  });

  it('throws for a damaged kit', async () => {
    const bytes = readFileSync(kit);
    const truncated = join(dir, 'truncated-kit.zip');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
    await expect(readKitManifest(truncated)).rejects.toMatchObject({ code: 'corrupt' });

    const badJson = rawZip(join(dir, 'bad-json.zip'), [{ name: 'manifest.json', data: '{"format": "gopherlab-kit/1",' }]);
    await expect(readKitManifest(badJson)).rejects.toThrow(/not valid JSON.*Copy it again/);

    const missing = await yazlZip(join(dir, 'missing-sdk.zip'), [{ name: 'manifest.json', data: JSON.stringify(manifest) }]);
    await expect(readKitManifest(missing)).rejects.toThrow(/sdk\/v0\.0\.1-go1\.22\.3\.linux-amd64\.zip is missing/);

    const badField = await yazlZip(join(dir, 'bad-field.zip'), [
      { name: 'manifest.json', data: JSON.stringify({ ...manifest, sdks: [{ ...manifest.sdks[0], file: '../../evil.zip' }] }) },
    ]);
    await expect(readKitManifest(badField)).rejects.toThrow(/invalid at sdks\.0\.file/);

    // A byte flipped inside a stored SDK archive: the CRC check catches it and nothing is left.
    const flipped = Buffer.from(bytes);
    const at = flipped.indexOf(readFileSync(zipA).subarray(200, 232));
    expect(at).toBeGreaterThan(0);
    flipped[at] = (flipped[at] as number) ^ 0xff;
    const damaged = join(dir, 'damaged-kit.zip');
    writeFileSync(damaged, flipped);
    const out = join(dir, 'from-damaged', 'a.zip');
    await expect(extractKitSdk(damaged, manifest.sdks[0]!, out)).rejects.toThrow(/kit damaged-kit\.zip is damaged.*checksum error/);
    expect(readdirSync(join(dir, 'from-damaged'))).toEqual([]);
  });

  it('refuses an archive that does not match its h1 or its module, and leaves no file', async () => {
    const out = join(dir, 'refused', 'kit.zip');
    await expect(writeKit(out, input({ h1A: h1B }))).rejects.toMatchObject({ code: 'checksum-mismatch' });
    await expect(writeKit(out, input({ moduleB: 'golang.org/toolchain@v0.0.1-go1.21.0.darwin-arm64' }))).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(writeKit(out, input({ moduleB: 'example.com/m@v1.0.0' }))).rejects.toMatchObject({ code: 'invalid-input' });
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'refused')) ? readdirSync(join(dir, 'refused')) : []).toEqual([]);
  });
});
