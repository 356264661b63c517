import { describe, expect, it } from 'vitest';
import { decideNavigation, isExternalLinkAllowed } from './navigation';

describe('decideNavigation', () => {
  it('lets the app move between its own pages', () => {
    expect(decideNavigation('app://gopherlab/index.html')).toBe('allow');
    expect(decideNavigation('app://gopherlab/other.html?x=1')).toBe('allow');
  });

  it('sends https links to the OS browser', () => {
    expect(decideNavigation('https://go.dev/doc/')).toBe('open-external');
    expect(decideNavigation('https://pkg.go.dev/fmt#Println')).toBe('open-external');
  });

  it.each([
    'http://go.dev/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://other/index.html',
    'smb://server/share',
    'vscode://file/etc/passwd',
    'https://user:pass@example.com/',
    'about:blank',
    'not a url',
  ])('denies %s', (url) => {
    expect(decideNavigation(url)).toBe('deny');
  });
});

describe('isExternalLinkAllowed', () => {
  it('allows plain https only', () => {
    expect(isExternalLinkAllowed('https://go.dev')).toBe(true);
    expect(isExternalLinkAllowed('HTTPS://GO.DEV/x')).toBe(true);
    expect(isExternalLinkAllowed('http://go.dev')).toBe(false);
    expect(isExternalLinkAllowed('mailto:a@b.c')).toBe(false);
  });
});
