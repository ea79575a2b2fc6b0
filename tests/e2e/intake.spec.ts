/**
 * A call taken from start to finish in Chromium against the real store: the interaction, the
 * caller found as the agent types, the case created from a service definition with the
 * entitlement check, worked and resolved — with the keyboard only; the same call taken offline,
 * which reaches a supervisor's open session once the agent is back online; and the palette,
 * help overlay and queues, scanned for accessibility.
 */
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { demoPassword } from '../../server/seed/catalog';
import { WorkstationPage } from './pages/WorkstationPage';
import { apiToken, expectAccessible } from './pages/support';

type Person = { id: string; firstName: string; lastName: string; phone: string };

/**
 * A consumer of the city with a phone number who receives the pensioner rates rebate (so the
 * city-wide "Constituent services" entitlement covers calls about it), read through the store's API.
 */
async function someConsumer(request: APIRequestContext, skip = 0): Promise<Person> {
  const admin = await apiToken(request, 'riv.admin');
  const get = async (path: string) => (await request.get(path, { headers: { authorization: `Bearer ${admin}` } })).json();
  const models = (await get('/api/records/productModel?limit=200')).items as { id: string; name: string }[];
  const rebate = models.find((m) => m.name === 'Pensioner rates rebate');
  if (!rebate) throw new Error('the demo data has no rebate product model');
  const sold = (await get(`/api/records/soldProduct?productModelId=${rebate.id}&limit=100`)).items as { consumerId: string | null }[];
  const found: Person[] = [];
  for (const { consumerId } of sold) {
    if (!consumerId) continue;
    const person = (await get(`/api/records/consumer/${consumerId}`)) as Person & { phone: string | null };
    if (person.phone && !found.some((p) => p.id === person.id)) found.push(person);
    if (found.length > skip) return found[skip] as Person;
  }
  throw new Error('the demo data has no rebate receiver with a phone');
}

