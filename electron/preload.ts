/** The one bridge the renderer may use (shared/ipc/bridge.ts); no raw ipcRenderer is exposed. */
import { contextBridge } from 'electron';
import type { CasewayBridge } from '../shared/ipc/bridge';

const bridge = {
  kind: 'desktop',
  versions: { app: '0.1.0', electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '' },
} satisfies CasewayBridge;

contextBridge.exposeInMainWorld('caseway', bridge);
