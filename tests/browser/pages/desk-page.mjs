// The check-in desk as a desk clerk uses it, by the names on the screen (from the translation
// table, in 简体中文).

import { t } from '../../../kiosk/shared/i18n.js';

export class DeskPage {
  constructor(page, url) {
    this.page = page;
    this.url = url;
  }

  async open({ poll = 0.5 } = {}) {
    await this.page.goto(`${this.url}/desk?poll=${poll}`);
  }

  async waitForView(id, timeout = 10000) {
    await this.page.locator(`#${id}`).waitFor({ state: 'visible', timeout });
  }

  heading() {
    return this.page.locator('[data-view]:not([hidden]) h1');
  }

  async signIn(name, password) {
    await this.page.getByLabel(t('desk.signIn.name'), { exact: true }).fill(name);
    await this.page.getByLabel(t('desk.signIn.password'), { exact: true }).fill(password);
    await this.page.getByRole('button', { name: t('desk.signIn.submit'), exact: true }).click();
  }

  signInError() {
    return this.page.locator('#signin-error');
  }

  async find(text) {
    await this.page.getByLabel(t('desk.find.label'), { exact: true }).fill(text);
  }

  row(number) {
    return this.page.locator(`#find-results tr[data-number="${number}"]`);
  }

  async checkIn(name, number) {
    await this.page.getByRole('button', { name: t('desk.checkInLabel', { name, number }), exact: true }).click();
  }

  async undo(name, number) {
    await this.page.getByRole('button', { name: t('desk.undoLabel', { name, number }), exact: true }).click();
  }

  checkInStatus() {
    return this.page.locator('#checkin-status');
  }

  checkInError() {
    return this.page.locator('#checkin-error');
  }

  async activate(code) {
    await this.page.getByLabel(t('desk.activate.label'), { exact: true }).fill(code);
    await this.page.getByRole('button', { name: t('desk.activate.submit'), exact: true }).click();
  }

  activateStatus() {
    return this.page.locator('#activate-status');
  }

  activateError() {
    return this.page.locator('#activate-error');
  }

  /** The live figure of an electorate (all, female): { entitled, present }. */
  async attendance(electorate) {
    const row = this.page.locator(`#attendance tr[data-electorate="${electorate}"]`);
    return {
      entitled: Number(await row.locator('[data-entitled]').innerText()),
      present: Number(await row.locator('[data-present]').innerText()),
    };
  }

  /** Cards of a style issued, as the live figures show. */
  async issued(style) {
    return Number(await this.page.locator(`#attendance tr[data-style="${style}"] [data-issued]`).innerText());
  }

  /** Waits until the live figures say `present` for `electorate`. */
  async waitForPresent(electorate, present) {
    await this.page.waitForFunction(
      ([e, p]) => document.querySelector(`#attendance tr[data-electorate="${e}"] [data-present]`)?.textContent === String(p),
      [electorate, present],
    );
  }

  async plenaryCheckIn(name, number) {
    await this.page.getByRole('button', { name: t('desk.plenary.checkInLabel', { name, number }), exact: true }).click();
  }
}
