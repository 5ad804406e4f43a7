// The minutes (选举结果报告) as an organiser or inspector opens and prints them.

import { t } from '../../../kiosk/shared/i18n.js';

export class MinutesPage {
  constructor(page, url) {
    this.page = page;
    this.url = url;
  }

  async open(congress, { lang } = {}) {
    await this.page.goto(`${this.url}/minutes/${encodeURIComponent(congress)}${lang ? `?lang=${lang}` : ''}`);
  }

  async waitForView(id, timeout = 30000) {
    await this.page.locator(`#${id}`).waitFor({ state: 'visible', timeout });
  }

  async signIn(name, password) {
    await this.page.getByLabel(t('inspect.signIn.name'), { exact: true }).fill(name);
    await this.page.getByLabel(t('inspect.signIn.password'), { exact: true }).fill(password);
    await this.page.getByRole('button', { name: t('inspect.signIn.submit'), exact: true }).click();
  }

  heading() {
    return this.page.locator('#minutes-heading');
  }

  verdict() {
    return this.page.locator('#verdict');
  }

  /** The elected of a body in the order printed: [name]. */
  async elected(contest) {
    return this.page.locator(`#elected tr[data-contest="${contest}"] li span[data-raw]`).allInnerTexts();
  }

  async resultHash() {
    return this.page.locator('#result-hash').getAttribute('data-hash');
  }

  /** The signature lines: [{ role, name }]. */
  async signatureLines() {
    return this.page.locator('.signature-line').evaluateAll((lines) =>
      lines.map((l) => ({ role: l.dataset.role, name: l.querySelector('.signature-name').textContent })),
    );
  }
}
