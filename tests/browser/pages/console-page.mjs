// The organiser console as an organiser uses it, by the names on the screen (from the
// translation table, in 简体中文): labels, buttons, headings.

import { t } from '../../../kiosk/shared/i18n.js';

export class ConsolePage {
  /** `page` is a Playwright page; `url` the server's address. */
  constructor(page, url) {
    this.page = page;
    this.url = url;
  }

  async open({ poll = 0.5, query = '' } = {}) {
    await this.page.goto(`${this.url}/console?poll=${poll}${query}`);
  }

  async waitForView(id, timeout = 10000) {
    await this.page.locator(`#${id}`).waitFor({ state: 'visible', timeout });
  }

  /** The view shown now. */
  view(id) {
    return this.page.locator(`#${id}`);
  }

  heading() {
    return this.page.locator('[data-view]:not([hidden]) h1');
  }

  button(key, params, scope = this.page) {
    return scope.getByRole('button', { name: t(key, params), exact: true });
  }

  field(key, params, scope = this.page) {
    return scope.getByLabel(t(key, params), { exact: true });
  }

  async signIn(name, password) {
    const form = this.page.locator('#signin-form');
    await this.field('console.signIn.name', undefined, form).fill(name);
    await this.field('console.signIn.password', undefined, form).fill(password);
    await this.button('console.signIn.submit').click();
  }

  /** Opens a section of the congress by its button in the navigation. */
  async section(name) {
    await this.page.locator('#congress-nav').getByRole('button', { name: t(`console.nav.${name}`), exact: true }).click();
    await this.waitForView(`view-${name}`);
    await this.page.waitForFunction(
      (n) => document.querySelector(`#congress-nav [data-section="${n}"]`)?.getAttribute('aria-current') === 'page',
      name,
    );
  }

  /** Fills the new-congress form; `profile` picks the rule profile's options by value. */
  async fillCongress(info, profile = {}) {
    const form = this.page.locator('#view-congresses');
    await this.field('console.congress.name', undefined, form).fill(info.name);
    await this.field('console.congress.union', undefined, form).fill(info.union_name);
    await this.field('console.congress.date', undefined, form).fill(info.date);
    await this.field('console.congress.venue', undefined, form).fill(info.venue);
    await this.field('console.congress.members', undefined, form).fill(String(info.members));
    await this.field('console.congress.female', undefined, form).fill(String(info.female_members ?? ''));
    for (const [setting, value] of Object.entries(profile)) {
      await form.getByLabel(t(`console.profile.${setting}.${value}`), { exact: true }).check();
    }
  }

  /** Chooses a file for the roster and imports it. */
  async importRoster(name, buffer) {
    await this.field('console.roster.file').setInputFiles({ name, mimeType: 'text/csv', buffer });
    await this.button('console.roster.importSubmit').click();
  }

  /** Answers the confirmation dialog: yes (its confirm button) or no. */
  async confirm(yes = true) {
    const dialog = this.page.locator('#confirm-dialog');
    await dialog.waitFor({ state: 'visible' });
    await dialog.locator(yes ? '#confirm-yes' : '#confirm-no').click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** Sets a contest up through the form: kind, seats, candidates by number. */
  async addContest({ kind, seats, candidates, electorate, id }) {
    const form = this.page.locator('#contest-form');
    await this.field('console.contests.kind', undefined, form).selectOption(kind);
    if (id) await this.field('console.contests.id', undefined, form).fill(id);
    await this.field('console.contests.seats', undefined, form).fill(String(seats));
    if (electorate) await form.locator(`#contest-electorate-${electorate}`).check();
    const filter = this.field('console.contests.candidateFilter', undefined, form);
    for (const number of candidates) {
      await filter.fill(number);
      await form.locator(`#candidate-${number}`).check();
    }
    await filter.fill('');
    await this.button('console.contests.save').click();
  }

  /** The codes on the card sheet, in order. */
  async sheetCodes() {
    return this.page.locator('#card-sheet [data-code]').allInnerTexts();
  }
}
