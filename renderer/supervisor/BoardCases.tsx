/**
 * The group's open cases on the team board, to select and drag: a checkbox per case (Space toggles
 * it, Shift+click selects a range, Ctrl/⌘+A every case shown, arrow keys move between cases), and
 * each row drags the selection it belongs to (or itself) onto an agent or a group.
 */
import { useRef, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaState } from '../cases/queueModel';
import { selectRange } from './boardModel';
import type { BoardRow } from './boardData';

/** Rows drawn at most; a filter narrows a bigger list (the selection still covers what is shown). */
export const rowCap = 500;

type Props = {
  rows: readonly BoardRow[];
  pending: ReadonlySet<string>;
  selected: ReadonlySet<string>;
  onSelect: (next: Set<string>) => void;
  onDragCases: (ids: string[]) => void;
  onOpen: (id: string) => void;
};

export function BoardCases({ rows, pending, selected, onSelect, onDragCases, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const anchor = useRef<string | null>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const slaLabel: Record<SlaState, string> = { breached: t('queue.slaBreached'), at_risk: t('queue.slaAtRisk'), ok: t('queue.slaOk'), done: t('queue.slaDone'), none: t('queue.slaNone') };
  const order = rows.map((r) => r.id);
  const shown = rows.slice(0, rowCap);

  const toggle = (id: string, event: MouseEvent<HTMLInputElement>): void => {
    if (event.shiftKey && anchor.current !== null) {
      onSelect(selectRange(order, anchor.current, id, selected));
    } else {
      const next = new Set(selected);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      onSelect(next);
    }
    anchor.current = id;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>): void => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      onSelect(new Set(order));
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const boxes = [...(body.current?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? [])];
    const at = boxes.findIndex((b) => b === document.activeElement);
    const next = boxes[at + (event.key === 'ArrowDown' ? 1 : -1)];
    if (at >= 0 && next) {
      event.preventDefault();
      next.focus();
    }
  };
  const onDragStart = (event: DragEvent<HTMLTableRowElement>, id: string): void => {
    const ids = selected.has(id) ? order.filter((x) => selected.has(x)) : [id];
    event.dataTransfer.setData('text/plain', ids.join('\n'));
    event.dataTransfer.effectAllowed = 'move';
    onDragCases(ids);
  };

  if (rows.length === 0) return <p className="muted">{t('team.noCases')}</p>;
  return (
    <>
      <p className="hint muted">{t('team.listHint')}</p>
      <div className="boardscroller">
        <table className="cases boardcases">
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">{t('team.selectColumn')}</span>
              </th>
              <th scope="col">{t('team.number')}</th>
              <th scope="col">{t('team.shortDescription')}</th>
              <th scope="col">{t('team.state')}</th>
              <th scope="col">{t('team.priority')}</th>
              <th scope="col">{t('team.assignee')}</th>
              <th scope="col">{t('team.age')}</th>
              <th scope="col">{t('team.sla')}</th>
            </tr>
          </thead>
          <tbody ref={body} onKeyDown={onKeyDown}>
            {shown.map((r) => (
              <tr key={r.id} draggable onDragStart={(e) => onDragStart(e, r.id)} className={selected.has(r.id) ? 'selected' : undefined}>
                <td>
                  <input type="checkbox" aria-label={t('team.select', { number: r.number || r.shortDescription })} checked={selected.has(r.id)} onChange={() => undefined} onClick={(e) => toggle(r.id, e)} />
                </td>
                <td>
                  <button type="button" className="link" onClick={() => onOpen(r.id)}>
                    {r.number || '—'}
                  </button>
                </td>
                <td>{r.shortDescription}</td>
                <td>
                  {r.stateLabel}
                  {pending.has(r.id) && <span className="badge">{t('team.waitingToSync')}</span>}
                </td>
                <td>{r.priority}</td>
                <td>{r.assigneeName || <span className="muted">{t('team.unassigned')}</span>}</td>
                <td>{date.format(new Date(r.openedAt))}</td>
                <td className={`sla-${r.sla}`}>{slaLabel[r.sla]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > rowCap && <p className="muted">{t('team.capped', { shown: rowCap, total: rows.length })}</p>}
    </>
  );
}
