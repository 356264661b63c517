import { describe, expect, it } from 'vitest';
import { formatAge, formatBytes, formatEta, formatRate, shortenPath } from './format';

describe('format', () => {
  it('reads sizes, speeds and times the way people say them', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(70_400_000)).toBe('70.4 MB');
    expect(formatBytes(251_000_000)).toBe('251 MB');
    expect(formatBytes(undefined)).toBe('—');
    expect(formatRate(12_345_678)).toBe('12.3 MB/s');
    expect(formatRate(0)).toBeNull();
    expect(formatEta(4_200)).toBe('5 s left');
    expect(formatEta(83_000)).toBe('1 min 23 s left');
    expect(formatEta(null)).toBeNull();
    expect(formatAge(0, 30_000)).toBe('just now');
    expect(formatAge(0, 3 * 3_600_000)).toBe('3 h ago');
  });

  it('shortens a path from the middle, keeping its end', () => {
    expect(shortenPath('/usr/local/go')).toBe('/usr/local/go');
    expect(shortenPath('/tmp/gopherlab-e2e-home-abc123/sdk/go1.22.12', 30)).toBe('…/sdk/go1.22.12');
    expect(shortenPath('/a/very-long-folder-name-that-alone-is-too-long', 20)).toHaveLength(20);
  });
});
