// The check-in desk in real Chromium, as a desk clerk uses it, against a real server.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { t, translate } from '../../kiosk/shared/i18n.js';
import * as congress from './support/api.mjs';
import { checkpoint, launchBrowser, newPage } from './support/browser.mjs';
import { withTypo } from './support/record.mjs';
import { PASSWORD, startServer } from './support/server.mjs';
import { ConsolePage } from './pages/console-page.mjs';
import { DeskPage } from './pages/desk-page.mjs';

const SUITE = 'desk';
const NAME = '江城市快递员工会成立大会';

let server;
let browser;
let organiser;
let id;
let page;
let desk;
const cards = {};

before(async () => {
  server = await startServer(SUITE);
  server.addUser('desk', 'desk1');
  server.addUser('inspector', 'inspector1');
  organiser = await congress.signedIn(server.url, 'organiser', PASSWORD);
  id = await congress.frozenCongress(server, organiser);
  cards.general = await congress.printCards(organiser, id, 'general', 12);
  cards.female = await congress.printCards(organiser, id, 'female', 10);
  browser = await launchBrowser();
  page = await newPage(browser, { suite: SUITE });
  desk = new DeskPage(page, server.url);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the desk refuses a wrong password and an account that may not work it', async () => {
  await desk.open();
  await desk.waitForView('view-signin');
  await checkpoint(page, 'sign-in');

  await desk.signIn('desk1', 'not the password');
  await desk.signInError().waitFor({ state: 'visible' });
  assert.equal(await desk.signInError().innerText(), t('error.wrong_password'));
  await checkpoint(page, 'sign-in-refused');

  await desk.signIn('inspector1', PASSWORD);
  await page.locator('#page-error').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#page-error').innerText(), t('desk.wrongRole', { role: { key: 'role.inspector' } }));
  await checkpoint(page, 'wrong-role');
  await page.getByRole('button', { name: t('desk.signOut'), exact: true }).click();
  await desk.waitForView('view-signin');

  // The only congress is chosen at once.
  await desk.signIn('desk1', PASSWORD);
  await desk.waitForView('view-desk');
  assert.equal(await desk.heading().innerText(), t('desk.heading', { name: NAME }));
  assert.deepEqual(await desk.attendance('all'), { entitled: 29, present: 0 });
  assert.match(page.url(), new RegExp(`congress=${id}`));
  await checkpoint(page, 'desk');
});

test('a delegate is found by name or number and checked in, and the live figures follow', async () => {
  await desk.find('王芳');
  await desk.row('D001').waitFor();
  await checkpoint(page, 'found-by-name');
  await desk.checkIn('王芳', 'D001');
  await desk.checkInStatus().waitFor({ state: 'visible' });
  assert.equal(
    await desk.checkInStatus().innerText(),
    t('desk.checkedIn', { name: '王芳', number: 'D001', style: { key: 'style.female' } }),
  );
  assert.equal(await page.evaluate(() => document.activeElement.id), 'activate-input', 'next: the card');
  await desk.waitForPresent('all', 1);
  assert.deepEqual(await desk.attendance('female'), { entitled: 12, present: 1 });
  assert.equal(await desk.row('D001').getAttribute('data-present'), 'true');
  await checkpoint(page, 'checked-in');

  await desk.find('d002');
  await desk.checkIn('李强', 'D002');
  await page.getByText(t('desk.checkedIn', { name: '李强', number: 'D002', style: { key: 'style.general' } })).waitFor();
  await desk.waitForPresent('all', 2);

  await desk.find('D030');
  await desk.checkIn('邓超', 'D030');
  await page.getByText(t('desk.checkedInNoVote', { name: '邓超', number: 'D030' })).waitFor();

  await desk.find('不在名册');
  assert.equal(await page.locator('[data-no-results]').innerText(), t('desk.find.none', { query: '不在名册' }));
});

