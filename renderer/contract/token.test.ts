import { describe, expect, it } from 'vitest';
import { readToken, socketUrl } from './token';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

describe('readToken', () => {
  it('takes the token from the URL and keeps it for a reload without one', () => {
    const storage = memoryStorage();
    expect(readToken({ search: '?token=abc_123' }, storage)).toBe('abc_123');
    expect(readToken({ search: '' }, storage)).toBe('abc_123');
  });

  it('has none when neither the URL nor the session has one', () => {
    expect(readToken({ search: '' }, memoryStorage())).toBeNull();
  });
});

describe('socketUrl', () => {
  it('points at /ws on the page host with the token', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:4317' }, 'a b')).toBe('ws://127.0.0.1:4317/ws?token=a%20b');
  });
});
