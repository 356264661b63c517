// Snippet tabs: click to switch, double-click to rename, × to close, + to add.
import { useEffect, useRef, useState } from 'react';
import type { Tab } from '../../shared/workspace';
import { useApp } from '../store/context';

export function TabBar() {
  const tabs = useApp((s) => s.tabs);
  const activeTabId = useApp((s) => s.activeTabId);
  const addTab = useApp((s) => s.addTab);

  return (
    <nav className="tab-bar" aria-label="Snippets">
      <div className="tabs" role="tablist">
        {tabs.map((tab) => (
          <TabItem key={tab.id} tab={tab} active={tab.id === activeTabId} closable={tabs.length > 1} />
        ))}
      </div>
      <button type="button" className="tab-add" data-testid="add-tab" onClick={addTab} title="New snippet" aria-label="New snippet">
        +
      </button>
    </nav>
  );
}

function TabItem({ tab, active, closable }: { tab: Tab; active: boolean; closable: boolean }) {
  const selectTab = useApp((s) => s.selectTab);
  const closeTab = useApp((s) => s.closeTab);
  const renameTab = useApp((s) => s.renameTab);
  const [editing, setEditing] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);

  const finish = (commit: boolean) => {
    if (commit && input.current) renameTab(tab.id, input.current.value);
    setEditing(false);
  };

  return (
    <div
      className={`tab${active ? ' is-active' : ''}`}
      role="tab"
      aria-selected={active}
      data-testid="tab"
      data-active={active}
      onMouseDown={(e) => {
        if (e.button === 1 && closable) {
          e.preventDefault();
          closeTab(tab.id);
        }
      }}
      onClick={() => selectTab(tab.id)}
      onDoubleClick={() => setEditing(true)}
      title={editing ? undefined : `${tab.title} — double-click to rename`}
    >
      {editing ? (
        <input
          ref={input}
          className="tab-rename"
          data-testid="tab-rename"
          defaultValue={tab.title}
          maxLength={200}
          aria-label="Snippet name"
          onClick={(e) => e.stopPropagation()}
          onBlur={() => finish(true)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') finish(true);
            if (e.key === 'Escape') finish(false);
          }}
        />
      ) : (
        <span className="tab-title" data-testid="tab-title">
          {tab.title}
        </span>
      )}
      {closable && !editing && (
        <button
          type="button"
          className="tab-close"
          data-testid="tab-close"
          aria-label={`Close ${tab.title}`}
          title="Close"
          onClick={(e) => {
            e.stopPropagation();
            closeTab(tab.id);
          }}
        >
          ×
        </button>
      )}
    </div>
  );
}
