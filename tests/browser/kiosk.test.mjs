// The voting kiosk in real Chromium, as stewards and delegates use it, against a real server.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { t, translate } from '../../kiosk/shared/i18n.js';
import * as congress from './support/api.mjs';
import { checkpoint, launchBrowser, newPage, screenshot, focusedName, assertNoProblems } from './support/browser.mjs';
import { receiptOf, unprintedCode, withTypo } from './support/record.mjs';
import { PASSWORD, startServer } from './support/server.mjs';
import { KioskPage } from './pages/kiosk-page.mjs';

const SUITE = 'kiosk';

let server;
let browser;
let organiser;
let id;
let context;
let page;
let kiosk;
let round;
/** The page's history length when it opened: voting adds no entry. */
let historyAtStart;
const cards = {};
/** What each cast ballot should hold, by receipt: { salt?, marks: { contest: { for, against, write_ins } } }. */
const cast = new Map();

/** The delegate number of a candidate on the roster, by name. */
function numberOf(name) {
  return congress.DELEGATES.find((d) => d.name === name).number;
}

before(async () => {
  server = await startServer(SUITE);
  organiser = await congress.signedIn(server.url, 'organiser', PASSWORD);
  id = await congress.frozenCongress(server, organiser);
  cards.general = await congress.printCards(organiser, id, 'general', 6);
  cards.female = await congress.printCards(organiser, id, 'female', 3);
  // 22 of the 29 entitled present: the quorum (two thirds) holds; 12 men and 10 women.
  await congress.checkIn(organiser, id, congress.DELEGATES.slice(0, 22).map((d) => d.number));
  // Five general and two female cards handed out; general[5] stays inert.
  await congress.activate(organiser, id, [
    ...cards.general.slice(0, 4).map((c) => c.code),
    cards.general[4].qr,
    ...cards.female.slice(0, 2).map((c) => c.code),
  ]);
  browser = await launchBrowser();
  page = await newPage(browser, { suite: SUITE });
  context = page.context();
  kiosk = new KioskPage(page, server.url);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a browser becomes a kiosk with the pairing code the organiser gives', async () => {
  await kiosk.open();
  await kiosk.waitForView('view-enrol');
  historyAtStart = await page.evaluate(() => history.length);
  await checkpoint(page, 'enrol');

  let pairings = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/api/v1/kiosk/pairing')) pairings += 1;
  });
  await kiosk.enrol('AB1');
  assert.equal(await kiosk.enrolError().innerText(), t('kiosk.enrol.format'));
  assert.equal(pairings, 0, 'a code of the wrong shape is not sent');

  await kiosk.enrol('ZZZZ-ZZZZ');
  await page.getByText(t('error.pairing.not_found')).waitFor();
  await checkpoint(page, 'enrol-refused');

  await kiosk.enrol(await congress.pairingCode(organiser, id, '一号投票台'));
  await kiosk.waitForView('view-waiting');
  assert.equal(await kiosk.heading().innerText(), t('kiosk.waiting.heading'));
  assert.match(await page.locator('#masthead-kiosk').innerText(), /一号投票台/);
  assert.equal(await page.locator('#masthead-congress').innerText(), '江城市快递员工会成立大会');
  await checkpoint(page, 'waiting');
});

test('the kiosk asks for a card as soon as the organiser opens the round', async () => {
  round = await congress.openRound(organiser, id, ['committee', 'audit', 'women']);
  await kiosk.waitForView('view-card');
  assert.equal(await kiosk.heading().innerText(), t('kiosk.card.heading'));
  assert.equal(await page.locator('#card-round').innerText(), t('kiosk.card.round', { round }));
  assert.ok(await kiosk.cardInput().evaluate((el) => el === document.activeElement), 'the scanner types into the card field');
  await checkpoint(page, 'card');
});

test('the kiosk reads in English and traditional Chinese, larger and in high contrast', async () => {
  await page.getByRole('button', { name: 'English', exact: true }).click();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await kiosk.heading().innerText(), translate('en', 'kiosk.card.heading'));
  assert.equal(await page.locator('#card-round').innerText(), translate('en', 'kiosk.card.round', { round }));
  await checkpoint(page, 'card-english');
  await page.getByRole('button', { name: '繁體中文', exact: true }).click();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-TW');
  assert.equal(await kiosk.heading().innerText(), translate('zh-TW', 'kiosk.card.heading'));
  await checkpoint(page, 'card-traditional');
  await page.getByRole('button', { name: '简体中文', exact: true }).click();
  assert.equal(await kiosk.heading().innerText(), t('kiosk.card.heading'));

  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const before = await size();
  await page.getByRole('button', { name: t('display.largerLabel'), exact: true }).click();
  await page.getByRole('button', { name: t('display.largerLabel'), exact: true }).click();
  assert.equal(await size(), before * 1.5);
  await page.getByRole('button', { name: t('display.contrast'), exact: true }).click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.contrast), 'high');
  await checkpoint(page, 'card-large-high-contrast');
  await page.getByRole('button', { name: t('display.smallerLabel'), exact: true }).click();
  await page.getByRole('button', { name: t('display.smallerLabel'), exact: true }).click();
  await page.getByRole('button', { name: t('display.contrast'), exact: true }).click();
  assert.equal(await size(), before);
});

