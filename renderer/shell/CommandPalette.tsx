/**
 * The command palette (Ctrl/⌘+K) and the keyboard help overlay (Ctrl/⌘+/ or F1): both modal
 * dialogs (native <dialog>, so focus stays inside and Escape closes them) over the registered
 * commands. The palette filters as you type; arrow keys choose, Enter runs.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { allCommands, shortcutLabel, useCommands, type Command } from '../app/commands';

function Modal({ isOpen, label, onClose, children, className }: { isOpen: boolean; label: string; onClose: () => void; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);
  return (
    <dialog ref={ref} aria-label={label} className={className} onClose={onClose} onCancel={onClose}>
      {isOpen ? children : null}
    </dialog>
  );
}

/** Commands whose label contains every word typed, best (earliest match) first. */
export function filterCommands(commands: readonly Command[], text: string): Command[] {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  return commands
    .map((c) => ({ c, label: c.label.toLowerCase() }))
    .filter(({ label }) => words.every((w) => label.includes(w)))
    .sort((a, b) => a.label.indexOf(words[0] ?? '') - b.label.indexOf(words[0] ?? ''))
    .map(({ c }) => c);
}

export function CommandPalette({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const owners = useCommands((s) => s.owners);
  const commands = useMemo(() => allCommands(owners).filter((c) => c.id !== 'palette'), [owners]);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const shown = useMemo(() => filterCommands(commands, text), [commands, text]);
  const listId = useId();
  useEffect(() => {
    if (isOpen) {
      setText('');
      setActive(0);
    }
  }, [isOpen]);
  useEffect(() => setActive(0), [text]);

  const runAt = (index: number) => {
    const command = shown[index];
    if (!command) return;
    onClose();
    // After the dialog has closed and given focus back, so the command can move focus itself.
    setTimeout(() => command.run(), 0);
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((a) => Math.min(shown.length - 1, a + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      runAt(active);
    }
  };
  return (
    <Modal isOpen={isOpen} label={t('keys.paletteTitle')} onClose={onClose} className="palette">
      <label htmlFor={`${listId}-input`} className="sr-only">
        {t('keys.paletteInput')}
      </label>
      <input
        id={`${listId}-input`}
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown[active] ? `${listId}-${active}` : undefined}
        placeholder={t('keys.palettePlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
      />
      <ul id={listId} role="listbox" aria-label={t('keys.paletteCommands')} className="results">
        {shown.map((c, index) => (
          <li key={c.id} id={`${listId}-${index}`} role="option" aria-selected={index === active} className={index === active ? 'active' : undefined} onMouseDown={(e) => e.preventDefault()} onClick={() => runAt(index)}>
            <span>{c.label}</span>
            {c.shortcut && <kbd>{shortcutLabel(c.shortcut)}</kbd>}
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p className="muted">{t('keys.paletteNone')}</p>}
    </Modal>
  );
}

export function HelpOverlay({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const owners = useCommands((s) => s.owners);
  const commands = allCommands(owners).filter((c) => c.shortcut);
  return (
    <Modal isOpen={isOpen} label={t('keys.helpTitle')} onClose={onClose} className="help">
      <h2>{t('keys.helpTitle')}</h2>
      <table className="shortcuts">
        <caption className="sr-only">{t('keys.helpTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('keys.helpAction')}</th>
            <th scope="col">{t('keys.helpKeys')}</th>
          </tr>
        </thead>
        <tbody>
          {commands.map((c) => (
            <tr key={c.id}>
              <td>{c.label}</td>
              <td>{c.shortcut && <kbd>{shortcutLabel(c.shortcut)}</kbd>}</td>
            </tr>
          ))}
          <tr>
            <td>{t('keys.helpLists')}</td>
            <td>
              <kbd>↑</kbd> <kbd>↓</kbd> <kbd>Home</kbd> <kbd>End</kbd> <kbd>Enter</kbd>
            </td>
          </tr>
          <tr>
            <td>{t('keys.helpClose')}</td>
            <td>
              <kbd>Esc</kbd>
            </td>
          </tr>
        </tbody>
      </table>
      <p className="muted">{t('keys.helpContextual')}</p>
      <button type="button" onClick={onClose}>
        {t('keys.helpDone')}
      </button>
    </Modal>
  );
}
