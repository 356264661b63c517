// The few browser globals page objects touch inside page.evaluate. The project's Node tsconfig
// (which type-checks e2e/) has no DOM lib, so they are typed here; cast `globalThis` to this
// inside the evaluated function itself (a cast is erased, so the function stays self-contained).
export interface BrowserGlobals {
  navigator: { clipboard: { writeText(text: string): Promise<void>; readText(): Promise<string> } };
  getComputedStyle(element: unknown): { color: string; backgroundColor: string };
  document: {
    createTreeWalker(root: unknown, whatToShow: number): { nextNode(): { textContent: string | null } | null };
    createRange(): {
      setStart(node: unknown, offset: number): void;
      setEnd(node: unknown, offset: number): void;
      getBoundingClientRect(): { x: number; y: number; width: number; height: number };
    };
  };
}

/** NodeFilter.SHOW_TEXT, for createTreeWalker. */
export const SHOW_TEXT = 4;
