// The hall display and closing a round knowing what is still open, in real Chromium: the
// projector page through a congress (attendance and the quorum → a round open with issued and
// returned and never a vote → the count after closing → the result hash and its QR after
// publication), at 1920×1080 and 1280×720; the organiser's close dialog with a kiosk (driven in
// another browser context) holding a ballot on screen, issued against returned, and the second
// confirmation naming that kiosk; and the minutes with the round's open and close times.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { t } from '../../kiosk/shared/i18n.js';
import * as congress from './support/api.mjs';
import { checkpoint, launchBrowser, newPage, screenshot } from './support/browser.mjs';
import { PASSWORD, startServer } from './support/server.mjs';
import { ConsolePage } from './pages/console-page.mjs';
import { KioskPage } from './pages/kiosk-page.mjs';
import { MinutesPage } from './pages/minutes-page.mjs';

const SUITE = 'hall';

let server;
let browser;
let organiser;
let id;
let cards;
let apiKiosk;
let hallPage;
let small;

const present = congress.DELEGATES.slice(0, 22);
const choose = { committee: ['D002', 'D003', 'D004', 'D006', 'D008', 'D010', 'D001'], audit: ['D012', 'D016', 'D017'], women: ['D001', 'D007', 'D009', 'D011', 'D013'] };

/** Casts a sealed ballot for `card` with the marks of `choose`. */
async function cast(card) {
  await congress.castSealed(apiKiosk, card, (ballot) => Object.fromEntries(ballot.contests.map((contest) => [contest.id, { for: choose[contest.id] }])));
}

/** The figure shown under a label in a panel of the hall. */
async function figure(page, panel, name) {
  return Number(await page.locator(`${panel} [data-${name}] dd`).innerText());
}

