/**
 * The case queues in Chromium against the real store: sorting by a column, counts per state that
 * filter, filters by priority and assignee, a saved filter that survives a reload, and the group
 * queue's unassigned cases.
 */
import { expect, test, type Locator } from '@playwright/test';
import { demoPassword } from '../../server/seed/catalog';
import { WorkstationPage } from './pages/WorkstationPage';

/** The text of column `index` (0-based) of every data row on screen. */
async function column(table: Locator, index: number): Promise<string[]> {
  const rows = await table.locator('tbody tr:not([aria-hidden])').all();
  return Promise.all(rows.map(async (row) => ((await row.locator('td').nth(index).innerText()) ?? '').trim()));
}

test('queues sort, count per state, filter, keep a saved filter, and show the groups\' unassigned cases', async ({ page }) => {
  const workstation = new WorkstationPage(page);
  await workstation.open();
  await workstation.signIn('riv.agent', demoPassword);
  await workstation.waitUntilSynced();
  const queue = workstation.myCases();
  const table = queue.getByRole('table');
  await expect(queue).toHaveAttribute('aria-busy', 'false');
  const total = Number(await table.getAttribute('aria-rowcount')) - 1;

  // Sort by priority, ascending then descending.
  await queue.getByRole('button', { name: 'Sort by Priority' }).click();
  await expect(queue.getByRole('columnheader', { name: /Priority/ })).toHaveAttribute('aria-sort', 'ascending');
  const ascending = await column(table, 3);
  expect(ascending.length).toBeGreaterThan(1);
  expect([...ascending].sort()).toEqual(ascending);
  await queue.getByRole('button', { name: 'Sort by Priority' }).click();
  await expect(queue.getByRole('columnheader', { name: /Priority/ })).toHaveAttribute('aria-sort', 'descending');
  const descending = await column(table, 3);
  expect([...descending].sort().reverse()).toEqual(descending);

  // The counts per state add up to the queue and each filters it.
  const counts = queue.getByRole('group', { name: 'Cases per state' }).getByRole('button');
  const labels = await counts.allInnerTexts();
  const sum = labels.reduce((n, label) => n + Number(label.split(': ').at(-1)), 0);
  expect(sum).toBe(total);
  const first = labels[0] ?? '';
  const [stateLabel, stateCount] = [first.split(': ')[0] ?? '', Number(first.split(': ').at(-1))];
  await counts.first().click();
  await expect(counts.first()).toHaveAttribute('aria-pressed', 'true');
  await expect(table).toHaveAttribute('aria-rowcount', String(stateCount + 1));
  for (const state of await column(table, 2)) expect(state).toBe(stateLabel);

  // Narrow by priority too, save it, and find it again after a reload.
  const filters = queue.getByRole('group', { name: 'Filters' });
  const priorityText = (await column(table, 3))[0] ?? '';
  await filters.getByRole('combobox', { name: /^Priority/ }).selectOption(priorityText.slice(0, 1));
  for (const priority of await column(table, 3)) expect(priority).toBe(priorityText);
  const narrowed = await table.getAttribute('aria-rowcount');
  await queue.getByLabel('Name for this filter').fill('First state, one priority');
  await queue.getByRole('button', { name: 'Save filter' }).click();
  await expect(queue.getByText('Filter “First state, one priority” saved.')).toBeVisible();
  await page.reload();
  await expect(queue).toHaveAttribute('aria-busy', 'false');
  await expect(table).toHaveAttribute('aria-rowcount', String(total + 1));
  await queue.getByRole('combobox', { name: /^Saved filter/ }).selectOption('First state, one priority');
  await expect(table).toHaveAttribute('aria-rowcount', narrowed ?? '');
  // The counts are taken after the other filters; the saved state is the one pressed.
  await expect(queue.getByRole('group', { name: 'Cases per state' }).getByRole('button', { name: new RegExp(`^${stateLabel}: `) })).toHaveAttribute('aria-pressed', 'true');
  await queue.getByRole('button', { name: 'Clear filters' }).click();
  await expect(table).toHaveAttribute('aria-rowcount', String(total + 1));

  // My groups' queue: unassigned cases by default.
  await page.keyboard.press('Alt+Digit2');
  const groups = page.getByRole('region', { name: /My groups' cases/ });
  await expect(groups).toHaveAttribute('aria-busy', 'false');
  await expect(groups.getByRole('combobox', { name: /^Assigned to/ })).toHaveValue('unassigned');
  const assignees = await column(groups.getByRole('table'), 6);
  for (const assignee of assignees) expect(assignee).toBe('');
});
