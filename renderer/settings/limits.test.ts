import { describe, expect, it } from 'vitest';
import { RunLimitsSchema } from '../../shared/run';
import { createAppStore } from '../store/store';
import { MAX_OUTPUT_KIB, runLimits, selectOutputKiB } from '../store/settings-slice';
import { fakeClient } from '../test/fake-client';
import { invalidNumberMessage, isValidNumber } from './NumberField';

describe('output limit', () => {
  it('defaults to 1 MiB, is sent with a run once set, and stays within the contract', () => {
    const store = createAppStore({ client: fakeClient(), storage: null, now: () => 0 });
    expect(selectOutputKiB(store.getState())).toBe(1024);
    expect(runLimits(store.getState(), 'wasm').outputBytes).toBeUndefined();
    const revision = store.getState().revision;
    store.getState().setOutputKiB(64);
    expect(store.getState().revision).toBe(revision + 1);
    expect(runLimits(store.getState(), 'wasm').outputBytes).toBe(64 * 1024);
    store.getState().setOutputKiB(10 ** 9);
    expect(selectOutputKiB(store.getState())).toBe(MAX_OUTPUT_KIB);
    expect(RunLimitsSchema.partial().safeParse(runLimits(store.getState(), 'docker')).success).toBe(true);
  });
});

describe('a number field’s message', () => {
  it('names the field, the range and whether fractions are allowed', () => {
    expect(isValidNumber('0', 1, 600)).toBe(false);
    expect(invalidNumberMessage('Timeout', 1, 600)).toMatch(/^Timeout: enter a number from 1 to 600\./);
    expect(invalidNumberMessage('Memory', 16, 4095, true)).toMatch(/^Memory: enter a whole number from 16 to 4095\./);
  });
});
