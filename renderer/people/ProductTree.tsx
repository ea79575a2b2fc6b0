/**
 * Products and install base as a WAI-ARIA tree (APG tree view pattern): one tab stop; ↑ ↓ move
 * between visible items, → opens a branch or enters it, ← closes it or goes to the parent, Home
 * and End go to the ends, * opens every sibling branch, Enter toggles a branch (treeKeyAction).
 * Every branch starts open: a customer's tree is a few sites of a few items.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { installBaseStateKey, keyOf, productStatusKey } from './labels';
import { allNodeIds, treeKeyAction, visibleNodes, type ProductNode } from './productTree';

type ItemProps = {
  node: ProductNode;
  level: number;
  posInSet: number;
  setSize: number;
  collapsed: ReadonlySet<string>;
  tabStop: string | null;
  items: Map<string, HTMLLIElement>;
  onFocusItem: (id: string) => void;
  onToggle: (id: string, isOpen: boolean) => void;
};

function useStateLabel(): (node: ProductNode) => string {
  const { t } = useTranslation();
  return (node) => {
    const key = node.kind === 'soldProduct' ? keyOf(productStatusKey, node.state) : keyOf(installBaseStateKey, node.state);
    return key ? t(`people.${key}`) : node.state.replace(/_/g, ' ');
  };
}

function TreeItem(props: ItemProps) {
  const { node, level, posInSet, setSize, collapsed, tabStop, items, onFocusItem, onToggle } = props;
  const { t } = useTranslation();
  const stateLabel = useStateLabel();
  const isBranch = node.children.length > 0;
  const isOpen = isBranch && !collapsed.has(node.id);
  // Named by its own line only: a tree item's content includes its whole subtree.
  const labelId = `p360-node-${node.id}`;
  return (
    <li
      ref={(el) => {
        if (el) items.set(node.id, el);
        else items.delete(node.id);
      }}
      role="treeitem"
      aria-level={level}
      aria-posinset={posInSet}
      aria-setsize={setSize}
      aria-expanded={isBranch ? isOpen : undefined}
      aria-labelledby={labelId}
      tabIndex={tabStop === node.id ? 0 : -1}
      onFocus={(e) => {
        if (e.target === e.currentTarget) onFocusItem(node.id);
      }}
    >
      <span
        className="p360-node"
        onClick={() => {
          if (isBranch) onToggle(node.id, !isOpen);
          items.get(node.id)?.focus();
        }}
      >
        <span className="p360-twisty" aria-hidden="true">
          {isBranch ? (isOpen ? '▾' : '▸') : '·'}
        </span>
        <span id={labelId}>
          <span className="p360-node-name">{node.name}</span>
          {node.kind === 'soldProduct' && <span className="p360-badge">{t('people.soldProduct')}</span>}
          {node.serialNumber && <span className="muted"> · {t('people.serial', { serial: node.serialNumber })}</span>}
          <span className={`p360-state p360-state-${node.state}`}> · {stateLabel(node)}</span>
        </span>
      </span>
      {isOpen && (
        <ul role="group">
          {node.children.map((child, i) => (
            <TreeItem key={child.id} {...props} node={child} level={level + 1} posInSet={i + 1} setSize={node.children.length} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function ProductTree({ forest, label, describedBy }: { forest: ProductNode[]; label: string; describedBy: string }) {
  const { t } = useTranslation();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [activeId, setActiveId] = useState<string | null>(null);
  const items = useRef(new Map<string, HTMLLIElement>());
  const rows = useMemo(() => visibleNodes(forest, collapsed), [forest, collapsed]);
  const count = useMemo(() => allNodeIds(forest).length, [forest]);
  // The tab stop: the last focused item while it is visible (records may sync away), else the first.
  const activeIndex = Math.max(0, rows.findIndex((r) => r.node.id === activeId));
  const tabStop = rows[activeIndex]?.node.id ?? null;

  const toggle = (id: string, isOpen: boolean): void => {
    setActiveId(id);
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (isOpen) next.delete(id);
      else next.add(id);
      return next;
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const action = treeKeyAction(rows, activeIndex, collapsed, event.key);
    if (action === null) return;
    event.preventDefault();
    switch (action.type) {
      case 'focus':
        setActiveId(action.id);
        items.current.get(action.id)?.focus();
        break;
      case 'expand':
      case 'collapse':
      case 'toggle':
        toggle(action.id, action.type === 'expand' || (action.type === 'toggle' && collapsed.has(action.id)));
        break;
      case 'expandSiblings':
        setCollapsed((prev) => new Set([...prev].filter((id) => !rows.some((r) => r.node.id === id && r.parentId === action.parentId))));
        break;
      default: {
        const exhaustive: never = action;
        return exhaustive;
      }
    }
  };

  return (
    <>
      <p className="muted">{t('people.treeItems', { count })}</p>
      <ul role="tree" className="p360-tree" aria-label={label} aria-describedby={describedBy} onKeyDown={onKeyDown}>
        {forest.map((node, i) => (
          <TreeItem key={node.id} node={node} level={1} posInSet={i + 1} setSize={forest.length} collapsed={collapsed} tabStop={tabStop} items={items.current} onFocusItem={setActiveId} onToggle={toggle} />
        ))}
      </ul>
    </>
  );
}
