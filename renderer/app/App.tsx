// The window: toolbar, tabs, editor | output (or the drift panel), status bar.
import { useEffect } from 'react';
import { DriftPanel } from '../drift/DriftPanel';
import { LatencyPanel } from '../latency/LatencyPanel';
import { LibrarySidebar } from '../library/LibrarySidebar';
import { startLibrarySync } from '../library/sync';
import { CodeEditor } from '../editor/CodeEditor';
import { OutputPanel } from '../output/OutputPanel';
import { DockerWarning } from '../sandbox/DockerWarning';
import { SdkPanel } from '../sdk/SdkPanel';
import { StatusBar } from '../status/StatusBar';
import { useApp, useAppStoreApi } from '../store/context';
import { TabBar } from '../tabs/TabBar';
import { TracePanel } from '../trace/TracePanel';
import { Banner } from './Banner';
import { SplitPane } from './SplitPane';
import { Toolbar } from './Toolbar';

export function App() {
  const store = useAppStoreApi();
  const panel = useApp((s) => s.rightPanel);
  const wide = useApp((s) => s.rightPanel === 'drift' && s.driftWide);

  useEffect(() => {
    // Ctrl/Cmd+Enter runs from anywhere; inside the editor Monaco's own binding handles it first.
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      if (e.target instanceof Element && e.target.closest('.monaco-editor')) return;
      e.preventDefault();
      void store.getState().startRun();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

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
    </div>
  );
}
