/**
 * The renderer runs under its strict Content-Security-Policy (shared/security/contentSecurityPolicy.ts):
 * the store sends it as a header, and signing in, the queue, a case, the sync WebSocket and the
 * team board's charts (recharts) all work without one violation.
 */
import { expect, test } from '@playwright/test';
import { demoPassword } from '../../server/seed/catalog';
import { headerContentSecurityPolicy } from '../../shared/security/contentSecurityPolicy';
import { TeamBoardPage } from './pages/TeamBoardPage';
import { WorkstationPage } from './pages/WorkstationPage';

test('the workstation runs under its CSP without a violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`));
  });

  const workstation = new WorkstationPage(page);
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toBe(headerContentSecurityPolicy);
  await workstation.signIn('riv.agent', demoPassword);
  await workstation.waitUntilSynced();
  const number = (await workstation.caseRows().nth(1).getByRole('button').first().textContent()) ?? '';
  await workstation.openCase(number);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await workstation.signIn('riv.supervisor', demoPassword);
  await workstation.waitUntilSynced();
  await new TeamBoardPage(page).open('Contact Centre');
  await expect(page.locator('.recharts-surface').first()).toBeVisible();

  expect(violations).toEqual([]);
});