test('a typo in the card code is caught before any request', async () => {
  let requests = 0;
  const count = (request) => {
    if (request.url().endsWith('/api/v1/kiosk/ballot')) requests += 1;
  };
  page.on('request', count);
  const code = cards.general[0].code;

  await kiosk.enterCard(withTypo(code));
  assert.equal(await kiosk.cardError().innerText(), t('card.check'));
  assert.equal(await kiosk.cardInput().getAttribute('aria-invalid'), 'true');
  await checkpoint(page, 'card-typo');

  await kiosk.enterCard(code.slice(0, -3));
  assert.equal(await kiosk.cardError().innerText(), t('card.length', { length: 19 }));
  await kiosk.enterCard(`U${code.slice(1)}`);
  assert.equal(await kiosk.cardError().innerText(), t('card.character', { character: 'U' }));
  await kiosk.enterCard('');
  assert.equal(await kiosk.cardError().innerText(), t('card.empty'));
  assert.equal(requests, 0, 'nothing was sent for a mistyped code');

  // A scan while the focus is elsewhere on the page still lands in the card field.
  await page.locator('#card-heading').click();
  await page.keyboard.type('ABC');
  assert.equal(await kiosk.cardInput().inputValue(), 'ABC');

  // Typed as a person might: lower case, no dashes, O for 0 and l for 1.
  const typed = code.replace(/-/g, '').toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
  await kiosk.enterCard(typed);
  await kiosk.waitForView('view-ballot');
  assert.equal(requests, 1);
  page.off('request', count);

  // Leaving without voting does not use the card up.
  await kiosk.cancelBallot();
  await kiosk.waitForView('view-card');
  await kiosk.enterCard(code);
  await kiosk.waitForView('view-ballot');
  await kiosk.cancelBallot();
  await kiosk.waitForView('view-card');
});