/** Presses Tab until `target` has focus (as a keyboard user would), failing after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** The whole call, keyboard only: interaction, caller by phone, case from a service, accept, resolve. */
async function takeCallByKeyboard(page: Page, person: Person, summary: string): Promise<void> {
  await page.keyboard.press('Alt+KeyN');
  const channel = page.getByLabel('Channel');
  await expect(channel).toBeFocused();
  await page.keyboard.press('Tab'); // direction
  await page.keyboard.press('Tab'); // from
  await page.keyboard.type(person.phone);
  await page.keyboard.press('Enter');

  // The interaction opens with the lookup prefilled with the caller's number.
  const lookup = page.getByRole('combobox', { name: /Find the caller/ });
  await expect(lookup).toBeFocused();
  await expect(lookup).toHaveValue(person.phone);
  const name = `${person.firstName} ${person.lastName}`;
  await expect(page.getByRole('option').filter({ hasText: name }).first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('linked-caller')).toHaveText(`Caller: ${name}`);

  // Focus moves to the service; typing picks it, as in any select.
  const service = page.getByLabel('Service', { exact: true });
  await expect(service).toBeFocused();
  await page.keyboard.type('Ask a question');
  await expect(service.locator('option:checked')).toHaveText('Ask a question');
  await expect(page.getByText('Case type: Information request')).toBeVisible();
  // Not about a product, no entitlement covers it; about the caller's rebate, the city's does.
  await expect(page.getByTestId('coverage')).toHaveText('Not covered by any entitlement for this product and channel.');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Product or installed item')).toBeFocused();
  await page.keyboard.type('Pensioner rates rebate');
  await expect(page.getByTestId('coverage')).toContainText('Covered by “Constituent services”');
  await expect(page.getByTestId('coverage')).toContainText('Unlimited, as of last sync');
  await tabTo(page, page.getByLabel('Short description'));
  await page.keyboard.type(summary);
  // The case type's own required field.
  const topic = page.getByLabel(/^Topic/);
  await tabTo(page, topic);
  await page.keyboard.type('waste collection');
  await expect(topic.locator('option:checked')).toHaveText('waste collection');
  await tabTo(page, page.getByRole('button', { name: 'Create case' }));
  await page.keyboard.press('Enter');

  // The case opens in its own tab with focus on its title.
  const title = page.getByRole('heading', { level: 2, name: new RegExp(`${summary}$`) });
  await expect(title).toBeFocused();
  await expect(page.getByTestId('case-state')).toHaveText('New');
  await expect(page.getByRole('region', { name: 'Related records' })).toContainText(name);
  await tabTo(page, page.getByRole('button', { name: 'Accept', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-state')).toHaveText('In Progress');

  await page.keyboard.press('Alt+KeyW');
  await expect(page.getByRole('textbox', { name: 'Work note' })).toBeFocused();
  await page.keyboard.type(`Caller asked about bin collection days (${summary})`);
  await tabTo(page, page.getByRole('button', { name: 'Add work note' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Activity' })).toContainText(`(${summary})`);

  // The case's playbook holds the resolution until its mandatory steps are done: worked by keyboard.
  const guide = page.getByRole('complementary', { name: /^Playbook: / });
  await expect(guide.getByTestId('playbook-hold')).toContainText('Understand the question');
  await page.keyboard.press('Alt+KeyG');
  await expect(guide.getByRole('heading', { name: 'Understand the question' })).toBeFocused();
  await tabTo(page, guide.getByRole('region', { name: 'Understand the question' }).getByRole('button', { name: 'Mark done' }));
  await page.keyboard.press('Enter');
  // The optional formal-access step does not apply (not a formal request): the answer stage is next.
  const route = guide.getByRole('region', { name: 'Answer now or refer' });
  await page.keyboard.press('Alt+KeyG');
  await expect(guide.getByRole('heading', { name: 'Answer now or refer' })).toBeFocused();
  await tabTo(page, route.getByRole('radio', { name: 'Answered now' }));
  await page.keyboard.press('Space');
  await expect(route.getByRole('radio', { name: 'Answered now' })).toBeChecked();
  await tabTo(page, route.getByRole('button', { name: 'Confirm' }));
  await page.keyboard.press('Enter');
  const letter = guide.getByRole('region', { name: 'Send the answer' });
  await page.keyboard.press('Alt+KeyG');
  await expect(guide.getByRole('heading', { name: 'Send the answer' })).toBeFocused();
  const message = letter.getByRole('textbox', { name: 'Message to the customer' });
  await expect(message).toHaveValue(new RegExp(`Thank you for your question about ${summary}`));
  await tabTo(page, message);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nYour bins are collected on Tuesdays.');
  await tabTo(page, letter.getByRole('button', { name: 'Send to customer' }));
  await page.keyboard.press('Enter');
  await expect(guide.getByTestId('playbook-hold')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Activity' })).toContainText('Your bins are collected on Tuesdays.');

  await page.keyboard.press('Alt+KeyR');
  const code = page.getByLabel('Resolution code');
  await expect(code).toBeFocused();
  await page.keyboard.type('Information provided');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Explained the collection calendar.');
  await tabTo(page, page.getByRole('button', { name: 'Confirm' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-state')).toHaveText('Resolved');
}

test('a full call from interaction to resolved case, with the keyboard only', async ({ page, request }) => {
  const workstation = new WorkstationPage(page);
  await workstation.open();
  await workstation.signIn('riv.agent', demoPassword);
  await workstation.waitUntilSynced();
  const person = await someConsumer(request);
  const summary = `Keyboard call ${Date.now()}`;

  await takeCallByKeyboard(page, person, summary);
  await workstation.waitUntilSynced();

  // The store has the case as the agent left it, linked to the caller and the interaction.
  const agent = await apiToken(request, 'riv.agent');
  const cases = await (await request.get(`/api/records/case?consumerId=${person.id}&limit=100`, { headers: { authorization: `Bearer ${agent}` } })).json();
  const created = (cases.items as { id: string; shortDescription: string; state: string; resolutionCode: string; interactionId: string; assignedToId: string; number: string }[]).find((c) => c.shortDescription === summary);
  expect(created).toMatchObject({ state: 'resolved', resolutionCode: 'Information provided' });
  const interaction = await (await request.get(`/api/records/interaction/${created?.interactionId}`, { headers: { authorization: `Bearer ${agent}` } })).json();
  expect(interaction).toMatchObject({ consumerId: person.id, caseId: created?.id, channel: 'phone', fromAddress: person.phone });
  // Once numbered by the store, the tab and title show the number.
  await expect(page.getByRole('heading', { level: 2, name: `${created?.number}: ${summary}` })).toBeVisible();
});

test('the same call taken offline reaches a supervisor who has the queue open, once the agent is back online', async ({ browser, request }) => {
  const supervisorContext = await browser.newContext();
  const supervisor = new WorkstationPage(await supervisorContext.newPage());
  await supervisor.open();
  await supervisor.signIn('riv.supervisor', demoPassword);
  await supervisor.waitUntilSynced();
  await supervisor.page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: "My groups' queues" }).click();
  const queue = supervisor.page.getByRole('region', { name: /My groups' cases/ });
  await queue.getByRole('combobox', { name: /^Assigned to/ }).selectOption('any');
  const summary = `Offline call ${Date.now()}`;
  await queue.getByRole('searchbox', { name: 'Filter by number or description' }).fill(summary);
  await expect(queue.getByRole('table')).toHaveAttribute('aria-rowcount', '1');

  const agentContext = await browser.newContext();
  const agent = new WorkstationPage(await agentContext.newPage());
  await agent.open();
  await agent.signIn('riv.agent', demoPassword);
  await agent.waitUntilSynced();
  await agentContext.setOffline(true);
  await agent.page.evaluate(() => window.dispatchEvent(new Event('offline')));
  await takeCallByKeyboard(agent.page, await someConsumer(request, 1), summary);
  await expect(agent.pending()).not.toHaveText('0 changes waiting');
  await expect(supervisor.page.getByRole('row').filter({ hasText: summary })).toHaveCount(0);

  await agentContext.setOffline(false);
  await agent.page.evaluate(() => window.dispatchEvent(new Event('online')));
  await agent.waitUntilSynced();
  const row = queue.getByRole('row').filter({ hasText: summary });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText('Resolved');
  await expect(row).toContainText('Ana Lopez');
  await agentContext.close();
  await supervisorContext.close();
});

test('shortcuts, the command palette and the help overlay; every intake screen passes the accessibility scan', async ({ page }) => {
  const workstation = new WorkstationPage(page);
  await workstation.open();
  await workstation.signIn('riv.agent', demoPassword);
  await workstation.waitUntilSynced();

  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('row').filter({ hasText: 'New interaction' })).toContainText('Alt+N');
  await expect(help.getByRole('row').filter({ hasText: 'Next case' })).toContainText('Alt+J');
  await expectAccessible(page, 'the help overlay');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // Next case walks the list shown last, in its order.
  const first = (await workstation.myCases().getByRole('row').nth(1).innerText()).split('\t')[0]?.trim() ?? '';
  const second = (await workstation.myCases().getByRole('row').nth(2).innerText()).split('\t')[0]?.trim() ?? '';
  await page.keyboard.press('Control+KeyK');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette.getByRole('combobox')).toBeFocused();
  await expectAccessible(page, 'the command palette');
  await page.keyboard.type('next case');
  await expect(palette.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${first}:`) })).toBeVisible();
  await page.keyboard.press('Alt+KeyJ');
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${second}:`) })).toBeVisible();
  await expectAccessible(page, 'the case form');

  await page.keyboard.press('Alt+Digit2');
  await expect(page.getByRole('region', { name: /My groups' cases/ })).toBeVisible();
  await expectAccessible(page, "my groups' queues");
  await page.keyboard.press('Alt+KeyN');
  await expectAccessible(page, 'the interactions view');
  await page.getByRole('button', { name: 'Start interaction' }).click();
  await expect(page.getByRole('combobox', { name: /Find the caller/ })).toBeFocused();
  await page.locator('summary').filter({ hasText: 'New person' }).click();
  await expectAccessible(page, 'an interaction');

  // The same screens in the dark theme.
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectAccessible(page, 'an interaction (dark)');
  await page.keyboard.press('Alt+Digit2');
  await expect(page.getByRole('region', { name: /My groups' cases/ })).toBeVisible();
  await expectAccessible(page, "my groups' queues (dark)");
  await page.keyboard.press('Alt+Digit3');
  await expectAccessible(page, 'the interactions view (dark)');
  await page.keyboard.press('Control+KeyK');
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
  await expectAccessible(page, 'the command palette (dark)');
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expectAccessible(page, 'the help overlay (dark)');
});

test('a caller nobody knows yet is created on the spot, linked, and reaches the store with the interaction', async ({ page, request }) => {
  const workstation = new WorkstationPage(page);
  await workstation.open();
  await workstation.signIn('riv.agent', demoPassword);
  await workstation.waitUntilSynced();
  const unique = `${Date.now()}`.slice(-6);
  const phone = `+61 2 7000 ${unique.slice(-4)}`;

  await page.keyboard.press('Alt+KeyN');
  await page.getByLabel('From (phone, email or handle)').fill(phone);
  await page.getByRole('button', { name: 'Start interaction' }).click();
  await expect(page.getByRole('combobox', { name: /Find the caller/ })).toHaveValue(phone);
  await expect(page.getByText('Nobody matches. Create the person below.')).toBeVisible();

  await page.locator('summary').filter({ hasText: 'New person' }).click();
  const form = page.getByRole('form', { name: 'New person' });
  // A bad email is refused on the device with the field named, and nothing is created.
  await form.getByLabel('First name').fill('Marguerite');
  await form.getByLabel('Last name').fill(`Okafor${unique}`);
  await form.getByLabel('Email').fill('not-an-email');
  await form.getByLabel('Phone').fill(phone);
  await form.evaluate((f: HTMLFormElement) => f.setAttribute('novalidate', ''));
  await workstation.waitUntilSynced();
  await form.getByRole('button', { name: 'Create and link' }).click();
  await expect(page.getByRole('alert')).toContainText('email');
  await expect(workstation.pending()).toHaveText('0 changes waiting');
  await expect(page.getByTestId('linked-caller')).toHaveCount(0);
  await form.getByLabel('Email').fill(`m.okafor${unique}@mail.example`);
  await form.getByRole('button', { name: 'Create and link' }).click();
  await expect(page.getByTestId('linked-caller')).toHaveText(`Caller: Marguerite Okafor${unique}`);
  await workstation.waitUntilSynced();

  // The store has the new consumer, and the interaction is linked to them.
  const agent = await apiToken(request, 'riv.agent');
  const get = async (path: string) => (await request.get(path, { headers: { authorization: `Bearer ${agent}` } })).json();
  const people = (await get(`/api/records/consumer?lastName=Okafor${unique}&limit=10`)).items as { id: string; phone: string; email: string }[];
  expect(people).toHaveLength(1);
  expect(people[0]).toMatchObject({ phone, email: `m.okafor${unique}@mail.example` });
  const interactions = (await get(`/api/records/interaction?consumerId=${people[0]?.id}&limit=10`)).items as { fromAddress: string }[];
  expect(interactions.map((i) => i.fromAddress)).toEqual([phone]);
});
