/** Menu and tray commands run what their shortcuts run, through the command registry. */
import { afterEach, describe, expect, it } from 'vitest';
import { shellCommandSchema } from '../../shared/ipc/bridge';
import { useCommands } from './commands';
import { registeredCommandOf, runRegistered } from './shellCommands';

afterEach(() => useCommands.setState({ owners: [] }));

describe('shell commands', () => {
  it('name the workspace commands of the shortcuts, except sync now', () => {
    expect(shellCommandSchema.shape.command.options.map((c) => [c, registeredCommandOf(c)])).toEqual([
      ['newInteraction', 'newInteraction'],
      ['commandPalette', 'palette'],
      ['keyboardHelp', 'help'],
      ['syncNow', null],
    ]);
  });

  it('run the latest registration of a command, and say when nothing is registered', () => {
    const ran: string[] = [];
    useCommands.getState().register('workspace', [{ id: 'help', label: 'Help', run: () => ran.push('workspace') }]);
    useCommands.getState().register('caseForm', [{ id: 'help', label: 'Help', run: () => ran.push('caseForm') }]);
    expect(runRegistered('help')).toBe(true);
    expect(runRegistered('palette')).toBe(false);
    expect(ran).toEqual(['caseForm']);
  });
});
