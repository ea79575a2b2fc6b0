/**
 * The desktop shell's menu and tray commands in the workspace (the web host has none): each runs
 * what its keyboard shortcut runs, through the same command registry (commands.ts), except "sync
 * now", which asks the sync worker for a push and pull at once.
 */
import { useEffect, useRef } from 'react';
import type { ShellCommand } from '../../shared/ipc/bridge';
import type { Host } from '../platform/host';
import { allCommands, useCommands } from './commands';

/** The registered command each shell command stands for; null where it is not a shortcut's. */
export function registeredCommandOf(command: ShellCommand): string | null {
  switch (command) {
    case 'newInteraction':
      return 'newInteraction';
    case 'commandPalette':
      return 'palette';
    case 'keyboardHelp':
      return 'help';
    case 'syncNow':
      return null;
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

/** Runs the registered command as its shortcut would; false when no view registered it. */
export function runRegistered(id: string): boolean {
  const command = allCommands(useCommands.getState().owners).find((c) => c.id === id);
  command?.run();
  return command !== undefined;
}

/** Carries out the shell's commands while the workspace is shown; `syncNow` is the sync session's, when there is one. */
export function useShellCommands(host: Host, syncNow: (() => void) | null): void {
  // The latest sync session without resubscribing (a command must not fall between two listeners).
  const latest = useRef(syncNow);
  latest.current = syncNow;
  useEffect(
    () =>
      host.onCommand((command) => {
        const id = registeredCommandOf(command);
        if (id !== null) {
          if (!runRegistered(id)) host.log('warn', `shell command ${command}: nothing registered to run it`);
        } else latest.current?.();
      }),
    [host],
  );
}
