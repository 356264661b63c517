// React access to the store: atomic selectors, one value per hook call.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppStore } from './store';
import type { AppState } from './types';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp needs a StoreProvider above it');
  return store;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}
