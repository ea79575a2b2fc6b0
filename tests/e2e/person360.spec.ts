/**
 * The customer 360 view in Chromium against the real store and its demo data: reached from a case,
 * it shows who the person is, their households, cases (reopened by keyboard), install base tree and
 * entitlements, all from the device's cache (so offline too), and passes the accessibility scan
 * (axe, WCAG 2.1 A and AA) in both themes. Test subjects are found through the store's API, never
 * by fixed ids: the demo data decides who has a household, an install base or entitlements.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { demoPassword } from '../../server/seed/catalog';
import { WorkstationPage } from './pages/WorkstationPage';
import { expectAccessible } from './pages/support';

type Row = Record<string, unknown> & { id: string };
type CaseRow = Row & { number: string; closedAt: string | null; consumerId: string | null; contactId: string | null; accountId: string | null };

const escaped = (text: unknown): string => String(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The demo data as the signed-in user may read it, through the store's API. */
async function storeApi(request: APIRequestContext, username: string) {
  const login = await request.post('/api/auth/login', { data: { username, password: demoPassword } });
  const headers = { authorization: `Bearer ${(await login.json()).token as string}` };
  const json = async (path: string) => {
    const response = await request.get(path, { headers });
    expect(response.ok(), path).toBe(true);
    return response.json();
  };
  return {
    myOpenCases: async (): Promise<CaseRow[]> => ((await json('/api/cases/mine?limit=500')).items as CaseRow[]).filter((c) => c.closedAt === null),
    list: async (type: string, field: string, value: string): Promise<Row[]> => (await json(`/api/records/${type}?${field}=${value}&limit=1000`)).items as Row[],
    get: async (type: string, id: string): Promise<Row> => (await json(`/api/records/${type}/${id}`)) as Row,
    patch: async (type: string, id: string, body: Record<string, unknown>): Promise<void> => {
      const response = await request.patch(`/api/records/${type}/${id}`, { headers, data: body });
      expect(response.ok(), `patch ${type}`).toBe(true);
    },
  };
}

async function signIn(page: Page, username: string): Promise<WorkstationPage> {
  const workstation = new WorkstationPage(page);
  await workstation.open();
  await workstation.signIn(username, demoPassword);
  await workstation.waitUntilSynced();
  return workstation;
}

/** From the open case, the customer link: the header's and the related records' buttons open the same view. */
async function open360(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: `Open 360 view: ${name}`, exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeFocused();
}

test('offline, a constituent in a household: identity, household members, and the case reopened by keyboard', async ({ page, request }) => {
  const api = await storeApi(request, 'riv.agent');
  let subject: { kase: CaseRow; consumer: Row; household: Row; others: Row[] } | null = null;
  for (const kase of await api.myOpenCases()) {
    if (!kase.consumerId) continue;
    const [membership] = await api.list('householdMember', 'consumerId', kase.consumerId);
    if (!membership) continue;
    const household = await api.get('household', String(membership.householdId));
    const members = await api.list('householdMember', 'householdId', household.id);
    const others = await Promise.all(members.filter((m) => m.consumerId !== kase.consumerId).map((m) => api.get('consumer', String(m.consumerId))));
    subject = { kase, consumer: await api.get('consumer', kase.consumerId), household, others };
    break;
  }
  if (!subject) throw new Error('the demo data gives riv.agent no open case of a consumer in a household');
  const { kase, consumer, household, others } = subject;
  const name = `${String(consumer.firstName)} ${String(consumer.lastName)}`;

  const workstation = await signIn(page, 'riv.agent');
  await workstation.openCase(kase.number);
  await page.context().setOffline(true);
  await open360(page, name);

  const identity = page.getByRole('region', { name: 'Identity and contact details' });
  await expect(identity).toContainText('Constituent');
  await expect(identity).toContainText(String(consumer.constituentNumber));
  if (consumer.email) await expect(identity).toContainText(String(consumer.email));
  await expect(identity).toContainText('Date of birth');

  const households = page.getByRole('region', { name: 'Households' });
  await expect(households.getByRole('button', { name: String(household.name), exact: true })).toBeVisible();
  for (const other of others) await expect(households.getByRole('button', { name: `${String(other.firstName)} ${String(other.lastName)}`, exact: true })).toBeVisible();

  // One keystroke from the heading to the first case; arrows reach the one we came from; Enter opens it.
  const cases = page.getByRole('region', { name: 'Cases' });
  const caseButtons = cases.getByRole('table').getByRole('button');
  await page.keyboard.press('Tab');
  await expect(caseButtons.first()).toBeFocused();
  const numbers = (await caseButtons.allInnerTexts()).map((n) => n.trim());
  expect(numbers).toContain(kase.number);
  for (let i = 0; i < numbers.indexOf(kase.number); i++) await page.keyboard.press('ArrowDown');
  await expect(cases.getByRole('button', { name: kase.number, exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: new RegExp(`^${kase.number}:`) })).toBeVisible();

  // Back in the 360 tab, the digit 1 opens the first case listed.
  const tabs = page.getByRole('navigation', { name: 'Open records' });
  await tabs.getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeFocused();
  await page.keyboard.press('1');
  await expect(page.getByRole('heading', { name: new RegExp(`^${numbers[0] ?? ''}:`) })).toBeVisible();

  // The household's own 360 lists its members, the subject among them.
  await tabs.getByRole('button', { name, exact: true }).click();
  await households.getByRole('button', { name: String(household.name), exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: String(household.name) })).toBeVisible();
  const members = page.getByRole('region', { name: 'Household members' });
  await expect(members.getByRole('button', { name, exact: true })).toBeVisible();
  await expect(members.getByRole('listitem')).toHaveCount(others.length + 1);
  await expect(members).toContainText('Primary');
  await page.context().setOffline(false);
});

