import { expect, type Page } from '@playwright/test';

/** The supervisor's team board as a person sees it: the group, agents, the case list, the reports. */
export class TeamBoardPage {
  constructor(readonly page: Page) {}

  board() {
    return this.page.getByRole('region', { name: 'Team board' });
  }

  /** Opens the board by its shortcut and shows `group`. */
  async open(group: string): Promise<void> {
    await this.page.keyboard.press('Alt+Digit7');
    await expect(this.board().getByRole('heading', { level: 2, name: 'Team board' })).toBeVisible();
    await this.board().getByRole('combobox', { name: 'Group' }).selectOption({ label: `${group} (you manage it)` });
    await expect(this.caseList().getByRole('heading', { level: 3 })).toContainText(`Open cases of ${group}`);
  }

  caseList() {
    return this.board().getByRole('region', { name: /^Open cases of / });
  }

  /** Narrows the case list with its text filter and waits until it shows `count` cases. */
  async filter(text: string, count: number): Promise<void> {
    await this.caseList().getByRole('searchbox', { name: 'Filter by number or description' }).fill(text);
    await expect(this.caseList().getByRole('heading', { level: 3 })).toContainText(`(${count})`);
  }

  caseRow(text: string) {
    return this.caseList().getByRole('row').filter({ hasText: text });
  }

  agentRow(name: string) {
    return this.board().getByRole('region', { name: 'Agents' }).getByRole('row', { name: new RegExp(`^${name}`) });
  }

  selectedCount() {
    return this.page.getByTestId('selected-count');
  }

  reports() {
    return this.board().getByRole('region', { name: 'Reassignments' });
  }

  /** The report of the reassignment whose heading names `target` (the newest first). */
  report(target: string) {
    return this.reports().getByRole('article', { name: new RegExp(`^To ${target}`) }).first();
  }

  dialog() {
    return this.page.getByRole('dialog', { name: /^Reassign \d+ cases?$/ });
  }
}
