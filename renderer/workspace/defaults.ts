// What a first start shows: one tab with a program that runs.
import type { Tab, Workspace } from '../../shared/workspace';
import { randomId } from '../store/ids';

export const HELLO_WORLD = `package main

import "fmt"

func main() {
\tfmt.Println("Hello, Gopherlab!")
}
`;

export function newTab(title: string, source = HELLO_WORLD): Tab {
  return { id: randomId('tab'), title, source, go: '', mode: 'wasm' };
}

export function defaultWorkspace(): Workspace {
  const tab = newTab('main.go');
  return { tabs: [tab], activeTabId: tab.id, limits: {} };
}

/** A title not yet used by another tab: "snippet 2", "snippet 3", … */
export function nextTabTitle(tabs: ReadonlyArray<Pick<Tab, 'title'>>): string {
  const used = new Set(tabs.map((t) => t.title));
  for (let n = tabs.length + 1; ; n++) {
    const title = `snippet ${n}`;
    if (!used.has(title)) return title;
  }
}
