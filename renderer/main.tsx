// Entry point: one client, one store, events and autosave wired outside React, then the UI.
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { createClient } from './contract/client';
import { bindContractEvents } from './store/bind-events';
import { StoreProvider } from './store/context';
import { createAppStore } from './store/store';
import { startAutosave } from './workspace/autosave';

function localStore(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const client = createClient();
const store = createAppStore({ client, storage: localStore(), now: () => Date.now() });
bindContractEvents(client, store);
startAutosave(store);

const state = store.getState();
void state.loadWorkspace();
void state.loadToolchains();
void state.loadAppInfo();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StoreProvider store={store}>
    <App />
  </StoreProvider>,
);
