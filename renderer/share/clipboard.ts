// Copies text for the user. The async Clipboard API can be refused (a window without the
// permission, e.g. a locked-down Electron session); the older copy command is the fallback.
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch (err) {
    if (!copyWithCommand(text)) throw err instanceof Error ? err : new Error(String(err));
  }
}

function copyWithCommand(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  area.select();
  try {
    // Deprecated, but still what works where the Clipboard API is refused.
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    focused?.focus();
  }
}
