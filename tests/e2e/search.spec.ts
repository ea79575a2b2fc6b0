/**
 * Global search in Chromium against the real store: the search worker indexes the user's real
 * IndexedDB cache and answers as the agent types. Cases by their number's tail and a word of their
 * short description, people by part of a phone number and by name, opening what was found, a work
 * note written offline found within two seconds, keyboard-only use, and an accessibility scan
 * (axe, WCAG 2.1 A and AA) in both themes and in French.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { demoPassword } from '../../server/seed/catalog';
import { WorkstationPage } from './pages/WorkstationPage';
import { expectAccessible } from './pages/support';

type CachedCase = { id: string; number: string; shortDescription: string; closedAt: string | null; assignedToId: string | null };
type CachedPerson = { id: string; firstName: string; lastName: string; phone: string | null };

/** The search view as a person sees it. */
class SearchPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Search', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: 'Search', level: 2 })).toBeVisible();
  }

  box(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search cases, people, accounts and install base' });
  }

  group(label: string): Locator {
    return this.page.getByRole('list', { name: new RegExp(`^${label} \\(`) });
  }

  status(): Locator {
    return this.page.getByRole('status').filter({ hasText: /result|Searching/ });
  }

  async waitUntilIndexed(): Promise<void> {
    await expect(this.page.getByText(/Still indexing/)).toHaveCount(0, { timeout: 20_000 });
  }
}

/** Records as the device holds them (what the search index is built from), read from IndexedDB. */
async function cached<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(async (store) => {
    const name = (await indexedDB.databases()).find((d) => d.name?.startsWith('caseway-'))?.name;
    if (!name) throw new Error('no cache database');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      return await new Promise<T[]>((resolve, reject) => {
        const all = db.transaction(store).objectStore(store).getAll();
        all.onsuccess = () => resolve(all.result as T[]);
        all.onerror = () => reject(all.error);
      });
    } finally {
      db.close();
    }
  }, table);
}

async function signedIn(page: Page): Promise<{ workstation: WorkstationPage; search: SearchPage }> {
  const workstation = new WorkstationPage(page);
  await workstation.open();
  await workstation.signIn('riv.agent', demoPassword);
  await workstation.waitUntilSynced();
  return { workstation, search: new SearchPage(page) };
}

/** Of the words of `text` (4 letters or more), the one fewest of `others` contain. */
function rarestWord(text: string, others: readonly string[]): string {
  const words = [...new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4 && !/^\d+$/.test(w)))];
  const count = (w: string): number => others.filter((o) => o.toLowerCase().split(/[^\p{L}\p{N}]+/u).includes(w)).length;
  return words.sort((a, b) => count(a) - count(b))[0] ?? '';
}

test('finds a case by the tail of its number and by a word of its short description, and opens it', async ({ page }) => {
  const { search } = await signedIn(page);
  const cases = await cached<CachedCase>(page, 'case');
  const target = cases.find((c) => /[1-9]\d{2}$/.test(c.number)) ?? cases[0];
  if (!target) throw new Error('no cached case');
  await search.open();
  await expect(search.box()).toBeFocused();

  // The number's tail without its prefix and zeros: the exact number ranks first among cases.
  const tail = target.number.replace(/^[A-Z]+0*/, '');
  await search.box().fill(tail);
  await expect(search.group('Cases').getByRole('button').first()).toContainText(`${target.number}:`);

  // A word of the short description, typed as an agent would (results answer every keystroke).
  const word = rarestWord(target.shortDescription, cases.map((c) => c.shortDescription));
  await search.box().fill('');
  await search.box().pressSequentially(word, { delay: 30 });
  const found = search.group('Cases').getByRole('button', { name: new RegExp(`^${target.number}:`) });
  await expect(found).toBeVisible();
  await expect(search.status()).toHaveText(/\d+ results?/);

  await found.click();
  await expect(page.getByRole('heading', { name: new RegExp(`^${target.number}:`) })).toBeVisible();
});