before(async () => {
  server = await startServer(SUITE);
  organiser = await congress.signedIn(server.url, 'organiser', PASSWORD);
  id = await congress.frozenCongress(server, organiser);
  const women = present.filter((d) => d.gender === 'female').length;
  cards = {
    female: await congress.printCards(organiser, id, 'female', women),
    general: await congress.printCards(organiser, id, 'general', present.length - women),
  };
  apiKiosk = new congress.Client(server.url);
  await apiKiosk.expect(201, 'POST', '/kiosk/pairing', { code: await congress.pairingCode(organiser, id, '一号投票台') });
  browser = await launchBrowser();
  hallPage = await newPage(browser, { suite: SUITE, viewport: { width: 1920, height: 1080 } });
  small = await newPage(browser, { suite: SUITE, viewport: { width: 1280, height: 720 } });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Key figures are at least 5 % of the viewport's height. The hall redraws as it polls, so the
 * figure is measured in the page as it stands, once it is laid out. */
async function assertLarge(page, selector) {
  const measured = await page.waitForFunction((s) => {
    const size = parseFloat(getComputedStyle(document.querySelector(s) ?? document.body).fontSize);
    return document.querySelector(s)?.isConnected && size > 0 ? { ratio: size / window.innerHeight } : null;
  }, selector);
  const { ratio } = await measured.jsonValue();
  assert.ok(ratio >= 0.05, `${selector} is ${(ratio * 100).toFixed(1)} % of the viewport's height`);
}

test('before voting the hall shows attendance per electorate and whether the quorum holds', async () => {
  for (const page of [hallPage, small]) await page.goto(`${server.url}/hall/${id}?poll=0.3&rotate=600`);
  const all = '[data-electorate="all"]';
  await hallPage.locator(all).waitFor();
  assert.equal(await hallPage.locator('#hall-heading').innerText(), t('hall.attendance.heading'));
  assert.equal(await figure(hallPage, all, 'entitled'), 29);
  assert.equal(await figure(hallPage, all, 'present'), 0);
  assert.equal(await hallPage.locator(`${all} .hall-quorum`).getAttribute('data-met'), 'false');

  await congress.checkIn(organiser, id, present.map((d) => d.number));
  await congress.activate(organiser, id, [...cards.female, ...cards.general].map((c) => c.code));
  // It updates by itself.
  await hallPage.waitForFunction(() => document.querySelector('[data-electorate="all"] [data-present] dd')?.textContent === '22');
  assert.equal(await hallPage.locator(`${all} .hall-quorum`).innerText(), t('hall.quorum.met', { required: 20, missing: 0 }));
  assert.equal(await figure(hallPage, '[data-electorate="female"]', 'present'), present.filter((d) => d.gender === 'female').length);
  await assertLarge(hallPage, `${all} [data-present] dd`);
  await assertLarge(small, `${all} [data-present] dd`);
  await checkpoint(hallPage, 'attendance-1920');
  await small.waitForFunction(() => document.querySelector('[data-electorate="all"] [data-present] dd')?.textContent === '22');
  await checkpoint(small, 'attendance-1280');
});

test('while a round is open the hall shows issued and returned, and never a vote', async () => {
  const round = await congress.openRound(organiser, id, ['committee', 'audit', 'women']);
  assert.equal(round, 1);
  await hallPage.locator('[data-ballots]').waitFor();
  for (const card of cards.general.slice(0, 6)) await cast(card.code);
  for (const card of cards.female.slice(0, 4)) await cast(card.code);
  await hallPage.waitForFunction(() => document.querySelector('[data-contest="committee"] [data-returned] dd')?.textContent === '10');
  assert.equal(await hallPage.locator('#hall-heading').innerText(), t('hall.voting.heading', { number: 1, sitting: { key: 'results.sitting.congress' } }));
  assert.equal(await figure(hallPage, '[data-contest="committee"]', 'issued'), 22);
  assert.equal(await figure(hallPage, '[data-contest="women"]', 'returned'), 4);
  // No candidate's vote, nor a candidate's name, is anywhere on the page while the round is open.
  assert.equal(await hallPage.locator('[data-votes], [data-person], [data-result-contest]').count(), 0);
  const text = await hallPage.locator('body').innerText();
  for (const name of ['李强', '张伟', '王芳']) assert.ok(!text.includes(name), `${name} does not appear while voting`);
  assert.ok(!text.includes(t('hall.votes', { votes: 10 }).replace('10', '')), 'no vote figure');
  await assertLarge(hallPage, '[data-contest="committee"] [data-returned] dd');
  await checkpoint(hallPage, 'voting-1920');
  await small.waitForFunction(() => document.querySelector('[data-contest="committee"] [data-returned] dd')?.textContent === '10');
  assert.equal(await small.locator('[data-votes]').count(), 0);
  await assertLarge(small, '[data-contest="committee"] [data-returned] dd');
  await checkpoint(small, 'voting-1280');
});

test('closing over a ballot on a kiosk screen shows issued against returned and asks twice, naming the kiosk', async () => {
  // A second kiosk, in its own browser context, with a delegate's ballot on screen.
  const kioskPage = await newPage(browser, { suite: SUITE, viewport: { width: 1366, height: 900 } });
  const kiosk = new KioskPage(kioskPage, server.url);
  await kioskPage.goto(`${server.url}/kiosk?poll=0.3&retry=0.2&beat=0.3`);
  await kiosk.waitForView('view-enrol');
  await kiosk.enrol(await congress.pairingCode(organiser, id, '二号投票台'));
  await kiosk.waitForView('view-card');
  await kiosk.enterCard(cards.general[6].code);
  await kiosk.waitForView('view-ballot');
  await screenshot(kioskPage, 'kiosk-ballot-on-screen');

  const page = await newPage(browser, { suite: SUITE });
  const consolePage = new ConsolePage(page, server.url);
  await consolePage.open({ query: `&congress=${encodeURIComponent(id)}` });
  await consolePage.signIn('organiser', PASSWORD);
  await consolePage.section('rounds');
  await page.locator('#open-round').waitFor({ state: 'visible' });
  // The heartbeat has reached the server.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await consolePage.button('console.rounds.close').click();
  const dialog = page.locator('#confirm-dialog');
  await dialog.getByText(t('console.rounds.closeBody', { returned: 10 })).waitFor();
  const row = (contest) => dialog.locator(`[data-table="close-ballots"] tr[data-contest="${contest}"]`);
  assert.equal(await row('committee').locator('[data-issued]').innerText(), '22');
  assert.equal(await row('committee').locator('[data-returned]').innerText(), '10');
  assert.equal(await row('committee').locator('[data-outstanding]').innerText(), '12');
  assert.equal(await row('women').locator('[data-returned]').innerText(), '4');
  await dialog.locator('[data-outstanding].message').waitFor();
  assert.equal(await dialog.locator('[data-state="voting"]').innerText().then((s) => s.includes('二号投票台')), true);
  assert.equal(await dialog.locator('[data-state="idle"], [data-state="offline"]').count(), 1, 'the API kiosk beats not: it is offline');
  await dialog.getByText(t('console.rounds.closeVotingWarning', { names: '二号投票台', count: 1 })).waitFor();
  await checkpoint(page, 'close-dialog');

  // The first confirmation leads to a second, which names the kiosk; cancelling it keeps the round open.
  await dialog.locator('#confirm-yes').click();
  await dialog.getByText(t('console.rounds.closeVotingBody', { names: '二号投票台', count: 1 })).waitFor();
  assert.equal(await page.locator('#confirm-title').innerText(), t('console.rounds.closeVotingTitle', { count: 1 }));
  assert.equal(await page.locator('#confirm-yes').innerText(), t('console.rounds.closeVotingConfirm'));
  await checkpoint(page, 'close-second-confirmation');
  await dialog.locator('#confirm-no').click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal((await organiser.expect(200, 'GET', `/congresses/${id}/rounds/1`)).open, true, 'still open');

  // The delegate casts; the kiosk goes idle and closing asks once.
  await kioskPage.evaluate(() => document.querySelector('[data-cancel]')?.click());
  await kioskPage.locator('#cancel-yes').click();
  await kiosk.waitForView('view-card');
  for (const card of [...cards.general.slice(6, 12), ...cards.female.slice(4, 8)]) await cast(card.code);
  await page.waitForFunction(() => document.querySelector('#open-round-summary')?.dataset.returned === '20');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await consolePage.button('console.rounds.close').click();
  await dialog.getByText(t('console.rounds.closeBody', { returned: 20 })).waitFor();
  assert.equal(await dialog.locator('[data-state="voting"]').count(), 0);
  assert.equal(await dialog.locator('[data-state="idle"]').count(), 1);
  await dialog.locator('#confirm-yes').click();
  // Closed, the round has its result once its trustee has opened it; the console shows it
  // when its rounds are shown again.
  await page.locator('#open-round').waitFor({ state: 'hidden' });
  await congress.trusteeOpens(organiser, id, 1);
  await consolePage.section('rounds');
  await page.locator('#latest-result [data-result-contest="committee"]').waitFor();
  await kioskPage.context().close();
  await page.context().close();
});

test('after closing the hall shows the count of each contest as the rules made it', async () => {
  await hallPage.locator('[data-result-contest="committee"]').waitFor({ state: 'attached' });
  assert.equal(await hallPage.locator('#hall-heading').innerText(), t('hall.counted.heading', { number: 1, sitting: { key: 'results.sitting.congress' } }));
  // One screen at a time: the arrow keys turn them.
  for (const contest of ['committee', 'audit', 'women']) {
    const panel = hallPage.locator(`[data-result-contest="${contest}"]`);
    for (let i = 0; i < 4 && !(await panel.isVisible()); i += 1) await hallPage.keyboard.press('ArrowRight');
    assert.ok(await panel.isVisible(), contest);
    const first = panel.locator(`[data-person="${choose[contest][0]}"]`);
    assert.equal(await first.getAttribute('data-elected'), 'true');
    assert.equal(await first.locator('[data-votes]').getAttribute('data-votes'), contest === 'women' ? '8' : '20');
    assert.equal(await first.locator('[data-votes]').innerText(), t('hall.votes', { votes: contest === 'women' ? 8 : 20 }));
    await checkpoint(hallPage, `counted-${contest}`);
  }
  await assertLarge(hallPage, '[data-result-contest] [data-returned] dd');
});

test('after publication the hall shows the result hash and its QR code', async () => {
  // Every body is filled in the first round: the result can be published.
  const result = await organiser.expect(201, 'POST', `/congresses/${id}/publication`);
  await hallPage.locator('#hall-hash').waitFor({ state: 'attached', timeout: 15000 });
  assert.equal(await hallPage.locator('#hall-heading').innerText(), t('hall.published.heading'));
  for (let i = 0; i < 6 && !(await hallPage.locator('#hall-hash').isVisible()); i += 1) await hallPage.keyboard.press('ArrowRight');
  assert.equal(await hallPage.locator('#hall-hash').innerText(), result.grouped);
  const qr = hallPage.locator('.hall-qr');
  await hallPage.waitForFunction(() => document.querySelector('.hall-qr')?.naturalWidth > 0);
  assert.equal(await qr.getAttribute('alt'), t('results.qrAlt'));
  await assertLarge(hallPage, '#hall-hash');
  await checkpoint(hallPage, 'published-1920');
  await small.locator('#hall-hash').waitFor({ state: 'attached', timeout: 15000 });
  for (let i = 0; i < 6 && !(await small.locator('#hall-hash').isVisible()); i += 1) await small.keyboard.press('ArrowRight');
  await checkpoint(small, 'published-1280');
  // The language switch: English, and back.
  await hallPage.getByRole('button', { name: t('language.en'), exact: true }).click();
  await hallPage.locator('#hall-heading').filter({ hasText: 'The result is published' }).waitFor();
  await checkpoint(hallPage, 'published-en');
});

test('the minutes show each round’s open and close times, to the minute', async () => {
  const page = await newPage(browser, { suite: SUITE });
  const minutes = new MinutesPage(page, server.url);
  await minutes.open(id);
  await minutes.waitForView('view-signin');
  await minutes.signIn('organiser', PASSWORD);
  await minutes.waitForView('view-minutes');
  const rounds = await organiser.expect(200, 'GET', `/congresses/${id}/rounds`);
  const line = page.locator('[data-round="1"] .round-times');
  await line.waitFor();
  const opened = await line.getAttribute('data-opened');
  const closed = await line.getAttribute('data-closed');
  assert.match(opened, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  const local = (ms) => {
    const d = new Date(ms);
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
  };
  assert.equal(opened, local(rounds[0].opened_at));
  assert.equal(closed, local(rounds[0].closed_at));
  assert.equal(await line.innerText(), t('minutes.roundTimes', { opened, closed }));
  await checkpoint(page, 'minutes-times');
});
