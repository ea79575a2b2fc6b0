/**
 * The desktop shell's main process: one secure window showing the workstation served by the
 * central store. (Menus, tray, deep links, keychain and updates come with the desktop-shell issue.)
 */
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, Notification, session, shell } from 'electron';
import { registerNotifications } from './notifications';
import { isAllowedNavigation, secureWindowOptions } from './windowOptions';

const serverUrl = process.env.CASEWAY_SERVER_URL ?? 'http://localhost:4310';

function createWindow(): void {
  const window = new BrowserWindow(secureWindowOptions(join(__dirname, 'preload.cjs')));
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, serverUrl)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(serverUrl);
}

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});
void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  registerNotifications(ipcMain, Notification, (url) => isAllowedNavigation(url, serverUrl));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});
app.on('window-all-closed', () => app.quit());
