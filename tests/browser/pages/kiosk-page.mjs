// The kiosk as a delegate and a steward use it: by the names on the screen, which come from the
// translation table (so these page objects follow the page's words, in 简体中文).

import { t } from '../../../kiosk/shared/i18n.js';

export class KioskPage {
  /** `page` is a Playwright page; `url` the server's address. */
  constructor(page, url) {
    this.page = page;
    this.url = url;
  }

  /** Opens /kiosk; idle and poll in seconds. */
  async open({ idle, poll = 0.3, retry = 0.2 } = {}) {
    const params = new URLSearchParams({ poll: String(poll), retry: String(retry) });
    if (idle) params.set('idle', String(idle));
    await this.page.goto(`${this.url}/kiosk?${params}`);
  }

  /** Waits until the view with this id (view-card, view-ballot…) is the one shown. */
  async waitForView(id, timeout = 10000) {
    await this.page.locator(`#${id}`).waitFor({ state: 'visible', timeout });
  }

  async currentView() {
    return this.page.evaluate(() => document.querySelector('[data-view]:not([hidden])')?.id);
  }

  heading() {
    return this.page.locator('[data-view]:not([hidden]) h1');
  }

  async enrol(code) {
    await this.page.getByLabel(t('kiosk.enrol.label'), { exact: true }).fill(code);
    await this.page.getByRole('button', { name: t('kiosk.enrol.submit'), exact: true }).click();
  }

  enrolError() {
    return this.page.locator('#enrol-error');
  }

  cardInput() {
    return this.page.getByLabel(t('kiosk.card.label'), { exact: true });
  }

  /** Types (or scans: a scanner types too) a card and asks for the ballot. */
  async enterCard(code) {
    await this.cardInput().fill(code);
    await this.page.getByRole('button', { name: t('kiosk.card.submit'), exact: true }).click();
  }

  cardError() {
    return this.page.locator('#card-error');
  }

  /** The fieldset of a candidate, found by name. */
  candidate(name) {
    return this.page.getByRole('group', { name: new RegExp(`^${name}`) });
  }

  /** Marks a candidate for, against or abstain. */
  async mark(name, mark) {
    await this.candidate(name).getByRole('radio', { name: t(`kiosk.mark.${mark}`), exact: true }).check();
  }

  radio(name, mark) {
    return this.candidate(name).getByRole('radio', { name: t(`kiosk.mark.${mark}`), exact: true });
  }

  async writeIn(n, name) {
    await this.page.getByLabel(t('kiosk.writeIn.label', { n }), { exact: true }).fill(name);
  }

  async addWriteInLine() {
    await this.page.getByRole('button', { name: t('kiosk.writeIn.add'), exact: true }).click();
  }

  /** The refusal shown under a candidate's marks. */
  candidateError(name) {
    return this.candidate(name).locator('.candidate-error');
  }

  contestError() {
    return this.page.locator('#contest-error');
  }

  contestTitle() {
    return this.page.locator('#contest-heading');
  }

  /** Presses the contest's forward button (下一项, or 核对选票 on the last). */
  async next() {
    await this.page.locator('#next').click();
  }

  /** Candidate names in the order the ballot shows them. */
  async candidateNames() {
    return this.page.locator('.candidate-name').allTextContents();
  }

  reviewContest(title) {
    return this.page.getByRole('region', { name: title });
  }

  async edit(title) {
    await this.page.getByRole('button', { name: t('kiosk.review.edit', { title }), exact: true }).click();
  }

  /**
   * Casts the reviewed ballot as a sealed congress does: seals it (加密选票), waits for its
   * tracker, then presses 投入票箱; resolves to the tracker.
   */
  async cast() {
    const tracker = await this.seal();
    await this.castSealed();
    return tracker;
  }

  async receipt() {
    const code = this.page.locator('#receipt-code');
    await code.waitFor({ state: 'visible' });
    return { hex: await code.getAttribute('data-receipt'), shown: (await code.innerText()).replace(/\s+/g, ' ').trim() };
  }

  async done() {
    await this.page.getByRole('button', { name: t('kiosk.receipt.done'), exact: true }).click();
  }

  async cancelBallot() {
    await this.page.locator('[data-view]:not([hidden])').getByRole('button', { name: t('kiosk.cancel.open'), exact: true }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: t('kiosk.cancel.yes'), exact: true }).click();
  }

  castingError() {
    return this.page.locator('#casting-error');
  }

  // ---- A sealed congress ----

  /** Presses 加密选票 on the review and waits for the tracker; resolves to it, XXXX-XXXX-XXXX. */
  async seal() {
    await this.page.getByRole('button', { name: t('kiosk.review.seal'), exact: true }).click();
    return this.tracker();
  }

  /** The tracker the sealed view shows, once it shows. */
  async tracker() {
    await this.waitForView('view-sealed', 30000);
    return this.page.locator('#sealed-tracker').getAttribute('data-code');
  }

  /** 投入票箱. */
  async castSealed() {
    await this.page.getByRole('button', { name: t('kiosk.sealed.cast'), exact: true }).click();
  }

  /** 检验此票. */
  async challenge() {
    await this.page.getByRole('button', { name: t('kiosk.sealed.challenge'), exact: true }).click();
  }

  /**
   * What the challenged view shows the ballot revealed, by contest id:
   * { marks: { candidate id: for|against|abstain|none }, writeIns: [names] }.
   */
  async revealed() {
    await this.waitForView('view-challenged', 20000);
    return this.page.locator('#challenged-contests [data-contest]').evaluateAll((sections) =>
      Object.fromEntries(
        sections.map((section) => [
          section.dataset.contest,
          {
            marks: Object.fromEntries([...section.querySelectorAll('tr[data-candidate]')].map((row) => [row.dataset.candidate, row.dataset.mark])),
            writeIns: section.querySelector('[data-write-ins]')?.textContent.split('、') ?? [],
          },
        ]),
      ),
    );
  }

  /** 重新投票, after a challenge: back to the review with the marks kept. */
  async voteAfresh() {
    await this.page.getByRole('button', { name: t('kiosk.challenged.again'), exact: true }).click();
    await this.waitForView('view-review');
  }
}