test('a card is activated, a typo is caught before any request, and refusals are clear', async () => {
  let requests = 0;
  const count = (request) => {
    if (request.url().endsWith('/activations')) requests += 1;
  };
  page.on('request', count);
  await desk.activate(withTypo(cards.female[0].code));
  assert.equal(await desk.activateError().innerText(), t('card.check'));
  await desk.activate('ABCD-EFGH');
  assert.equal(await desk.activateError().innerText(), t('card.length', { length: 8 }));
  assert.equal(requests, 0, 'nothing was sent for a mistyped code');
  await checkpoint(page, 'activate-typo');

  await desk.activate(cards.female[0].code);
  await desk.activateStatus().waitFor({ state: 'visible' });
  assert.equal(
    await desk.activateStatus().innerText(),
    t('desk.activated', { style: { key: 'style.female' }, issued: 1, limit: 1 }),
  );
  await page.waitForFunction(() => document.querySelector('#attendance tr[data-style="female"] [data-issued]')?.textContent === '1');
  await checkpoint(page, 'activated');

  const refusals = [
    [cards.female[0].code, 'error.card_active', 'card-active'],
    [cards.female[1].code, 'error.style_full', 'style-full'],
  ];
  for (const [card, key, name] of refusals) {
    await desk.activate(card);
    await page.getByText(t(key)).waitFor();
    assert.equal(await desk.activateError().innerText(), t(key));
    await checkpoint(page, name);
  }
  // A scanned QR payload works as well as a typed code.
  await desk.activate(cards.general[0].qr);
  await page.getByText(t('desk.activated', { style: { key: 'style.general' }, issued: 1, limit: 1 })).waitFor();
  assert.equal(requests, 4, "one request for each code that reads right");

  // A woman checks in: the desk shows the card she takes, with its band and large mark.
  const woman = congress.DELEGATES.find((d) => d.number === 'D007');
  const her = { name: woman.name, number: woman.number };
  await desk.find('D007');
  await desk.checkIn(her.name, her.number);
  const badge = page.locator('#checkin-style [data-card-style="female"]');
  await badge.waitFor();
  assert.equal(await badge.locator('.style-mark').innerText(), t('styleMark.female'));
  const markColour = await badge.locator('.style-mark').evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(markColour, 'rgba(0, 0, 0, 0)', 'the mark has the style’s colour');
  await checkpoint(page, 'hand-female-card');
  // A scanned general card is refused before any request, saying which card she needs.
  await desk.activate(cards.general[1].qr);
  const wrongForHer = t('desk.wrongStyle', { ...her, card: { key: 'style.general' }, needed: { key: 'style.female' } });
  assert.equal(await desk.activateError().innerText(), wrongForHer);
  assert.equal(requests, 4, 'a scanned card of the wrong style is refused here');
  await checkpoint(page, 'wrong-style-scanned');
  await desk.undo(her.name, her.number);
  await page.getByText(t('desk.undone', her)).waitFor();
  assert.equal(await page.locator('#checkin-style').isHidden(), true);

  // A man checks in; a typed women's card (every woman present has one) is refused by the
  // server, and the desk says which card he takes.
  const man = congress.DELEGATES.find((d) => d.number === 'D004');
  const him = { name: man.name, number: man.number };
  await desk.find('D004');
  await desk.checkIn(him.name, him.number);
  await page.locator('#checkin-style [data-card-style="general"]').waitFor();
  assert.equal(await page.locator('#checkin-style .style-mark').count(), 0, 'the general card has no mark');
  await desk.activate(cards.female[1].code);
  const wrongForHim = t('desk.wrongStyle', { ...him, card: { key: 'style.female' }, needed: { key: 'style.general' } });
  await page.getByText(wrongForHim).waitFor();
  assert.equal(requests, 5);
  await checkpoint(page, 'wrong-style-refused');
  page.off('request', count);
});

test('an undo is refused while the delegate holds an active card, and works otherwise', async () => {
  await desk.find('王芳');
  await desk.undo('王芳', 'D001');
  await desk.checkInError().waitFor({ state: 'visible' });
  assert.equal(await desk.checkInError().innerText(), t('error.card_issued'));
  await checkpoint(page, 'undo-refused');

  await desk.find('张伟');
  await desk.checkIn('张伟', 'D003');
  await page.getByText(t('desk.checkedIn', { name: '张伟', number: 'D003', style: { key: 'style.general' } })).waitFor();
  await desk.undo('张伟', 'D003');
  await page.getByText(t('desk.undone', { name: '张伟', number: 'D003' })).waitFor();
  assert.equal(await desk.row('D003').getAttribute('data-present'), 'false');
  await checkpoint(page, 'undone');
});

