// The inspector page as an inspector uses it, by the names on the screen (from the translation
// table, in 简体中文); and the congress the inspector, results and minutes tests share: the API
// tests' courier union, voted through and published over the real API.

import { t } from '../../../kiosk/shared/i18n.js';
import * as congress from '../support/api.mjs';

export class InspectPage {
  constructor(page, url) {
    this.page = page;
    this.url = url;
  }

  async open({ poll = 0.5, congress: id } = {}) {
    const params = new URLSearchParams({ poll: String(poll) });
    if (id) params.set('congress', id);
    await this.page.goto(`${this.url}/inspect?${params}`);
  }

  async waitForView(id, timeout = 10000) {
    await this.page.locator(`#${id}`).waitFor({ state: 'visible', timeout });
  }

  heading() {
    return this.page.locator('[data-view]:not([hidden]) h1');
  }

  async signIn(name, password) {
    await this.page.getByLabel(t('inspect.signIn.name'), { exact: true }).fill(name);
    await this.page.getByLabel(t('inspect.signIn.password'), { exact: true }).fill(password);
    await this.page.getByRole('button', { name: t('inspect.signIn.submit'), exact: true }).click();
  }

  /** The live figures of an electorate: { entitled, present }. */
  async attendance(electorate) {
    const row = this.page.locator(`#turnout tr[data-electorate="${electorate}"]`);
    return {
      entitled: Number(await row.locator('[data-entitled]').innerText()),
      present: Number(await row.locator('[data-present]').innerText()),
    };
  }

  /** Waits until round `number` shows `returned` ballots returned. */
  async waitForReturned(number, returned) {
    await this.page.waitForFunction(
      ([n, r]) => document.querySelector(`#turnout tr[data-round="${n}"] [data-returned]`)?.textContent === String(r),
      [number, returned],
    );
  }

  turnoutState() {
    return this.page.locator('#turnout-state');
  }

  async loadRecord() {
    await this.page.getByRole('button', { name: t('inspect.record.load'), exact: true }).click();
  }

  async verifyFile(path) {
    await this.page.getByLabel(t('inspect.record.file'), { exact: true }).setInputFiles(path);
  }

  verdict() {
    return this.page.locator('#report-verdict');
  }

  /** Waits for a verdict, then gives { kind, text }. */
  async waitForVerdict() {
    await this.page.locator('#report-verdict[data-kind="success"], #report-verdict[data-kind="error"]').waitFor({ timeout: 60000 });
    return { kind: await this.verdict().getAttribute('data-kind'), text: await this.verdict().innerText() };
  }

  /** The checks as listed: [{ code, result }]. */
  async checks() {
    return this.page.locator('#checks tbody tr').evaluateAll((rows) => rows.map((r) => ({ code: r.dataset.code, result: r.dataset.result })));
  }

  async resultHash() {
    return this.page.locator('#result-hash').getAttribute('data-hash');
  }

  async generateKey() {
    await this.page.getByRole('button', { name: t('inspect.sign.generate'), exact: true }).click();
    await this.page.locator('#key-state[data-kind="success"]').waitFor();
  }

  async importKey(path) {
    await this.page.getByLabel(t('inspect.sign.import'), { exact: true }).setInputFiles(path);
  }

