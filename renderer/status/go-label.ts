// What the status bar says about the active tab's Go: the version its last run was really built
// with while the tab still asks for the same thing, else what its choice resolves to now.
import type { Toolchain } from '../../shared/toolchain';
import type { RanGo } from '../store/run-slice';
import { resolveToolchain } from '../store/toolchain-slice';

export interface GoLabel {
  text: string;
  title: string;
  /** The tab names a toolchain this machine does not have. */
  missing: boolean;
}

export function tabGoLabel(go: string, toolchains: ReadonlyArray<Toolchain>, ran: RanGo | undefined): GoLabel {
  const toolchain = resolveToolchain(toolchains, go);
  // A run's answer is the truth unless the list now resolves the same choice to another GOROOT
  // (the toolchain on PATH was upgraded, say).
  if (ran && ran.requested === go && (!toolchain || toolchain.goroot === ran.goroot)) {
    return { text: ran.version, title: `${ran.goroot} (used by the last run of this tab)`, missing: false };
  }
  if (toolchain) return { text: toolchain.version, title: toolchain.goroot, missing: false };
  if (go) return { text: `${go} (not installed)`, title: 'This tab asks for a Go that is not installed: pick another or install it', missing: true };
  return { text: 'default Go', title: 'The Go toolchain of this tab', missing: false };
}
