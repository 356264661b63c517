// The window: toolbar, tabs, editor | output (or the drift panel), status bar.
import { useEffect, useLayoutEffect } from 'react';
import { DriftPanel } from '../drift/DriftPanel';
import { HelpPanel } from '../help/HelpPanel';
import { LatencyPanel } from '../latency/LatencyPanel';
import { LibrarySidebar } from '../library/LibrarySidebar';
import { startLibrarySync } from '../library/sync';
import { CodeEditor } from '../editor/CodeEditor';
import { OutputPanel } from '../output/OutputPanel';
import { DockerWarning } from '../sandbox/DockerWarning';
import { SdkPanel } from '../sdk/SdkPanel';
import { SettingsPage } from '../settings/SettingsPage';
import { StatusBar } from '../status/StatusBar';
import { useApp, useAppStoreApi } from '../store/context';
import { TabBar } from '../tabs/TabBar';
import { startAppearanceSync } from '../theme/appearance-sync';
import { bindDocumentTheme } from '../theme/document-theme';
import { setMonacoTheme } from '../theme/monaco-theme';
import { TracePanel } from '../trace/TracePanel';
import { Banner } from './Banner';
import { bindShortcuts } from './shortcuts-binding';
import { isMacPlatform } from './shortcuts';
import { SplitPane } from './SplitPane';
import { Toolbar } from './Toolbar';

export function App() {
  const store = useAppStoreApi();
  const panel = useApp((s) => s.rightPanel);
  const wide = useApp((s) => s.rightPanel === 'drift' && s.driftWide);

  // Every shortcut (Run's Ctrl/Cmd+Enter too) comes from the registry in shortcuts.ts.
  useEffect(() => bindShortcuts(store, isMacPlatform(navigator.platform)), [store]);

  // Before the first paint: the theme must not flash dark on a light desktop.
  useLayoutEffect(
    () =>
      bindDocumentTheme(store, {
        root: document.documentElement,
        darkQuery: typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null,
        setEditorTheme: setMonacoTheme,
      }),
    [store],
  );
  useEffect(() => startAppearanceSync(store), [store]);

  useEffect(() => startLibrarySync(store), [store]);

  useEffect(
    () =>
      store.subscribe(
        (s) => s.tabs.find((t) => t.id === s.activeTabId)?.title ?? '',
        (title) => {
          document.title = title ? `${title} — Gopherlab` : 'Gopherlab';
        },
        { fireImmediately: true },
      ),
    [store],
  );

  return (
    <div className="app">
      <Toolbar />
      <Banner />
      <DockerWarning />
      <div className="library-layout">
        <LibrarySidebar />
        <SplitPane
          left={
            <div className="editor-column">
              <TabBar />
              <CodeEditor />
            </div>
          }
          right={panel === 'drift' ? <DriftPanel /> : panel === 'latency' ? <LatencyPanel /> : panel === 'trace' ? <TracePanel /> : <OutputPanel />}
          leftHidden={wide}
        />
      </div>
      <StatusBar />
      <SdkPanel />
      <SettingsPage />
      <HelpPanel />
    </div>
  );
}