test('members of the new committee check in for its plenary once it is elected', async () => {
  // 22 present (10 women, 12 men), each with a card; 16 of them elect the first seven listed.
  const present = congress.DELEGATES.slice(0, 22);
  await congress.checkIn(organiser, id, present.map((d) => d.number));
  const women = present.filter((d) => d.gender === 'female').length;
  const men = present.length - women;
  await congress.activate(organiser, id, cards.female.slice(1, women).map((c) => c.code));
  await congress.activate(organiser, id, cards.general.slice(1, men).map((c) => c.code));
  const kiosk = new congress.Client(server.url);
  await kiosk.expect(201, 'POST', '/kiosk/pairing', { code: await congress.pairingCode(organiser, id, '二号投票台') });
  const round = await congress.openRound(organiser, id, ['committee']);
  let elected;
  for (const card of [...cards.general.slice(0, 8), ...cards.female.slice(0, 8)]) {
    await congress.castSealed(kiosk, card.code, (ballot) => {
      const [committee] = ballot.contests;
      elected = committee.candidates.slice(0, 7);
      return { committee: { for: elected.map((c) => c.id), against: [] } };
    });
  }
  await congress.closeRound(organiser, id, round);

  await page.locator('#plenary').waitFor({ state: 'visible' });
  await checkpoint(page, 'plenary');
  const [first, second] = elected;
  await desk.plenaryCheckIn(first.name, first.id);
  await page.getByText(t('desk.plenary.checkedIn', { name: first.name, number: first.id, entitled: 7, present: 1 })).waitFor();
  // Once checked in, the row offers no second check-in, only to undo it, by keyboard too.
  const firstWho = { name: first.name, number: first.id };
  const row = page.locator(`#plenary tr[data-number="${first.id}"]`);
  assert.equal(await row.getAttribute('data-present'), 'true');
  assert.equal(await row.getByRole('button', { name: t('desk.plenary.checkInLabel', firstWho), exact: true }).count(), 0);
  const undo = row.getByRole('button', { name: t('desk.plenary.undoLabel', firstWho), exact: true });
  assert.equal(await undo.innerText(), t('desk.undo'));
  await checkpoint(page, 'plenary-undo-offered');
  await undo.focus();
  await page.keyboard.press('Enter');
  await page.getByText(t('desk.plenary.undone', { ...firstWho, present: 0 })).waitFor();
  assert.equal(await row.getAttribute('data-present'), 'false');
  assert.equal(
    await page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
    t('desk.plenary.checkInLabel', firstWho),
    'the keyboard stays in the row, now on 签到',
  );
  await checkpoint(page, 'plenary-undone');
  await desk.plenaryCheckIn(first.name, first.id);
  await page.getByText(t('desk.plenary.checkedIn', { name: first.name, number: first.id, entitled: 7, present: 1 })).waitFor();
  await desk.plenaryCheckIn(second.name, second.id);
  await page.getByText(t('desk.plenary.checkedIn', { name: second.name, number: second.id, entitled: 7, present: 2 })).waitFor();
  await checkpoint(page, 'plenary-checked-in');
});

