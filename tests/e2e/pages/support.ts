/** What several browser tests share: the accessibility scan and a store token for API checks. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { demoPassword } from '../../../server/seed/catalog';

/** Scans the page as it is now with axe (WCAG 2.1 A and AA) and lists every violation found. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.map((v) => `${v.id} (${v.impact ?? 'unknown'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `accessibility of ${screen}`).toEqual([]);
}

/** A session token of a demo user, to check through the store's API what the workstation did. */
export async function apiToken(request: APIRequestContext, username: string): Promise<string> {
  const login = await request.post('/api/auth/login', { data: { username, password: demoPassword } });
  return (await login.json()).token as string;
}
