/**
 * The workspace's commands: what the command palette lists, what the keyboard shortcuts run and
 * what the help overlay shows. Views register the commands that make sense while they are shown
 * (the case form registers "assign to me", "add note", "resolve"), and remove them when they go.
 */
import { useEffect, useRef } from 'react';
import { create } from 'zustand';

/** A shortcut: Alt (Option on macOS) or Ctrl/Cmd with a key, by physical key code so layouts agree. */
export type Shortcut = { mod: 'alt' | 'ctrl'; code: string; shift?: boolean };

export type Command = {
  id: string;
  /** Shown in the palette and the help overlay (already translated). */
  label: string;
  shortcut?: Shortcut;
  run(): void;
};

type CommandState = {
  /** Registered command sets, by owner, in registration order. */
  owners: { owner: string; commands: Command[] }[];
  register(owner: string, commands: Command[]): void;
  unregister(owner: string): void;
};

export const useCommands = create<CommandState>()((set) => ({
  owners: [],
  register: (owner, commands) => set((s) => ({ owners: [...s.owners.filter((o) => o.owner !== owner), { owner, commands }] })),
  unregister: (owner) => set((s) => ({ owners: s.owners.filter((o) => o.owner !== owner) })),
}));

/** Every registered command; a later owner's command replaces an earlier one with the same id. */
export function allCommands(owners: CommandState['owners']): Command[] {
  const byId = new Map<string, Command>();
  for (const { commands } of owners) for (const c of commands) byId.set(c.id, c);
  return [...byId.values()];
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** How a shortcut is written for people: "Alt+N", "⌥N" on macOS, "Ctrl+K" or "⌘K". */
export function shortcutLabel(s: Shortcut): string {
  const key = s.code.startsWith('Key') ? s.code.slice(3) : s.code.startsWith('Digit') ? s.code.slice(5) : s.code === 'Slash' ? '/' : s.code;
  if (isMac) return `${s.mod === 'alt' ? '⌥' : '⌘'}${s.shift ? '⇧' : ''}${key}`;
  return `${s.mod === 'alt' ? 'Alt' : 'Ctrl'}+${s.shift ? 'Shift+' : ''}${key}`;
}

export function matches(s: Shortcut, event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>): boolean {
  const ctrl = isMac ? event.metaKey : event.ctrlKey;
  if (s.mod === 'alt' ? !event.altKey || ctrl : !ctrl || event.altKey) return false;
  return event.code === s.code && Boolean(s.shift) === event.shiftKey;
}

/** Registers `commands` while the calling component is mounted; the latest closures always run. */
export function useRegisterCommands(owner: string, commands: Command[]): void {
  const latest = useRef(commands);
  latest.current = commands;
  const key = commands.map((c) => `${c.id}:${c.label}`).join('|');
  useEffect(() => {
    const proxies = latest.current.map((c) => ({ ...c, run: () => latest.current.find((x) => x.id === c.id)?.run() }));
    useCommands.getState().register(owner, proxies);
    return () => useCommands.getState().unregister(owner);
  }, [owner, key]);
}
