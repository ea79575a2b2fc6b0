/**
 * What to do when a window's renderer dies (crashed, killed, out of memory): reload it, unless it
 * has died `maxCrashes` times within `windowMs` — then it stays down (a page that crashes on load
 * would otherwise spin) and the user is told. Per workspace; a plain module with an injected clock.
 */
export type RecoveryDecision = 'reload' | 'giveUp';

export type RendererRecovery = {
  /** Records a death of `workspace`'s renderer and says what to do. */
  crashed(workspace: string): RecoveryDecision;
  /** The window closed: its history goes. */
  forget(workspace: string): void;
};

export function createRendererRecovery(options: { maxCrashes: number; windowMs: number; now: () => number }): RendererRecovery {
  const crashes = new Map<string, number[]>();
  return {
    crashed(workspace) {
      const now = options.now();
      const recent = (crashes.get(workspace) ?? []).filter((at) => now - at < options.windowMs);
      recent.push(now);
      crashes.set(workspace, recent);
      return recent.length >= options.maxCrashes ? 'giveUp' : 'reload';
    },
    forget(workspace) {
      crashes.delete(workspace);
    },
  };
}
