// For the drift tests: one SDK store outside the checkout, shared by the test files and by later
// runs on the same machine (CI included), and a RunResult builder for the fake-core tests.
// Installs into the store are locked across processes by the installer itself.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RunResult } from '../../../shared/run';
import { createCore, type Core } from '../core';

export const TEST_STORE = process.env.GOPHERLAB_TEST_SDK_STORE ?? join(homedir(), '.cache', 'gopherlab-test', 'store');
export const TEST_ARCHIVES = process.env.GOPHERLAB_TEST_SDK_ARCHIVES ?? join(homedir(), '.cache', 'gopherlab-test', 'sdk-archives');

export function openStore(): Core {
  process.env.GOPHERLAB_SDK_ARCHIVES = TEST_ARCHIVES;
  return createCore({ dataDir: TEST_STORE, goCacheRoot: join(TEST_STORE, 'gocache') });
}

export function fakeResult(over: Partial<RunResult>): RunResult {
  return {
    runId: 'r',
    status: 'ok',
    exitCode: 0,
    stdout: '',
    stderr: '',
    truncated: false,
    message: '',
    buildOutput: '',
    diagnostics: [],
    go: null,
    mode: 'wasm',
    spans: [],
    totalMs: 1,
    ...over,
  };
}
