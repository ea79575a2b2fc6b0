import { expect, test } from '@playwright/test';
import { demoPassword } from '../../server/seed/catalog';
import { WorkstationPage } from './pages/WorkstationPage';

test('an agent signs in through the browser and sees the cases assigned to them', async ({ page, request }) => {
  const workstation = new WorkstationPage(page);
  await workstation.open();
  await workstation.signIn('riv.agent', demoPassword);
  await expect(workstation.myCases()).toBeVisible();

  // The list shows exactly what the API says is assigned to this agent.
  const login = await request.post('/api/auth/login', { data: { username: 'riv.agent', password: demoPassword } });
  const token = (await login.json()).token as string;
  const mine = await (await request.get('/api/cases/mine?limit=500', { headers: { authorization: `Bearer ${token}` } })).json();
  expect(mine.items.length).toBeGreaterThan(0);
  await workstation.expectCaseCount(mine.items.length);
  await expect(workstation.myCases().getByRole('cell', { name: mine.items[0].number, exact: true })).toBeVisible();
  await expect(page.getByRole('banner').getByText(/Ana Lopez/)).toBeVisible();

  // The session survives a reload, and signing out ends it on the server.
  await page.reload();
  await expect(workstation.myCases()).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Username')).toBeVisible();
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  const workstation = new WorkstationPage(page);
  await workstation.open();
  await workstation.signIn('riv.agent', 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText('wrong username or password');
});
