/**
 * A customer's products as one tree: sold products (nested by parentSoldProductId), each with the
 * install base items it was installed as, nested by parentId. Pure, and safe on whatever the
 * device holds: an item whose parent is not here hangs under its root when that is here, else at
 * the top; records caught in a parent cycle still show, each exactly once.
 */

export type SoldProductLike = { id: string; name: string; parentSoldProductId: string | null; serialNumber: string | null; status: string };
export type InstallBaseLike = { id: string; name: string; parentId: string | null; rootId: string | null; soldProductId: string | null; serialNumber: string | null; state: string };

export type ProductNode = {
  kind: 'soldProduct' | 'installBaseItem';
  id: string;
  name: string;
  serialNumber: string | null;
  /** The sold product's status or the install base item's state (a key, labelled by the view). */
  state: string;
  children: ProductNode[];
};

/** A node as the tree widget shows it: its depth (1 at the top) and place among its siblings. */
export type VisibleNode = { node: ProductNode; level: number; parentId: string | null; posInSet: number; setSize: number };

const byName = (a: { name: string; id: string }, b: { name: string; id: string }): number => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

function groupBy<T>(list: readonly T[], key: (item: T) => string | null): Map<string | null, T[]> {
  const map = new Map<string | null, T[]>();
  for (const item of list) {
    const k = key(item);
    const bucket = map.get(k);
    if (bucket) bucket.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * Builds the forest. Order: within a parent, sold products before items, each by name. Every
 * record given appears exactly once, whatever its references say.
 */
export function buildProductTree(sold: readonly SoldProductLike[], items: readonly InstallBaseLike[]): ProductNode[] {
  const soldIds = new Set(sold.map((s) => s.id));
  const itemIds = new Set(items.map((i) => i.id));
  const soldParent = (s: SoldProductLike): string | null => (s.parentSoldProductId !== null && s.parentSoldProductId !== s.id && soldIds.has(s.parentSoldProductId) ? s.parentSoldProductId : null);
  // An item's parent on this device: its own parent, else (when that is missing) its site's root.
  const itemParent = (i: InstallBaseLike): string | null => {
    if (i.parentId === null) return null;
    if (i.parentId !== i.id && itemIds.has(i.parentId)) return i.parentId;
    return i.rootId !== null && i.rootId !== i.id && itemIds.has(i.rootId) ? i.rootId : null;
  };
  const soldChildren = groupBy(sold, soldParent);
  const itemChildren = groupBy(items, itemParent);
  // Top items (no parent here) hang under their sold product when it is here.
  const itemsOfSold = groupBy(itemChildren.get(null) ?? [], (i) => (i.soldProductId !== null && soldIds.has(i.soldProductId) ? i.soldProductId : null));
  const seen = new Set<string>();

  const itemNode = (i: InstallBaseLike): ProductNode | null => {
    if (seen.has(i.id)) return null;
    seen.add(i.id);
    const children = [...(itemChildren.get(i.id) ?? [])].sort(byName).flatMap((c) => itemNode(c) ?? []);
    return { kind: 'installBaseItem', id: i.id, name: i.name, serialNumber: i.serialNumber, state: i.state, children };
  };
  const soldNode = (s: SoldProductLike): ProductNode | null => {
    if (seen.has(s.id)) return null;
    seen.add(s.id);
    const subProducts = [...(soldChildren.get(s.id) ?? [])].sort(byName).flatMap((c) => soldNode(c) ?? []);
    const installed = [...(itemsOfSold.get(s.id) ?? [])].sort(byName).flatMap((i) => itemNode(i) ?? []);
    return { kind: 'soldProduct', id: s.id, name: s.name, serialNumber: s.serialNumber, state: s.status, children: [...subProducts, ...installed] };
  };

  const forest = [...(soldChildren.get(null) ?? [])].sort(byName).flatMap((s) => soldNode(s) ?? []);
  forest.push(...[...(itemsOfSold.get(null) ?? [])].sort(byName).flatMap((i) => itemNode(i) ?? []));
  // Whatever is left sits in a parent cycle: each cycle is shown from its first record by name.
  forest.push(...[...sold].sort(byName).flatMap((s) => soldNode(s) ?? []));
  forest.push(...[...items].sort(byName).flatMap((i) => itemNode(i) ?? []));
  return forest;
}

/** The rows a tree shows with `collapsed` branches closed, in display order. */
export function visibleNodes(forest: readonly ProductNode[], collapsed: ReadonlySet<string>): VisibleNode[] {
  const out: VisibleNode[] = [];
  const walk = (nodes: readonly ProductNode[], level: number, parentId: string | null): void => {
    nodes.forEach((node, index) => {
      out.push({ node, level, parentId, posInSet: index + 1, setSize: nodes.length });
      if (node.children.length > 0 && !collapsed.has(node.id)) walk(node.children, level + 1, node.id);
    });
  };
  walk(forest, 1, null);
  return out;
}

/** Every node id of the forest (depth first), for counting and for "expand all". */
export function allNodeIds(forest: readonly ProductNode[]): string[] {
  return forest.flatMap((n) => [n.id, ...allNodeIds(n.children)]);
}

/** What a key does in the tree (WAI-ARIA tree view pattern), from the focused row. */
export type TreeKeyAction = { type: 'focus'; id: string } | { type: 'expand' | 'collapse' | 'toggle'; id: string } | { type: 'expandSiblings'; parentId: string | null } | null;

export function treeKeyAction(rows: readonly VisibleNode[], index: number, collapsed: ReadonlySet<string>, key: string): TreeKeyAction {
  const row = rows[index];
  if (!row) return null;
  const isBranch = row.node.children.length > 0;
  const isOpen = isBranch && !collapsed.has(row.node.id);
  const focus = (target: VisibleNode | undefined): TreeKeyAction => (target ? { type: 'focus', id: target.node.id } : null);
  switch (key) {
    case 'ArrowDown':
      return focus(rows[index + 1]);
    case 'ArrowUp':
      return focus(rows[index - 1]);
    case 'Home':
      return focus(rows[0]);
    case 'End':
      return focus(rows.at(-1));
    case 'ArrowRight':
      // A closed branch opens; an open one is entered; an end node does nothing.
      return isBranch ? (isOpen ? focus(rows[index + 1]) : { type: 'expand', id: row.node.id }) : null;
    case 'ArrowLeft':
      // An open branch closes; anything else goes to its parent (nothing at the top).
      return isOpen ? { type: 'collapse', id: row.node.id } : row.parentId !== null ? { type: 'focus', id: row.parentId } : null;
    case 'Enter':
      return isBranch ? { type: 'toggle', id: row.node.id } : null;
    case '*':
      return { type: 'expandSiblings', parentId: row.parentId };
    default:
      return null;
  }
}