  /** Clicks a download link; resolves to the download. */
  async download(key) {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('link', { name: t(key), exact: true }).click(),
    ]);
    return download;
  }

  /** Presses 会签 and confirms in the dialog that asks first. */
  async countersign() {
    await this.openCountersign();
    await this.answerCountersign(true);
  }

  /** Presses 会签; returns the confirmation dialog, open. */
  async openCountersign() {
    await this.page.getByRole('button', { name: t('inspect.sign.submit'), exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: t('inspect.sign.confirmTitle') });
    await dialog.waitFor();
    return dialog;
  }

  /** Answers the open confirmation dialog. */
  async answerCountersign(confirm) {
    const dialog = this.page.getByRole('dialog', { name: t('inspect.sign.confirmTitle') });
    const name = confirm ? t('inspect.sign.confirmYes') : t('inspect.sign.confirmNo');
    await dialog.getByRole('button', { name, exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  signStatus() {
    return this.page.locator('#sign-status');
  }

  // ---- The key ceremony ----

  ceremony() {
    return this.page.locator('#ceremony');
  }

  /** The ceremony's stage as the panel says it (the key of its message). */
  async ceremonyStage() {
    return this.page.locator('#ceremony-stage').getAttribute('data-i18n');
  }

  /** Waits until the panel says `key` (a ceremony.* key). */
  async waitForCeremonyStage(key, timeout = 60000) {
    await this.page.waitForFunction((k) => document.querySelector('#ceremony-stage')?.dataset.i18n === k, key, { timeout });
  }

  /** Each trustee's steps as the table shows them: { trustee: [step done, …] }. */
  async ceremonyProgress() {
    return this.page.locator('#ceremony-progress tbody tr').evaluateAll((rows) =>
      Object.fromEntries(rows.map((r) => [r.dataset.trustee, [...r.querySelectorAll('[data-done="true"]')].map((c) => c.dataset.step)])),
    );
  }

  startButton() {
    return this.page.getByRole('button', { name: t('inspect.ceremony.start'), exact: true });
  }

  async takePart() {
    await this.startButton().click();
  }

  /** Waits for the passphrase form, types the passphrase twice and makes the key file. */
  async choosePassphrase(passphrase, again = passphrase, timeout = 90000) {
    const form = this.page.locator('#ceremony-passphrase');
    await form.waitFor({ state: 'visible', timeout });
    await form.getByLabel(t('inspect.ceremony.passphrase'), { exact: true }).fill(passphrase);
    await form.getByLabel(t('inspect.ceremony.passphraseAgain'), { exact: true }).fill(again);
    await form.getByRole('button', { name: t('inspect.ceremony.write'), exact: true }).click();
  }

  /** Saves the key file once it is offered; resolves to the download. */
  async saveKeyFile(timeout = 30000) {
    const link = this.page.getByRole('link', { name: t('inspect.ceremony.download'), exact: true });
    await link.waitFor({ state: 'visible', timeout });
    const [download] = await Promise.all([this.page.waitForEvent('download'), link.click()]);
    return download;
  }

  ceremonyStatus() {
    return this.page.locator('#ceremony-status');
  }
}

/**
 * The courier union's congress (tests/browser/support/api.mjs), voted through in one round in
 * which every body is filled, and published. 22 delegates present; `voters` of them vote: each
 * for the first seats of each list, one of them writes in a name, one leaves the audit section
 * blank, their ballots sealed in Node; its trustee opens the round. Resolves to
 * { id, round, receipts, shorts, cards, kiosk, published }.
 */
export async function publishedCongress(server, organiser, { voters = 18, publish = true, beforeClose } = {}) {
  const id = await congress.frozenCongress(server, organiser);
  const present = congress.DELEGATES.slice(0, 22);
  const women = present.filter((d) => d.gender === 'female').length;
  const men = present.length - women;
  const cards = {
    female: await congress.printCards(organiser, id, 'female', women),
    general: await congress.printCards(organiser, id, 'general', men),
  };
  await congress.checkIn(organiser, id, present.map((d) => d.number));
  await congress.activate(organiser, id, [...cards.female, ...cards.general].map((c) => c.code));
  const kiosk = new congress.Client(server.url);
  await kiosk.expect(201, 'POST', '/kiosk/pairing', { code: await congress.pairingCode(organiser, id, '一号投票台') });
  const round = await congress.openRound(organiser, id, ['committee', 'audit', 'women']);
  const receipts = [];
  /** The short receipts, in the order of `receipts`. */
  const shorts = [];
  const voting = [...cards.female.slice(0, Math.ceil(voters / 2)), ...cards.general.slice(0, Math.floor(voters / 2))];
  for (const [i, card] of voting.entries()) {
    const cast = await congress.castSealed(kiosk, card.code, (ballot) => {
      const marks = {};
      for (const contest of ballot.contests) {
        const chosen = i === 3 && contest.id === 'audit' ? [] : contest.candidates.slice(0, contest.seats).map((c) => c.id);
        const against = contest.candidates.slice(contest.seats, contest.seats + 1).map((c) => c.id);
        const writeIns = i === 5 && contest.id === 'committee' ? ['李四'] : [];
        marks[contest.id] = { for: writeIns.length ? chosen.slice(0, -1) : chosen, against: i % 2 === 0 ? against : [], write_ins: writeIns };
      }
      return marks;
    });
    receipts.push(cast.receipt);
    shorts.push(cast.short);
  }
  if (beforeClose) await beforeClose({ id, round, receipts });
  await congress.closeRound(organiser, id, round);
  let published = null;
  if (publish) published = await organiser.expect(201, 'POST', `/congresses/${id}/publication`);
  return { id, round, receipts, shorts, cards, kiosk, published };
}