test('a delegate votes: candidates in ballot order, a write-in, an over-vote refused, the review and the receipt', async () => {
  await kiosk.enterCard(cards.female[0].code);
  await kiosk.waitForView('view-ballot');

  // The committee: 7 seats, 8 candidates, in the order the server gives (by surname strokes).
  const committee = congress.CONTESTS.committee;
  assert.equal(await kiosk.contestTitle().innerText(), committee.title);
  assert.equal(await page.locator('#ballot-progress').innerText(), t('kiosk.ballot.progress', { n: 1, total: 3 }));
  assert.equal(await page.locator('.ballot-order').innerText(), '候选人按姓氏笔画为序');
  const names = await kiosk.candidateNames();
  // 王 4, 刘 6, then the 7-stroke names by their strokes: 李 and 杨 (一丨丿丶…) before 吴 (丨乛一…),
  // 张 (乛一乛…) and 陈 (乛丨一…, 阝 being two strokes); 黄 11.
  assert.deepEqual(names, ['王芳', '刘洋', '李强', '杨磊', '吴刚', '张伟', '陈静', '黄涛']);
  await checkpoint(page, 'ballot-committee');

  for (const name of names.slice(0, 6)) await kiosk.mark(name, 'for');
  await kiosk.mark('陈静', 'against');
  // 黄涛 stays unmarked: an abstention.
  await kiosk.writeIn(1, '钱多多');
  assert.equal(await page.locator('#contest-count').innerText(), t('kiosk.ballot.count', { chosen: 7, seats: 7 }));
  await kiosk.addWriteInLine();
  await kiosk.writeIn(2, '周星星');
  await kiosk.next();
  assert.equal(await kiosk.contestError().innerText(), t('kiosk.overVote.total', { seats: 7, chosen: 8 }));
  assert.equal(await kiosk.contestTitle().innerText(), committee.title, 'an over-vote does not move on');
  await checkpoint(page, 'ballot-over-vote-write-in');
  // Writing in a listed candidate is refused too: mark them instead.
  await kiosk.writeIn(2, '黄涛');
  await kiosk.next();
  assert.equal(await kiosk.contestError().innerText(), t('kiosk.writeIn.listed', { name: '黄涛' }));
  // A name that could deceive is refused as the server refuses it; invisible characters alone
  // are no one, and inside a name they are dropped (docs/record-format.md §1).
  await kiosk.writeIn(2, '周\u202e星星');
  await kiosk.next();
  assert.equal(await kiosk.contestError().innerText(), t('error.name_bidi'));
  await kiosk.writeIn(2, '\u200b');
  assert.equal(await page.locator('#contest-count').innerText(), t('kiosk.ballot.count', { chosen: 7, seats: 7 }));
  await kiosk.writeIn(1, '钱\u200d多多');
  await kiosk.writeIn(2, '');
  await kiosk.next();

  // The audit committee: 3 seats; a fourth "for" is refused as it is made.
  assert.equal(await kiosk.contestTitle().innerText(), congress.CONTESTS.audit.title);
  const audit = await kiosk.candidateNames();
  for (const name of audit.slice(0, 3)) await kiosk.mark(name, 'for');
  await kiosk.radio(audit[3], 'for').click();
  assert.equal(await kiosk.candidateError(audit[3]).innerText(), t('kiosk.overVote.mark', { seats: 3 }));
  assert.equal(await kiosk.radio(audit[3], 'for').isChecked(), false, 'the fourth "for" is not marked');
  await checkpoint(page, 'ballot-over-vote-mark');
  await kiosk.mark(audit[3], 'against');
  await kiosk.next();

  // The women workers' committee: 5 seats.
  assert.equal(await kiosk.contestTitle().innerText(), congress.CONTESTS.women.title);
  const women = await kiosk.candidateNames();
  await kiosk.mark(women[0], 'for');
  await kiosk.mark(women[1], 'for');
  await kiosk.mark(women[2], 'abstain');
  assert.equal(await page.locator('#next').innerText(), t('kiosk.ballot.toReview'));
  await kiosk.next();

  // The review shows every contest.
  await kiosk.waitForView('view-review');
  const committeeReview = kiosk.reviewContest(committee.title);
  assert.equal(await committeeReview.locator('tr[data-candidate="D005"] td').innerText(), t('kiosk.mark.against'));
  assert.equal(await committeeReview.locator('tr[data-candidate="D008"] td').innerText(), t('kiosk.mark.none'));
  assert.equal(await committeeReview.locator('[data-write-ins]').innerText(), '钱多多');
  assert.equal(await kiosk.reviewContest(congress.CONTESTS.women.title).locator('tr[data-mark="for"]').count(), 2);
  await checkpoint(page, 'review');

  // A change from the review comes back to the review.
  await kiosk.edit(congress.CONTESTS.women.title);
  await kiosk.mark(women[3], 'against');
  await kiosk.next();
  await kiosk.waitForView('view-review');

  // The first answer is lost on the way back: the kiosk sends the same sealed ballot again and
  // gets the same receipt; the ballot is recorded once.
  const bodies = [];
  let dropped = false;
  await page.route('**/api/v1/kiosk/casts', async (route) => {
    bodies.push(route.request().postDataJSON());
    if (!dropped) {
      dropped = true;
      await route.fetch(); // the server records the ballot…
      await route.abort('connectionreset'); // …but the kiosk never hears back
      return;
    }
    await route.continue();
  });
  const tracker = await kiosk.cast();
  const receipt = await kiosk.receipt();
  await page.unroute('**/api/v1/kiosk/casts');
  assert.equal(bodies.length, 2, 'the ballot was sent twice');
  assert.deepEqual(bodies[1], bodies[0], 'the resend carries the same sealed ballot');
  assert.deepEqual(Object.keys(bodies[0]).sort(), ['ballot', 'card', 'round']);
  assert.deepEqual(Object.keys(bodies[0].ballot).sort(), ['salt', 'sections']);
  assert.match(bodies[0].ballot.salt, /^[0-9a-f]{32}$/);
  assert.deepEqual(bodies[0].ballot.sections.map((section) => section.contest), ['committee', 'audit', 'women']);
  assert.ok(!JSON.stringify(bodies[0]).includes('钱多多'), 'the write-in is sealed, never sent in the clear');
  assert.equal(await page.locator('#receipt-repeated').isVisible(), true, 'the kiosk says the ballot was counted once');
  assert.match(receipt.hex, /^[0-9a-f]{64}$/);
  assert.equal(receipt.shown, receipt.hex.match(/.{4}/g).join(' '));
  assert.equal(receipt.hex, receiptOf({ congress: id, round, salt: bodies[0].ballot.salt, sealed: bodies[0].ballot.sections }), 'the receipt is the sealed leaf’s hash');
  assert.equal(await page.locator('#receipt-short').getAttribute('data-short'), tracker, 'the receipt is the tracker shown before casting');
  cast.set(receipt.hex, {
    salt: bodies[0].ballot.salt,
    marks: {
      committee: { for: ['D001', 'D004', 'D002', 'D006', 'D010', 'D003'], against: ['D005'], write_ins: ['钱多多'] },
      audit: { for: audit.slice(0, 3).map(numberOf), against: ['D018'], write_ins: [] },
      women: { for: women.slice(0, 2).map(numberOf), against: [numberOf(women[3])], write_ins: [] },
    },
  });
  await checkpoint(page, 'receipt');
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'receipt-print');
  await page.emulateMedia({ media: 'screen' });

  // Nothing of the ballot stays in the browser.
  const kept = await page.evaluate(() => ({
    local: localStorage.length,
    session: sessionStorage.length,
    history: history.length,
  }));
  assert.deepEqual(kept, { local: 0, session: 0, history: historyAtStart });
  await kiosk.done();
  await kiosk.waitForView('view-card');
  const text = await page.evaluate(() => document.body.innerText + document.body.innerHTML);
  for (const trace of ['钱多多', '王芳', '黄涛', receipt.hex.slice(0, 8)]) {
    assert.ok(!text.includes(trace), `"${trace}" is gone from the page`);
  }
  await checkpoint(page, 'card-after-vote', { axe: false });
});

