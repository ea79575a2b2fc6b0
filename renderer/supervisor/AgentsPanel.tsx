/**
 * The group's agents: availability, skills, open cases in the group and load; and where cases can
 * be dropped. Each agent's row is a drop target (assign to them, in this group), and so is each of
 * the supervisor's groups (unassigned in it). Native HTML5 drag and drop: the keyboard path is the
 * Reassign… dialog, which reaches every one of these targets.
 */
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Target } from './boardModel';
import type { BoardAgent, GroupChoice } from './boardData';

type Props = {
  agents: readonly BoardAgent[];
  /** Open cases of the group per agent id. */
  groupCounts: ReadonlyMap<string, number>;
  groups: readonly GroupChoice[];
  groupId: string;
  onDrop: (target: Target) => void;
};

function useDropTarget(onDrop: () => void): { isOver: boolean; handlers: Record<'onDragOver' | 'onDragEnter' | 'onDragLeave' | 'onDrop', (e: DragEvent) => void> } {
  const [isOver, setOver] = useState(false);
  const accept = (e: DragEvent): void => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
  };
  return {
    isOver,
    handlers: {
      onDragOver: accept,
      onDragEnter: (e) => {
        accept(e);
        setOver(true);
      },
      onDragLeave: () => setOver(false),
      onDrop: (e) => {
        e.preventDefault();
        setOver(false);
        onDrop();
      },
    },
  };
}

function AgentRow({ agent, count, onDrop }: { agent: BoardAgent; count: number; onDrop: () => void }) {
  const { t } = useTranslation();
  const { isOver, handlers } = useDropTarget(onDrop);
  return (
    <tr className={isOver ? 'droptarget over' : 'droptarget'} title={t('team.dropOnAgent', { name: agent.name })} data-testid={`agent-${agent.id}`} {...handlers}>
      <th scope="row">{agent.name}</th>
      <td className={`avail avail-${agent.availability}`}>{t(`team.availability_${agent.availability}`)}</td>
      <td>{agent.skillNames.length ? agent.skillNames.join(', ') : <span className="muted">{t('team.noSkills')}</span>}</td>
      <td>{count}</td>
      <td>{agent.load}</td>
    </tr>
  );
}

function GroupTarget({ label, onDrop }: { label: string; onDrop: () => void }) {
  const { isOver, handlers } = useDropTarget(onDrop);
  return (
    <li className={isOver ? 'droptarget grouptarget over' : 'droptarget grouptarget'} {...handlers}>
      {label}
    </li>
  );
}

export function AgentsPanel({ agents, groupCounts, groups, groupId, onDrop }: Props) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="team-agents" className="card">
      <h3 id="team-agents">{t('team.agents')}</h3>
      <p className="hint muted">{t('team.dropHint')}</p>
      {agents.length === 0 ? (
        <p className="muted">{t('team.noAgents')}</p>
      ) : (
        <table className="boardtable agents">
          <thead>
            <tr>
              <th scope="col">{t('team.agent')}</th>
              <th scope="col">{t('team.availability')}</th>
              <th scope="col">{t('team.skills')}</th>
              <th scope="col">{t('team.groupCases')}</th>
              <th scope="col">{t('team.load')}</th>
            </tr>
          </thead>
          <tbody>
            {agents.map((a) => (
              <AgentRow key={a.id} agent={a} count={groupCounts.get(a.id) ?? 0} onDrop={() => onDrop({ assignmentGroupId: groupId, assignedToId: a.id })} />
            ))}
          </tbody>
        </table>
      )}
      <p className="hint muted">{t('team.loadHint')}</p>
      <h4 id="team-grouptargets">{t('team.otherTargets')}</h4>
      <ul className="plain grouptargets" aria-labelledby="team-grouptargets">
        {groups.map((g) => (
          <GroupTarget key={g.id} label={t('team.unassignedIn', { group: g.name })} onDrop={() => onDrop({ assignmentGroupId: g.id, assignedToId: null })} />
        ))}
      </ul>
    </section>
  );
}