test("a business contact: the account's install base as a tree, entitlements with remaining units as of the last sync, axe in both themes", async ({ page, request }) => {
  const api = await storeApi(request, 'hwp.agent');
  let subject: { kase: CaseRow; contact: Row; items: Row[]; entitlement: Row } | null = null;
  for (const kase of await api.myOpenCases()) {
    if (!kase.contactId || !kase.accountId) continue;
    const items = await api.list('installBaseItem', 'accountId', kase.accountId);
    const entitlement = (await api.list('entitlement', 'accountId', kase.accountId)).find((e) => typeof e.remainingUnits === 'number' && e.unit === 'cases');
    if (!items.some((i) => i.parentId !== null) || !entitlement) continue;
    subject = { kase, contact: await api.get('contact', kase.contactId), items, entitlement };
    break;
  }
  if (!subject) throw new Error('the demo data gives hwp.agent no open case of a business with an install base and entitlements');
  const { kase, contact, items, entitlement } = subject;
  const name = `${String(contact.firstName)} ${String(contact.lastName)}`;

  const workstation = await signIn(page, 'hwp.agent');
  await workstation.openCase(kase.number);
  await open360(page, name);
  await expect(page.getByRole('region', { name: 'Identity and contact details' })).toContainText('Contact');
  await expect(page.getByRole('region', { name: 'Cases' }).getByRole('button', { name: kase.number, exact: true })).toBeVisible();

  // The tree: the sold product at level 1, its site at 2, the meters at 3, the comms module at 4.
  const tree = page.getByRole('tree', { name: 'Products and install base' });
  await expect(tree.getByRole('treeitem')).toHaveCount(items.length + 1);
  const root = items.find((i) => i.parentId === null);
  const child = items.find((i) => i.parentId === root?.id && items.some((g) => g.parentId === i.id));
  const grandchild = items.find((i) => i.parentId === child?.id);
  if (!root || !child || !grandchild) throw new Error('the install base has no three-level branch');
  const item = (row: Row) => tree.getByRole('treeitem', { name: new RegExp(`^${escaped(row.name)}`) });
  await expect(item(root)).toHaveAttribute('aria-level', '2');
  await expect(item(root)).toHaveAttribute('aria-expanded', 'true');
  await expect(item(child)).toHaveAttribute('aria-level', '3');
  await expect(item(grandchild)).toHaveAttribute('aria-level', '4');
  if (grandchild.serialNumber) await expect(item(grandchild)).toContainText(String(grandchild.serialNumber));

  // Keyboard, per the tree pattern: ↓ to the site, ← closes it, → opens it, → again enters it.
  await tree.getByRole('treeitem').first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(item(root)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(item(root)).toHaveAttribute('aria-expanded', 'false');
  await expect(item(child)).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(item(root)).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(tree.getByRole('treeitem', { level: 3 }).first()).toBeFocused();

  // Entitlements: the remaining units the device holds, labelled with the last sync.
  const contracts = page.getByRole('region', { name: 'Contracts and entitlements' });
  const row = contracts.getByRole('row', { name: new RegExp(escaped(entitlement.name)) });
  await expect(row).toContainText(`${String(entitlement.remainingUnits)} case${entitlement.remainingUnits === 1 ? '' : 's'} left of ${String(entitlement.totalUnits)}`);
  await expect(row).toContainText('as of last sync');
  await expect(contracts.getByTestId('coverage')).toBeVisible();

  // The store counts a unit used elsewhere: the open view follows the sync, no reload.
  const remaining = Number(entitlement.remainingUnits) > 0 ? Number(entitlement.remainingUnits) - 1 : 1;
  const admin = await storeApi(request, 'hwp.admin');
  await admin.patch('entitlement', entitlement.id, { remainingUnits: remaining });
  await expect(row).toContainText(`${remaining} case${remaining === 1 ? '' : 's'} left of ${String(entitlement.totalUnits)}`, { timeout: 15_000 });

  for (const theme of ['light', 'dark'] as const) {
    await page.getByLabel('Theme').selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expectAccessible(page, `a contact's 360 view (${theme})`);
  }

  // Every string goes through the i18n layer: the same view in French.
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('region', { name: 'Identité et coordonnées' })).toBeVisible();
  await expect(page.getByRole('tree', { name: 'Produits et parc installé' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Contrats et droits' })).toContainText('à la dernière synchronisation');
});
