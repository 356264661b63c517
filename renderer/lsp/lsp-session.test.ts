// The renderer's gopls session against a fake contract client: what it sends, and when.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContractError } from '../../shared/contract';
import { fakeClient } from '../test/fake-client';
import { LspSession } from './lsp-session';

const HELLO = 'package main\n\nfunc main() {}\n';
const AT = { line: 2, character: 5 };

function setup() {
  const client = fakeClient();
  const synced: string[] = [];
  client.handle('lsp.sync', (p) => {
    synced.push(p.source);
    return { synced: true, files: ['prog.go', 'go.mod'] };
  });
  client.handle('lsp.request', () => ({ contents: { kind: 'markdown', value: 'doc' } }));
  const session = new LspSession(client, 250);
  session.enabled = true;
  return { client, session, synced };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('LspSession', () => {
  it('sends nothing while gopls is off', async () => {
    const { client, session } = setup();
    session.enabled = false;
    session.changed('t', '', HELLO);
    expect(await session.request('t', 'textDocument/hover', 'prog.go', AT)).toBeNull();
    expect(client.calls).toEqual([]);
  });

  it('syncs the latest text before a request, and only once for the same text', async () => {
    const { client, session, synced } = setup();
    session.changed('t', 'go1.22.12', 'package main // v1\n');
    session.changed('t', 'go1.22.12', HELLO);
    expect(await session.request('t', 'textDocument/hover', 'prog.go', AT)).toEqual({ contents: { kind: 'markdown', value: 'doc' } });
    await session.request('t', 'textDocument/hover', 'prog.go', AT);
    expect(synced).toEqual([HELLO]);
    expect(client.calls.map((c) => c.name)).toEqual(['lsp.sync', 'lsp.request', 'lsp.request']);
    expect(client.calls[0]?.params).toEqual({ tabId: 't', go: 'go1.22.12', source: HELLO });
    expect(client.calls[1]?.params).toEqual({ tabId: 't', method: 'textDocument/hover', file: 'prog.go', position: AT });
  });

  it('sends an edit after a pause in typing, not on every keystroke', async () => {
    vi.useFakeTimers();
    const { session, synced } = setup();
    session.changed('t', '', 'package main\n');
    await vi.advanceTimersByTimeAsync(200);
    session.changed('t', '', HELLO);
    await vi.advanceTimersByTimeAsync(200);
    expect(synced).toEqual([]);
    await vi.advanceTimersByTimeAsync(60);
    expect(synced).toEqual([HELLO]);
  });

  it('resyncs with the Go of the tab when it changes', async () => {
    const { session, client } = setup();
    session.changed('t', '', HELLO);
    await session.flush('t');
    session.changed('t', 'go1.22.12', HELLO);
    await session.flush('t');
    expect(client.calls.map((c) => (c.params as { go: string }).go)).toEqual(['', 'go1.22.12']);
  });

  it('asks nothing for a text gopls refused, and tries that text again on the next flush', async () => {
    const { client, session } = setup();
    const refused: string[] = [];
    session.onSync((tabId, r) => refused.push(`${tabId}:${r.message ?? ''}`));
    client.handle('lsp.sync', () => ({ synced: false, files: [], message: 'the file name "../x.go" points outside the snippet' }));
    session.changed('t', '', 'package main\n-- ../x.go --\n');
    expect(await session.request('t', 'textDocument/hover', 'prog.go', AT)).toBeNull();
    expect(refused).toEqual(['t:the file name "../x.go" points outside the snippet']);
    await session.flush('t');
    expect(client.calls.map((c) => c.name)).toEqual(['lsp.sync', 'lsp.sync']);
  });

  it('tells a core that forgot the tab (it restarted) again, once, and retries', async () => {
    const { client, session, synced } = setup();
    session.changed('t', '', HELLO);
    await session.flush('t');
    let forgotten = true;
    client.handle('lsp.request', () => {
      if (forgotten) {
        forgotten = false;
        throw new ContractError('internal', 'tab t has not been synced with gopls yet');
      }
      return { contents: 'again' };
    });
    expect(await session.request('t', 'textDocument/hover', 'prog.go', AT)).toEqual({ contents: 'again' });
    expect(synced).toEqual([HELLO, HELLO]);
  });

  it('passes other failures on', async () => {
    const { client, session } = setup();
    client.handle('lsp.request', () => {
      throw new ContractError('internal', 'gopls could not answer textDocument/hover: boom');
    });
    session.changed('t', '', HELLO);
    await expect(session.request('t', 'textDocument/hover', 'prog.go', AT)).rejects.toThrow(/boom/);
  });

  it('forgets a closed tab, so a reused id is synced from scratch', async () => {
    const { session, synced } = setup();
    session.changed('t', '', HELLO);
    await session.flush('t');
    session.forget('t');
    expect(await session.flush('t')).toBeNull();
    session.changed('t', '', HELLO);
    await session.flush('t');
    expect(synced).toEqual([HELLO, HELLO]);
  });
});