test('the kiosk works by keyboard alone', async () => {
  const keyboard = page.keyboard;
  const tabTo = async (name) => {
    for (let i = 0; i < 80; i += 1) {
      await keyboard.press('Tab');
      if ((await focusedName(page)) === name) return;
    }
    throw new Error(`no control named "${name}" is reached by Tab`);
  };
  await kiosk.waitForView('view-card');
  assert.ok(await kiosk.cardInput().evaluate((el) => el === document.activeElement));
  await keyboard.type(cards.general[1].code);
  await keyboard.press('Enter');
  await kiosk.waitForView('view-ballot');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'contest-heading', 'the contest heading has the focus');

  // The committee: Tab into each candidate's group; Space marks "for", an arrow "against".
  await keyboard.press('Tab');
  await keyboard.press('Space'); // 王芳: for
  await keyboard.press('Tab');
  await keyboard.press('Space'); // 刘洋: for
  await keyboard.press('Tab');
  await keyboard.press('ArrowRight'); // 李强: against
  await tabTo(t('kiosk.writeIn.label', { n: 1 }));
  await keyboard.type('钱多多');
  await screenshot(page, 'keyboard-committee');
  await tabTo(t('kiosk.ballot.next'));
  await keyboard.press('Enter');

  // The audit committee: 马超 for, then straight on.
  assert.equal(await kiosk.contestTitle().innerText(), congress.CONTESTS.audit.title);
  await keyboard.press('Tab');
  await keyboard.press('Space');
  await tabTo(t('kiosk.ballot.toReview'));
  await keyboard.press('Enter');

  await kiosk.waitForView('view-review');
  await tabTo(t('kiosk.review.seal'));
  await screenshot(page, 'keyboard-review');
  await keyboard.press('Enter');
  await kiosk.tracker();
  await tabTo(t('kiosk.sealed.cast'));
  await keyboard.press('Enter');
  const receipt = await kiosk.receipt();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'receipt-heading');
  cast.set(receipt.hex, {
    marks: {
      committee: { for: ['D001', 'D004'], against: ['D002'], write_ins: ['钱多多'] },
      audit: { for: ['D016'], against: [], write_ins: [] },
    },
  });
  await tabTo(t('kiosk.receipt.done'));
  await keyboard.press('Enter');
  await kiosk.waitForView('view-card');
  assert.ok(await kiosk.cardInput().evaluate((el) => el === document.activeElement), 'ready for the next card');
  assertNoProblems(page);
});

