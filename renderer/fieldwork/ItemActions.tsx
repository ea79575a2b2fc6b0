/**
 * The install base as the technician leaves it: a component of the site's tree gets a new state or
 * serial number (`installBaseItem.update`, carrying the values the device saw), or is swapped for a
 * new one that takes its place in the tree (`installBaseItem.replace`). A replaced or retired item
 * cannot be chosen: the store would refuse it (`item_replaced`).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { installBaseStates } from '../../shared/domain/product';
import type { MutationName } from '../../shared/sync/mutations';
import { installBaseStateKey, keyOf } from '../people/labels';
import type { ProductNode } from '../people/productTree';
import { MutationInputError } from '../sync/mutate';
import type { WorkOrderView } from './fieldWorkData';

type Mutate = (name: MutationName, args: unknown) => Promise<number>;

/** The items of the tree a technician can still change, depth first. */
function changeable(nodes: readonly ProductNode[]): ProductNode[] {
  return nodes.flatMap((n) => [...(n.kind === 'installBaseItem' && n.state !== 'replaced' && n.state !== 'retired' ? [n] : []), ...changeable(n.children)]);
}

const settable = installBaseStates.filter((s) => s !== 'replaced');

export function ItemActions({ view, mutate }: { view: WorkOrderView; mutate: Mutate }) {
  const { t } = useTranslation();
  const items = changeable(view.tree);
  const [chosenId, setChosenId] = useState(view.item && items.some((i) => i.id === view.item?.id) ? view.item.id : (items[0]?.id ?? ''));
  const chosen = items.find((i) => i.id === chosenId) ?? items[0] ?? null;
  const [state, setState] = useState<string | null>(null);
  const [serial, setSerial] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [newSerial, setNewSerial] = useState('');
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);
  if (!chosen || view.task.state === 'completed' || view.task.state === 'cancelled') return null;
  const stateLabel = (s: string): string => {
    const key = keyOf(installBaseStateKey, s);
    return key ? t(`people.${key}`) : s;
  };
  const shownState = state ?? chosen.state;
  const shownSerial = serial ?? chosen.serialNumber ?? '';
  const fail = (e: unknown) => setMessage({ isError: true, text: e instanceof MutationInputError ? e.message : t('fieldwork.notSaved') });

  const update = async (event: FormEvent) => {
    event.preventDefault();
    const changes: Record<string, unknown> = {};
    if (shownState !== chosen.state) changes.state = shownState;
    if (shownSerial.trim() !== (chosen.serialNumber ?? '')) changes.serialNumber = shownSerial.trim() === '' ? null : shownSerial.trim();
    if (Object.keys(changes).length === 0) return setMessage({ isError: true, text: t('fieldwork.itemUnchanged') });
    try {
      await mutate('installBaseItem.update', { id: chosen.id, changes, base: { state: chosen.state, serialNumber: chosen.serialNumber } });
      setState(null);
      setSerial(null);
      setMessage({ isError: false, text: t('fieldwork.itemSaved', { name: chosen.name }) });
    } catch (e) {
      fail(e);
    }
  };
  const replace = async (event: FormEvent) => {
    event.preventDefault();
    if (newName.trim() === '') return setMessage({ isError: true, text: t('fieldwork.replacementNameRequired') });
    try {
      const productModelId = chosen.id === view.item?.id ? view.item.productModelId : null;
      await mutate('installBaseItem.replace', { id: chosen.id, newId: crypto.randomUUID(), name: newName.trim(), serialNumber: newSerial.trim() === '' ? null : newSerial.trim(), productModelId, at: new Date().toISOString() });
      setMessage({ isError: false, text: t('fieldwork.itemReplaced', { name: chosen.name }) });
      setNewName('');
      setNewSerial('');
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div className="fw-item-actions">
      <label>
        {t('fieldwork.component')}
        <select
          value={chosen.id}
          onChange={(e) => {
            setChosenId(e.target.value);
            setState(null);
            setSerial(null);
          }}
        >
          {items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.serialNumber ? `${i.name} · ${i.serialNumber}` : i.name}
            </option>
          ))}
        </select>
      </label>
      <form className="inline" aria-label={t('fieldwork.updateItem')} onSubmit={(e) => void update(e)}>
        <label>
          {t('fieldwork.itemState')}
          <select value={shownState} onChange={(e) => setState(e.target.value)}>
            {settable.map((s) => (
              <option key={s} value={s}>
                {stateLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('fieldwork.serialNumber')}
          <input value={shownSerial} onChange={(e) => setSerial(e.target.value)} maxLength={80} />
        </label>
        <button type="submit">{t('fieldwork.updateItem')}</button>
      </form>
      <form className="inline" aria-label={t('fieldwork.replaceItem')} onSubmit={(e) => void replace(e)}>
        <label>
          {t('fieldwork.replacementName')}
          <input value={newName} onChange={(e) => setNewName(e.target.value)} maxLength={200} placeholder={chosen.name} />
        </label>
        <label>
          {t('fieldwork.replacementSerial')}
          <input value={newSerial} onChange={(e) => setNewSerial(e.target.value)} maxLength={80} />
        </label>
        <button type="submit">{t('fieldwork.replaceItem')}</button>
      </form>
      {message && (
        <p role={message.isError ? 'alert' : 'status'} className={message.isError ? 'error' : 'muted'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
