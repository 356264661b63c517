// Browser mode: the server prints a URL with ?token=…; the token is kept for the tab's session so
// a reload of a bare URL still connects.
const KEY = 'gopherlab.token';

export function readToken(location: Pick<Location, 'search'>, storage: Pick<Storage, 'getItem' | 'setItem'> | null): string | null {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) {
    try {
      storage?.setItem(KEY, fromUrl);
    } catch {
      // Storage can be disabled; the URL still carries the token for this load.
    }
    return fromUrl;
  }
  try {
    return storage?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
}

export function socketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
}
