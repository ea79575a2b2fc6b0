/**
 * "Reassign…": the keyboard path of a reassignment, in a modal dialog (native <dialog>, so focus
 * stays inside and Escape closes it). The targets are the group's agents, best suggestion first and
 * chosen already (with why), then the group itself and the supervisor's other groups (unassigned);
 * an optional reason is kept by the store as a work note on each case.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { rankCandidates, type Candidate, type Target } from './boardModel';
import type { BoardAgent, GroupChoice } from './boardData';

type Props = {
  isOpen: boolean;
  cases: readonly { caseTypeId: string }[];
  agents: readonly BoardAgent[];
  groups: readonly GroupChoice[];
  groupId: string;
  skillsByType: ReadonlyMap<string, readonly string[]>;
  skillNames: ReadonlyMap<string, string>;
  onConfirm: (target: Target, reason: string | null) => void;
  onClose: () => void;
};

/** Why an agent is suggested, in words: skills matched, availability, load. */
export function useWhy(skillNames: ReadonlyMap<string, string>): (c: Candidate) => string {
  const { t } = useTranslation();
  return (c) =>
    [
      c.requiredSkillIds.length === 0
        ? t('team.whyNoSkills')
        : t('team.whySkills', { matched: c.matchedSkillIds.length, required: c.requiredSkillIds.length, names: c.requiredSkillIds.map((s) => skillNames.get(s) ?? '').join(', ') }),
      t(`team.availability_${c.agent.availability}`),
      t('team.whyLoad', { load: c.agent.load }),
    ].join(' · ');
}

export function ReassignDialog({ isOpen, cases, agents, groups, groupId, skillsByType, skillNames, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const why = useWhy(skillNames);
  const ranked = useMemo(() => rankCandidates(cases, agents, skillsByType), [cases, agents, skillsByType]);
  const suggested = ranked[0]?.agent.id ?? null;
  const [choice, setChoice] = useState('');
  const [reason, setReason] = useState('');
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) {
      setChoice(suggested ? `agent:${suggested}` : `group:${groupId}`);
      setReason('');
      dialog.showModal();
    }
    if (!isOpen && dialog.open) dialog.close();
    // The target is chosen afresh each time the dialog opens, not while it is open.
  }, [isOpen]);
  const groupName = (gid: string): string => groups.find((g) => g.id === gid)?.name ?? '';
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const [kind, value = ''] = choice.split(':');
    const target: Target = kind === 'agent' ? { assignmentGroupId: groupId, assignedToId: value } : { assignmentGroupId: value, assignedToId: null };
    onConfirm(target, reason.trim() || null);
  };
  const title = t('team.dialogTitle', { count: cases.length });
  return (
    <dialog ref={ref} aria-labelledby={`${id}-title`} className="reassign" onClose={onClose} onCancel={onClose}>
      {isOpen && (
        <form onSubmit={submit}>
          <h2 id={`${id}-title`}>{title}</h2>
          <fieldset className="targets">
            <legend>{t('team.target')}</legend>
            {ranked.map((c, index) => (
              <label key={c.agent.id} className="target">
                <input type="radio" name={`${id}-target`} value={`agent:${c.agent.id}`} checked={choice === `agent:${c.agent.id}`} onChange={(e) => setChoice(e.target.value)} aria-describedby={index === 0 ? `${id}-why` : undefined} />
                <span>
                  {t('team.agentOption', { name: c.agent.name, availability: t(`team.availability_${c.agent.availability}`), load: c.agent.load })}
                  {index === 0 && <span className="badge">{t('team.suggested')}</span>}
                </span>
              </label>
            ))}
            {ranked[0] && (
              <p id={`${id}-why`} className="hint muted">
                {t('team.why', { reason: why(ranked[0]) })}
              </p>
            )}
            {groups.map((g) => (
              <label key={g.id} className="target">
                <input type="radio" name={`${id}-target`} value={`group:${g.id}`} checked={choice === `group:${g.id}`} onChange={(e) => setChoice(e.target.value)} />
                <span>{t('team.unassignedIn', { group: g.id === groupId ? groupName(groupId) : g.name })}</span>
              </label>
            ))}
          </fieldset>
          <label className="field">
            {t('team.reason')}
            <textarea value={reason} maxLength={400} rows={2} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="actions">
            <button type="submit">{t('team.confirm')}</button>
            <button type="button" className="secondary" onClick={onClose}>
              {t('team.cancel')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
