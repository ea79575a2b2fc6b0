/**
 * The agent's workspace shell in Chromium against the real store: navigation between views, open
 * records in tabs, the second locale, light and dark themes, and an accessibility scan (axe,
 * WCAG 2.1 A and AA) of every screen it shows.
 */
import { expect, test } from '@playwright/test';
import { demoPassword } from '../../server/seed/catalog';
import { WorkstationPage } from './pages/WorkstationPage';
import { expectAccessible } from './pages/support';

test('the workspace keeps several cases open in tabs beside the views', async ({ page }) => {
  const workstation = new WorkstationPage(page);
  await workstation.open();
  await workstation.signIn('riv.agent', demoPassword);
  await workstation.waitUntilSynced();
  const nav = page.getByRole('navigation', { name: 'Workspace' });
  await expect(nav.getByRole('button', { name: 'My work' })).toHaveAttribute('aria-current', 'page');

  const numbers = (await workstation.myCases().getByRole('row').allInnerTexts()).slice(1, 3).map((row) => row.split('\t')[0]?.trim() ?? '');
  expect(numbers).toHaveLength(2);
  const [first, second] = numbers as [string, string];
  await workstation.openCase(first);
  await nav.getByRole('button', { name: 'My work' }).click();
  await workstation.openCase(second);
  const tabs = page.getByRole('navigation', { name: 'Open records' });
  await expect(tabs.getByRole('button', { name: first, exact: true })).toBeVisible();
  await expect(tabs.getByRole('button', { name: second, exact: true })).toHaveAttribute('aria-current', 'page');

  // Back to the first tab, then close it: its neighbour shows; closing the last shows the view.
  await tabs.getByRole('button', { name: first, exact: true }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`^${first}:`) })).toBeVisible();
  await tabs.getByRole('button', { name: `Close ${first}` }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`^${second}:`) })).toBeVisible();
  await tabs.getByRole('button', { name: `Close ${second}` }).click();
  await expect(workstation.myCases()).toBeVisible();
  await expect(tabs).toHaveCount(0);

  await nav.getByRole('button', { name: 'Sync issues' }).click();
  await expect(page.getByRole('region', { name: 'Sync issues' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Sync issues' })).toHaveAttribute('aria-current', 'page');
});

test('every string goes through the i18n layer: the workspace in French, then in English again', async ({ page }) => {
  const workstation = new WorkstationPage(page);
  await workstation.open();
  await workstation.signIn('riv.agent', demoPassword);
  await workstation.waitUntilSynced();
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('navigation', { name: 'Espace de travail' }).getByRole('button', { name: 'Mon travail' })).toBeVisible();
  await expect(page.getByRole('region', { name: /Mes dossiers/ })).toBeVisible();
  await expect(workstation.pending()).toHaveText('0 modification en attente'); // French counts zero as singular
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  // The choice is kept across a reload (before sign-in too).
  await page.reload();
  await expect(page.getByRole('region', { name: /Mes dossiers/ })).toBeVisible();
  await page.getByLabel('Langue').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(workstation.myCases()).toBeVisible();
});

test('light and dark themes both pass the accessibility scan on every screen', async ({ page }) => {
  const workstation = new WorkstationPage(page);
  await workstation.open();
  await expectAccessible(page, 'the sign-in screen');
  await workstation.signIn('riv.agent', demoPassword);
  await workstation.waitUntilSynced();
  for (const theme of ['light', 'dark'] as const) {
    await page.getByLabel('Theme').selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'My work' }).click();
    await expectAccessible(page, `my work (${theme})`);
    const number = (await workstation.myCases().getByRole('row').nth(1).innerText()).split('\t')[0]?.trim() ?? '';
    await workstation.openCase(number);
    await expectAccessible(page, `a case (${theme})`);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Sync issues' }).click();
    await expectAccessible(page, `sync issues (${theme})`);
  }
});
