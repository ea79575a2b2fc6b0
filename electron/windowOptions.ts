/**
 * The security settings every window gets (DESIGN §1), kept as plain data so a Node test can
 * check them without an Electron binary.
 */
export type SecureWebPreferences = {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  spellcheck: boolean;
  preload: string;
};

export type WindowOptions = {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  show: boolean;
  backgroundColor: string;
  webPreferences: SecureWebPreferences;
};

export function secureWindowOptions(preloadPath: string): WindowOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Caseway',
    show: false,
    backgroundColor: '#f5f6f8',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
      preload: preloadPath,
    },
  };
}

/** A window shows only its own workspace's origin (one central store); everything else is refused. */
export function isAllowedNavigation(target: string, workspaceOrigin: string): boolean {
  try {
    return new URL(target).origin === new URL(workspaceOrigin).origin;
  } catch {
    return false;
  }
}