test('an idle kiosk forgets the ballot and starts over', async () => {
  const idle = await context.newPage();
  idle.problems = [];
  idle.suite = SUITE;
  idle.on('pageerror', (error) => idle.problems.push(error.message));
  const idleKiosk = new KioskPage(idle, server.url);
  await idleKiosk.open({ idle: 2 });
  await idleKiosk.waitForView('view-card');
  // A scanner types the card's QR payload.
  await idleKiosk.enterCard(cards.general[4].qr);
  await idleKiosk.waitForView('view-ballot');
  await idleKiosk.mark('王芳', 'for');
  await idle.locator('#idle-dialog').waitFor({ state: 'visible' });
  assert.match(await idle.locator('#idle-body').innerText(), /秒后本页将清除您的选择/);
  await screenshot(idle, 'idle-warning');
  await idleKiosk.waitForView('view-card', 5000);
  assert.equal(await idle.locator('.candidate').count(), 0, 'the ballot is gone from the page');
  assert.equal(await idleKiosk.cardInput().inputValue(), '');
  assert.ok(!(await idle.evaluate(() => document.body.innerHTML)).includes('王芳'));
  // The card was not used: it fetches its ballot again.
  await idleKiosk.enterCard(cards.general[4].qr);
  await idleKiosk.waitForView('view-ballot');
  await idle.close();
  assert.deepEqual(idle.problems, []);
});

test('the kiosk refuses cards clearly, in Chinese', async () => {
  await kiosk.waitForView('view-card');
  const refusals = [
    [cards.female[0].code, 'error.card_spent', 'card-spent'],
    [cards.general[5].code, 'error.card_inactive', 'card-inactive'],
    [unprintedCode(), 'error.ballot.not_found', 'card-unknown'],
  ];
  for (const [card, key, name] of refusals) {
    await kiosk.enterCard(card);
    await page.getByText(t(key)).waitFor();
    assert.equal(await kiosk.cardError().innerText(), t(key));
    await checkpoint(page, name);
  }
});

test('a ballot cast after its round closed is refused, and the kiosk waits for the next round', async () => {
  await kiosk.enterCard(cards.general[3].code);
  await kiosk.waitForView('view-ballot');
  await kiosk.mark('王芳', 'for');
  await kiosk.next();
  await kiosk.next();
  await kiosk.waitForView('view-review');
  const closed = await congress.closeRound(organiser, id, round);
  assert.equal(closed.returned, 2, 'two ballots were cast: the lost answer did not make a second');
  await kiosk.cast();
  await kiosk.castingError().waitFor({ state: 'visible' });
  assert.equal(await kiosk.castingError().innerText(), t('error.round_closed'));
  await checkpoint(page, 'cast-after-close');
  await page.getByRole('button', { name: t('kiosk.casting.finish'), exact: true }).click();
  await kiosk.waitForView('view-waiting');
});

test('every receipt the kiosk showed is in the closed round, and its count is of the marks the delegates made', async () => {
  const record = await organiser.expect(200, 'GET', `/congresses/${id}/record`);
  const logged = record.rounds[0].sealed.ballots;
  assert.equal(logged.length, 2);
  const receipts = new Map(logged.map((ballot) => [receiptOf(ballot), ballot]));
  for (const [receipt, expected] of cast) {
    const ballot = receipts.get(receipt);
    assert.ok(ballot, `receipt ${receipt} is in the log`);
    if (expected.salt) assert.equal(ballot.salt, expected.salt);
  }
  // The opened count is the sum of the marks of the ballots cast, candidate by candidate.
  for (const tally of record.rounds[0].result.tally.contests) {
    for (const candidate of congress.CONTESTS[tally.id].candidates) {
      const counted = tally.candidates.find((c) => c.id === candidate);
      const marked = (mark) => [...cast.values()].filter((b) => b.marks[tally.id]?.[mark].includes(candidate)).length;
      assert.deepEqual({ for: counted.for, against: counted.against }, { for: marked('for'), against: marked('against') }, `${tally.id}: ${candidate}`);
    }
  }
  const tally = record.rounds[0].result.tally.contests.find((c) => c.id === 'committee');
  const written = tally.candidates.find((c) => c.name === '钱多多');
  assert.equal(written.for, 2, 'both write-ins were counted');
});

test('a kiosk the organiser disables says so', async () => {
  const [enrolled] = await organiser.expect(200, 'GET', `/congresses/${id}/kiosks`);
  await organiser.expect(204, 'PUT', `/congresses/${id}/kiosks/${enrolled.id}`, { enabled: false });
  await kiosk.waitForView('view-disabled');
  assert.equal(await kiosk.heading().innerText(), t('kiosk.disabled.heading'));
  await checkpoint(page, 'disabled');
  await organiser.expect(204, 'PUT', `/congresses/${id}/kiosks/${enrolled.id}`, { enabled: true });
  await kiosk.waitForView('view-waiting');
});
