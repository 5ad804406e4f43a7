// The public results page as a delegate or the higher union uses it, by the names on the screen.

import { t } from '../../../kiosk/shared/i18n.js';

export class ResultsPage {
  constructor(page, url) {
    this.page = page;
    this.url = url;
  }

  async open(congress, { lang } = {}) {
    await this.page.goto(`${this.url}/results/${encodeURIComponent(congress)}${lang ? `?lang=${lang}` : ''}`);
  }

  async waitForView(id, timeout = 10000) {
    await this.page.locator(`#${id}`).waitFor({ state: 'visible', timeout });
  }

  heading() {
    return this.page.locator('[data-view]:not([hidden]) h1');
  }

  /** The elected of a body, as listed: [name]. */
  async elected(contest) {
    return this.page.locator(`#elected tr[data-contest="${contest}"] li span[data-raw]`).allInnerTexts();
  }

  /** One contest's counts in a round: { entitled, present, issued, returned, valid, invalid }. */
  async counts(round, contest) {
    const table = this.page.locator(`.round[data-round="${round}"] table[data-table="counts"][data-contest="${contest}"]`);
    const out = {};
    for (const name of ['entitled', 'present', 'issued', 'returned', 'valid', 'invalid']) {
      out[name] = Number(await table.locator(`[data-count="${name}"]`).innerText());
    }
    return out;
  }

  /** A candidate's votes in a round: { for, against, abstain, elected }. */
  async votes(round, contest, candidate) {
    const row = this.page.locator(`.round[data-round="${round}"] table[data-table="votes"][data-contest="${contest}"] tr[data-candidate="${candidate}"]`);
    return {
      for: Number(await row.locator('[data-votes="for"]').innerText()),
      against: Number(await row.locator('[data-votes="against"]').innerText()),
      abstain: Number(await row.locator('[data-votes="abstain"]').innerText()),
      elected: (await row.getAttribute('data-elected')) === 'true',
    };
  }

  async resultHash() {
    return this.page.locator('#result-hash').getAttribute('data-hash');
  }

  /** The in-browser checks: { name: 'passed' | 'failed' }, once they are done. */
  async browserChecks() {
    await this.page.locator('#browser-checks li[data-check]').first().waitFor();
    const items = await this.page.locator('#browser-checks li[data-check]').evaluateAll((li) => li.map((x) => [x.dataset.check, x.dataset.result]));
    return Object.fromEntries(items);
  }

  async checkReceipt(code) {
    await this.page.getByLabel(t('results.receipt.label'), { exact: true }).fill(code);
    await this.page.getByRole('button', { name: t('results.receipt.submit'), exact: true }).click();
  }

  receiptResult() {
    return this.page.locator('#receipt-result');
  }
}
