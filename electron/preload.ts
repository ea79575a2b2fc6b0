/** The one bridge the renderer may use (shared/ipc/bridge.ts); no raw ipcRenderer is exposed. */
import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels, type CasewayBridge } from '../shared/ipc/bridge';

const bridge = {
  kind: 'desktop',
  versions: { app: '0.1.0', electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '' },
  // Only the payload crosses; main checks it against the shared schema and the sender's URL.
  notify: (input) => ipcRenderer.send(ipcChannels.notify, { title: String(input.title), body: String(input.body) }),
} satisfies CasewayBridge;

contextBridge.exposeInMainWorld('caseway', bridge);
