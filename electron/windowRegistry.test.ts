/** One window per workspace, with fake windows: focus instead of a second window, senders, focus order, the set to reopen. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createWindowRegistry, type RegistryWindow } from './windowRegistry';

const council = 'https://council.example.org';
const water = 'https://water.example.org';
const roads = 'https://roads.example.org';

class FakeWindow extends EventEmitter implements RegistryWindow {
  static nextId = 1;
  readonly webContents = { id: FakeWindow.nextId++ };
  isMin = false;
  isGone = false;
  calls: string[] = [];
  constructor(readonly focusState: { current: FakeWindow | null }) {
    super();
  }
  isDestroyed = (): boolean => this.isGone;
  isFocused = (): boolean => this.focusState.current === this;
  isMinimized = (): boolean => this.isMin;
  restore = (): void => {
    this.calls.push('restore');
    this.isMin = false;
  };
  show = (): void => void this.calls.push('show');
  focus = (): void => {
    this.calls.push('focus');
    this.userFocuses();
  };
  /** The OS gives it the focus (a click, alt-tab). */
  userFocuses(): void {
    this.focusState.current = this;
    this.emit('focus');
  }
  close(): void {
    this.isGone = true;
    if (this.focusState.current === this) this.focusState.current = null;
    this.emit('closed');
  }
}

function setUp() {
  const focusState: { current: FakeWindow | null } = { current: null };
  const created: string[] = [];
  const openSets: string[][] = [];
  const recent: (string | null)[] = [];
  const registry = createWindowRegistry<FakeWindow>({
    create: (workspace) => {
      created.push(workspace);
      return new FakeWindow(focusState);
    },
    onOpenSetChange: (workspaces) => openSets.push([...workspaces]),
    onMostRecentChange: (workspace) => recent.push(workspace),
  });
  return { registry, created, openSets, recent, focusState };
}

describe('window registry', () => {
  it('opens one window per workspace and brings the existing one forward, restoring it, instead of another', () => {
    const { registry, created } = setUp();
    const first = registry.open(council);
    expect(first.isNew).toBe(true);
    expect(registry.open(water).isNew).toBe(true);
    first.window.isMin = true;
    const again = registry.open(council);
    expect(again).toMatchObject({ workspace: council, isNew: false });
    expect(again.window).toBe(first.window);
    expect(first.window.calls).toEqual(['restore', 'show', 'focus']);
    expect(created).toEqual([council, water]);
    expect(registry.workspaces()).toEqual([council, water]);
    expect(registry.get(water)?.workspace).toBe(water);
    expect(registry.get(roads)).toBeNull();
  });

  it('forgets a closed window, so opening its workspace again makes a new one', () => {
    const { registry, created } = setUp();
    const { window } = registry.open(council);
    window.close();
    expect(registry.get(council)).toBeNull();
    expect(registry.workspaces()).toEqual([]);
    expect(registry.open(council).isNew).toBe(true);
    expect(created).toEqual([council, council]);
  });

  it('finds the workspace of an IPC sender and of a web contents, and nothing for others', () => {
    const { registry } = setUp();
    const a = registry.open(council);
    const b = registry.open(water);
    expect(registry.windowForSender(`${council}/cases/CS0001234`)?.window).toBe(a.window);
    expect(registry.windowForSender(`${water}/`)?.window).toBe(b.window);
    expect(registry.windowForSender('https://evil.example/')).toBeNull();
    expect(registry.windowForSender('http://council.example.org/')).toBeNull();
    expect(registry.windowForSender('file:///etc/passwd')).toBeNull();
    expect(registry.windowForSender('')).toBeNull();
    expect(registry.forContents(b.window.webContents.id)?.workspace).toBe(water);
    expect(registry.forContents(-1)).toBeNull();
    b.window.close();
    expect(registry.windowForSender(`${water}/`)).toBeNull();
  });

  it('knows the focused window and the most recent one, following focus and closing', () => {
    const { registry, recent, focusState } = setUp();
    const a = registry.open(council);
    const b = registry.open(water);
    expect(registry.mostRecent()?.workspace).toBe(water);
    expect(registry.focused()).toBeNull();
    a.window.userFocuses();
    expect(registry.focused()?.workspace).toBe(council);
    expect(registry.mostRecent()?.workspace).toBe(council);
    // Another application takes the focus: none of ours has it, the most recent stays.
    focusState.current = null;
    expect(registry.focused()).toBeNull();
    expect(registry.mostRecent()?.workspace).toBe(council);
    a.window.close();
    expect(registry.mostRecent()?.workspace).toBe(water);
    b.window.close();
    expect(registry.mostRecent()).toBeNull();
    expect(recent).toEqual([council, water, council, water, null]);
  });

  it('remembers the open set to reopen, keeping the last window and the windows closed by quitting', () => {
    const { registry, openSets } = setUp();
    const a = registry.open(council);
    const b = registry.open(water);
    const c = registry.open(roads);
    b.window.close();
    expect(openSets).toEqual([[council], [council, water], [council, water, roads], [council, roads]]);
    registry.quitting();
    a.window.close();
    c.window.close();
    expect(openSets).toHaveLength(4);

    const other = setUp();
    const only = other.registry.open(council);
    only.window.close();
    // Closing the last window quits the app: it reopens at the next start.
    expect(other.openSets).toEqual([[council]]);
  });
});
