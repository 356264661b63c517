// The contract's channel names, without the contract's schemas: the preload must stay small and
// self-contained, and shared/contract.ts pulls in zod. The `satisfies` clauses and the type check
// below keep this list in step with the contract at compile time; a unit test checks it at run time.
import type { EventName, RequestName } from '../../shared/contract';

export const REQUEST_CHANNELS = [
  'app.info',
  'sdk.list',
  'sdk.catalog',
  'sdk.install',
  'sdk.cancelInstall',
  'sdk.remove',
  'sdk.import',
  'sdk.exportKit',
  'run.start',
  'format.run',
  'sandbox.status',
  'run.cancel',
  'drift.matrix',
  'drift.bisect',
  'drift.bench',
  'drift.cancel',
  'drift.examples',
  'workspace.load',
  'settings.load',
  'settings.save',
  'workspace.save',
  'cache.stats',
  'cache.clear',
  'history.list',
  'history.clear',
  'trace.get',
  'trace.raw',
  'snippets.list',
  'snippets.get',
  'snippets.rename',
  'snippets.delete',
  'snippets.duplicate',
  'snippets.runs',
  'snippets.recordRun',
  'share.importPlay',
  'share.toPlay',
  'lsp.status',
  'lsp.install',
  'lsp.sync',
  'lsp.request',
] as const satisfies readonly RequestName[];

export const EVENT_CHANNELS = ['run.output', 'run.stage', 'sdk.progress', 'drift.cell', 'drift.step', 'lsp.progress', 'lsp.diagnostics'] as const satisfies readonly EventName[];

// Fails to compile when the contract gains a channel that is not listed above.
type Unlisted = Exclude<RequestName, (typeof REQUEST_CHANNELS)[number]> | Exclude<EventName, (typeof EVENT_CHANNELS)[number]>;
export const ALL_CHANNELS_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;
