import { expect, type Page } from '@playwright/test';

/** The workstation as a person sees it: the sign-in form, the case list, a case, the status bar. */
export class WorkstationPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'Caseway' })).toBeVisible();
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  myCases() {
    return this.page.getByRole('region', { name: /My cases/ });
  }

  caseRows() {
    return this.myCases().getByRole('row');
  }

  /** The list is virtualised: its table states how many rows it has (the header included). */
  async expectCaseCount(count: number): Promise<void> {
    await expect(this.myCases().getByRole('table')).toHaveAttribute('aria-rowcount', String(count + 1));
    await expect(this.myCases().getByRole('heading')).toContainText(`(${count})`);
  }

  pending() {
    return this.page.getByTestId('pending');
  }

  /** Waits until the first download of the user's work has finished and nothing is waiting. */
  async waitUntilSynced(): Promise<void> {
    await expect(this.page.getByTestId('connection')).toHaveText(/^Online$/, { timeout: 30_000 });
    await expect(this.pending()).toHaveText('0 changes waiting');
  }

  /** Finds the case by number with the list's filter (the row may be far down a long list), then opens it. */
  async openCase(number: string): Promise<void> {
    await this.myCases().getByRole('searchbox', { name: 'Filter by number or description' }).fill(number);
    await this.myCases().getByRole('button', { name: number, exact: true }).click();
    await expect(this.page.getByRole('heading', { name: new RegExp(`^${number}:`) })).toBeVisible();
  }

  activity() {
    return this.page.getByRole('list', { name: 'Activity' });
  }

  async addWorkNote(text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Work note' }).fill(text);
    await this.page.getByRole('button', { name: 'Add work note' }).click();
  }
}
