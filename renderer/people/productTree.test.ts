import { describe, expect, it } from 'vitest';
import { allNodeIds, buildProductTree, treeKeyAction, visibleNodes, type InstallBaseLike, type ProductNode, type SoldProductLike } from './productTree';

const sold = (id: string, name: string, parentSoldProductId: string | null = null): SoldProductLike => ({ id, name, parentSoldProductId, serialNumber: null, status: 'active' });
const item = (id: string, name: string, parentId: string | null, rootId: string | null, soldProductId: string | null = null): InstallBaseLike => ({
  id, name, parentId, rootId, soldProductId, serialNumber: `SN-${id}`, state: 'in_service',
});

/** The tree as indented names, easy to read in a failure. */
function outline(forest: readonly ProductNode[], depth = 0): string[] {
  return forest.flatMap((n) => [`${'  '.repeat(depth)}${n.name}`, ...outline(n.children, depth + 1)]);
}

describe('buildProductTree', () => {
  it('nests a site under its sold product by parentId, siblings by name', () => {
    const forest = buildProductTree(
      [sold('sp', 'Residential supply')],
      [item('root', 'Service point', null, null, 'sp'), item('wm', 'Water meter', 'root', 'root', 'sp'), item('sm', 'Smart meter', 'root', 'root', 'sp'), item('cm', 'Comms module', 'sm', 'root', 'sp')],
    );
    expect(outline(forest)).toEqual(['Residential supply', '  Service point', '    Smart meter', '      Comms module', '    Water meter']);
    expect(forest[0]?.kind).toBe('soldProduct');
    expect(forest[0]?.children[0]).toMatchObject({ kind: 'installBaseItem', serialNumber: 'SN-root', state: 'in_service' });
  });

  it('nests sold products by parentSoldProductId and keeps items without a sold product at the top', () => {
    const forest = buildProductTree([sold('b', 'Bundle'), sold('a', 'Add-on', 'b')], [item('x', 'Loose item', null, null)]);
    expect(outline(forest)).toEqual(['Bundle', '  Add-on', 'Loose item']);
  });

  it('hangs an orphan under its root when its parent is not on the device, else at the top', () => {
    const forest = buildProductTree([], [item('root', 'Service point', null, null), item('cm', 'Comms module', 'gone', 'root'), item('lost', 'Lost item', 'gone', 'also-gone')]);
    expect(outline(forest)).toEqual(['Lost item', 'Service point', '  Comms module']);
  });

  it('shows records caught in a parent cycle exactly once and terminates', () => {
    const forest = buildProductTree(
      [sold('p', 'P', 'q'), sold('q', 'Q', 'p')],
      [item('a', 'A', 'b', null), item('b', 'B', 'a', null), item('self', 'Self', 'self', 'self')],
    );
    const ids = allNodeIds(forest);
    expect(ids.sort()).toEqual(['a', 'b', 'p', 'q', 'self']);
    // Self names itself as parent: a top item, before the cycles that follow the top level.
    expect(outline(forest)).toEqual(['Self', 'P', '  Q', 'A', '  B']);
  });

  it('treats a sold product or item that names itself as parent as a top node', () => {
    expect(outline(buildProductTree([sold('s', 'S', 's')], [item('i', 'I', null, 'i', 's')]))).toEqual(['S', '  I']);
  });

  it('is empty for nothing', () => {
    expect(buildProductTree([], [])).toEqual([]);
  });
});

describe('visibleNodes', () => {
  const forest = buildProductTree([sold('sp', 'Supply')], [item('root', 'Site', null, null, 'sp'), item('m1', 'Meter 1', 'root', 'root'), item('m2', 'Meter 2', 'root', 'root')]);

  it('lists every row with its level and place among its siblings while all is open', () => {
    expect(visibleNodes(forest, new Set()).map((v) => [v.node.id, v.level, v.parentId, v.posInSet, v.setSize])).toEqual([
      ['sp', 1, null, 1, 1],
      ['root', 2, 'sp', 1, 1],
      ['m1', 3, 'root', 1, 2],
      ['m2', 3, 'root', 2, 2],
    ]);
  });

  it('hides the rows under a closed branch', () => {
    expect(visibleNodes(forest, new Set(['root'])).map((v) => v.node.id)).toEqual(['sp', 'root']);
    expect(visibleNodes(forest, new Set(['sp'])).map((v) => v.node.id)).toEqual(['sp']);
  });
});

describe('treeKeyAction (WAI-ARIA tree view keys)', () => {
  const forest = buildProductTree([sold('sp', 'Supply')], [item('root', 'Site', null, null, 'sp'), item('m1', 'Meter 1', 'root', 'root'), item('m2', 'Meter 2', 'root', 'root'), item('x', 'Loose', null, null)]);
  const open = visibleNodes(forest, new Set());
  const at = (id: string) => open.findIndex((r) => r.node.id === id);

  it('moves down, up, home and end over the visible rows, stopping at the ends', () => {
    expect(treeKeyAction(open, at('sp'), new Set(), 'ArrowDown')).toEqual({ type: 'focus', id: 'root' });
    expect(treeKeyAction(open, at('root'), new Set(), 'ArrowUp')).toEqual({ type: 'focus', id: 'sp' });
    expect(treeKeyAction(open, at('sp'), new Set(), 'ArrowUp')).toBeNull();
    expect(treeKeyAction(open, at('x'), new Set(), 'ArrowDown')).toBeNull();
    expect(treeKeyAction(open, at('m2'), new Set(), 'Home')).toEqual({ type: 'focus', id: 'sp' });
    expect(treeKeyAction(open, at('sp'), new Set(), 'End')).toEqual({ type: 'focus', id: 'x' });
  });

  it('right opens a closed branch, enters an open one, and does nothing on an end node', () => {
    const closed = new Set(['root']);
    expect(treeKeyAction(visibleNodes(forest, closed), 1, closed, 'ArrowRight')).toEqual({ type: 'expand', id: 'root' });
    expect(treeKeyAction(open, at('root'), new Set(), 'ArrowRight')).toEqual({ type: 'focus', id: 'm1' });
    expect(treeKeyAction(open, at('m1'), new Set(), 'ArrowRight')).toBeNull();
  });

  it('left closes an open branch, else goes to the parent, and does nothing at a closed top node', () => {
    expect(treeKeyAction(open, at('root'), new Set(), 'ArrowLeft')).toEqual({ type: 'collapse', id: 'root' });
    expect(treeKeyAction(open, at('m2'), new Set(), 'ArrowLeft')).toEqual({ type: 'focus', id: 'root' });
    const closed = new Set(['sp']);
    expect(treeKeyAction(visibleNodes(forest, closed), 0, closed, 'ArrowLeft')).toBeNull();
  });

  it('Enter toggles a branch; * opens the siblings; other keys do nothing', () => {
    expect(treeKeyAction(open, at('root'), new Set(), 'Enter')).toEqual({ type: 'toggle', id: 'root' });
    expect(treeKeyAction(open, at('m1'), new Set(), 'Enter')).toBeNull();
    expect(treeKeyAction(open, at('m1'), new Set(), '*')).toEqual({ type: 'expandSiblings', parentId: 'root' });
    expect(treeKeyAction(open, at('m1'), new Set(), 'a')).toBeNull();
    expect(treeKeyAction([], 0, new Set(), 'ArrowDown')).toBeNull();
  });
});
