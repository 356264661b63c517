// Sandboxed preload: exposes the contract's channels on `window.gopherlab`, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('gopherlab', createBridge(ipcRenderer));