test('members of the new funds audit committee check in for its first meeting, which elects its head', async () => {
  const second = await congress.frozenCongress(server, organiser, {
    audit_director: { kind: 'audit_director', title: '经费审查委员会主任', seats: 1, electorate: 'audit_plenary', candidates: ['D012', 'D016'] },
  });
  const voters = congress.DELEGATES.slice(0, 22);
  await congress.checkIn(organiser, second, voters.map((d) => d.number));
  const women = voters.filter((d) => d.gender === 'female').length;
  const general = await congress.printCards(organiser, second, 'general', voters.length - women);
  const female = await congress.printCards(organiser, second, 'female', women);
  await congress.activate(organiser, second, [...general, ...female].map((c) => c.code));
  const kiosk = new congress.Client(server.url);
  await kiosk.expect(201, 'POST', '/kiosk/pairing', { code: await congress.pairingCode(organiser, second, '三号投票台') });
  const round = await congress.openRound(organiser, second, ['audit']);
  for (const card of [...general, ...female].slice(0, 16)) {
    await congress.castSealed(kiosk, card.code, () => ({ audit: { for: ['D012', 'D016', 'D017'], against: [] } }));
  }
  await congress.closeRound(organiser, second, round);

  await page.goto(`${server.url}/desk?congress=${encodeURIComponent(second)}&poll=0.5`);
  await page.locator('#audit_plenary').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#plenary').isHidden(), true, 'the committee is not elected yet');
  assert.equal(await page.locator('#women_plenary').isHidden(), true, 'nothing is elected at the women’s committee’s meeting');
  await checkpoint(page, 'audit-meeting');
  const member = congress.DELEGATES.find((d) => d.number === 'D016');
  const who = { name: member.name, number: member.number };
  await page.getByRole('button', { name: t('desk.audit_plenary.checkInLabel', who), exact: true }).click();
  await page.getByText(t('desk.audit_plenary.checkedIn', { ...who, entitled: 3, present: 1 })).waitFor();
  // The message comes with the answer; the list of members is drawn again just after it.
  const again = page.getByRole('button', { name: t('desk.audit_plenary.checkInLabel', who), exact: true });
  await again.waitFor({ state: 'detached', timeout: 5000 }).catch(() => {});
  assert.equal(
    await again.count(),
    0,
    'a member checked in is not offered 签到 again',
  );
  await page.getByRole('button', { name: t('desk.audit_plenary.undoLabel', who), exact: true }).click();
  await page.getByText(t('desk.audit_plenary.undone', { ...who, present: 0 })).waitFor();
  await page.getByRole('button', { name: t('desk.audit_plenary.checkInLabel', who), exact: true }).click();
  await page.getByText(t('desk.audit_plenary.checkedIn', { ...who, entitled: 3, present: 1 })).waitFor();
  await checkpoint(page, 'audit-meeting-checked-in');
  await page.goto(`${server.url}/desk?congress=${encodeURIComponent(id)}&poll=0.5`);

  // The organiser's console shows the meeting too: its three members, one checked in.
  const organiserPage = await newPage(browser, { suite: SUITE });
  const console_ = new ConsolePage(organiserPage, server.url);
  await console_.open({ query: `&congress=${encodeURIComponent(second)}&section=rounds` });
  await console_.signIn('organiser', PASSWORD);
  const meeting = organiserPage.locator('#audit_plenary');
  await meeting.waitFor({ state: 'visible' });
  assert.equal(await meeting.locator('h2').innerText(), t('console.audit_plenary.heading'));
  const members = await meeting.locator('tr[data-number]').evaluateAll((trs) => trs.map((tr) => tr.dataset.number));
  assert.equal(members.length, 3);
  assert.ok(members.includes('D016'), members.join(', '));
  await organiserPage.locator('#audit_plenary-attendance[data-present="1"]').waitFor();
  await checkpoint(organiserPage, 'console-audit-meeting');
  await organiserPage.context().close();
});

test('the desk reads in English and in high contrast', async () => {
  await page.getByRole('button', { name: 'English', exact: true }).click();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await desk.heading().innerText(), translate('en', 'desk.heading', { name: NAME }));
  assert.equal(await page.locator('#attendance caption').first().innerText(), translate('en', 'desk.attendance.presentCaption'));
  await page.getByRole('button', { name: translate('en', 'display.contrast'), exact: true }).click();
  await checkpoint(page, 'desk-english-high-contrast');
  await page.getByRole('button', { name: translate('en', 'display.contrast'), exact: true }).click();
  await page.getByRole('button', { name: '简体中文', exact: true }).click();
  assert.equal(await desk.heading().innerText(), t('desk.heading', { name: NAME }));
});

test('signing out ends the session', async () => {
  await page.getByRole('button', { name: t('desk.signOut'), exact: true }).click();
  await desk.waitForView('view-signin');
  await desk.open();
  await desk.waitForView('view-signin');
  const storage = await page.evaluate(() => localStorage.length + sessionStorage.length);
  assert.equal(storage, 0);
  await checkpoint(page, 'signed-out', { axe: false });
});