test('finds a person by part of a phone number and by name, and opens their 360 view from the keyboard', async ({ page }) => {
  const { search } = await signedIn(page);
  const people = (await cached<CachedPerson>(page, 'consumer')).filter((p) => p.phone?.startsWith('+61 '));
  const person = people[Math.floor(people.length / 2)];
  if (!person?.phone) throw new Error('no cached consumer with a phone number');
  const name = `${person.firstName} ${person.lastName}`;
  const [, , area = '', ...local] = person.phone.split(' ');
  await search.open();

  // By name: first and last name, the last one still being typed.
  await search.box().fill(`${person.firstName} ${person.lastName.slice(0, 3)}`);
  await expect(search.group('Consumers').getByRole('button', { name: new RegExp(`^${name}`) }).first()).toBeVisible();

  // By part of the phone number in the national form (0 + area code), without spaces.
  await search.box().fill(`0${area}${local.join('')}`.slice(0, 8));
  await expect(search.group('Consumers').getByRole('button', { name: new RegExp(`^${name}`) }).first()).toBeVisible();

  // By the local number as written, with its space; then keyboard only: down into the results, Enter opens.
  await search.box().fill(local.join(' '));
  const hit = search.group('Consumers').getByRole('button', { name: new RegExp(`^${name}`) });
  await expect(hit).toHaveCount(1);
  await expect(search.group('Consumers').getByRole('button').first()).toHaveAccessibleName(new RegExp(`^${name}`));
  await search.box().press('ArrowDown');
  await expect(hit).toBeFocused();
  await page.keyboard.press('Enter');
  const tabs = page.getByRole('navigation', { name: 'Open records' });
  await expect(tabs.getByRole('button', { name, exact: true })).toHaveAttribute('aria-current', 'page');
});

test('the results are used with the keyboard alone: arrows move, Escape goes back to the box and clears it', async ({ page }) => {
  const { search } = await signedIn(page);
  // A last name several cached people share, so the results hold more than one row to move through.
  const people = await cached<CachedPerson>(page, 'consumer');
  const counts = new Map<string, number>();
  for (const p of people) counts.set(p.lastName, (counts.get(p.lastName) ?? 0) + 1);
  const lastName = [...counts].filter(([, n]) => n >= 3).sort(([a], [b]) => a.localeCompare(b))[0]?.[0];
  if (!lastName) throw new Error('no last name shared by three cached people');
  await search.open();
  await search.waitUntilIndexed();
  await expect(search.box()).toBeFocused();
  await page.keyboard.type(lastName);
  const buttons = page.locator('#search-results button:not([disabled])');
  await expect(buttons.nth(1)).toBeVisible();

  await page.keyboard.press('ArrowDown');
  await expect(buttons.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(buttons.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(buttons.nth(0)).toBeFocused();
  await page.keyboard.press('End');
  await expect(buttons.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(buttons.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(search.box()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  await expect(search.box()).toBeFocused();
  await expect(search.box()).toHaveValue(lastName);
  await page.keyboard.press('Escape');
  await expect(search.box()).toHaveValue('');
  await expect(buttons).toHaveCount(0);
});

test('a work note written offline is found by search within two seconds', async ({ page }) => {
  const { workstation, search } = await signedIn(page);
  const cases = await cached<CachedCase>(page, 'case');
  const target = cases.find((c) => c.closedAt === null);
  if (!target) throw new Error('no open case');
  // The index is built and current before the note is written: the note reaches it as a change.
  await search.open();
  await search.waitUntilIndexed();
  await search.box().fill(target.number);
  await search.group('Cases').getByRole('button', { name: new RegExp(`^${target.number}:`) }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`^${target.number}:`) })).toBeVisible();

  await page.context().setOffline(true);
  const marker = `zq${Date.now().toString(36)}`;
  await workstation.addWorkNote(`Replaced the gasket on the ${marker} valve`);
  await expect(workstation.activity()).toContainText(marker);
  const written = Date.now();

  await search.open();
  await search.box().fill(marker);
  const found = search.group('Cases').getByRole('button', { name: new RegExp(`^${target.number}:`) });
  await expect(found).toBeVisible({ timeout: 2000 });
  expect(Date.now() - written).toBeLessThan(2000);
  await expect(found).toContainText(`Work note: Replaced the gasket on the ${marker} valve`);
  await page.context().setOffline(false);
});

test('the search view passes the accessibility scan in both themes and speaks French', async ({ page }) => {
  const { search } = await signedIn(page);
  const people = await cached<CachedPerson>(page, 'consumer');
  const query = people[0]?.lastName.slice(0, 3) ?? 'smi';
  await search.open();
  for (const theme of ['light', 'dark'] as const) {
    await page.getByLabel('Theme').selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await search.open();
    await search.box().fill(query);
    await expect(page.locator('#search-results button').first()).toBeVisible();
    await expectAccessible(page, `search results (${theme})`);
  }
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('heading', { name: 'Recherche', level: 2 })).toBeVisible();
  const box = page.getByRole('searchbox', { name: 'Rechercher des dossiers, des personnes, des comptes et le parc installé' });
  await box.fill(query);
  await expect(page.getByRole('status').filter({ hasText: /résultat/ })).toBeVisible();
  await expectAccessible(page, 'search results (French)');
  await page.getByLabel('Langue').selectOption('en');
});
