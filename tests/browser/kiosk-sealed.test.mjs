// The voting kiosk of a sealed congress in real Chromium, against a real server: three trustees
// run the key ceremony from the command line, the setup freezes under their joint key, and a
// delegate's ballot is encrypted and proved in the page. The delegate sees the tracker,
// challenges the ballot (检验此票) and sees what it revealed, which checks against the sealed
// ballot; marks afresh and casts (投入票箱), and the receipt is the new tracker. A ballot whose
// proof was tampered with on the way is refused and the card votes on; all by keyboard too.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { t, translate } from '../../kiosk/shared/i18n.js';
import { Point, checkOpening } from '../../kiosk/shared/sealed/index.js';
import { shortReceipt } from '../../kiosk/shared/short-receipt.js';
import * as congress from './support/api.mjs';
import { assertNoProblems, checkpoint, focusedName, launchBrowser, newPage, screenshot } from './support/browser.mjs';
import { receiptOf } from './support/record.mjs';
import { sealedCongress } from './support/sealed.mjs';
import { PASSWORD, startServer } from './support/server.mjs';
import { KioskPage } from './pages/kiosk-page.mjs';

const SUITE = 'kiosk-sealed';
const TRACKER = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

let server;
let browser;
let organiser;
let id;
let manifest;
let page;
let kiosk;
let round;
const cards = {};

before(async () => {
  server = await startServer(SUITE);
  organiser = await congress.signedIn(server.url, 'organiser', PASSWORD);
  ({ id, manifest } = await sealedCongress(server, organiser));
  cards.general = await congress.printCards(organiser, id, 'general', 5);
  cards.female = await congress.printCards(organiser, id, 'female', 3);
  await congress.checkIn(organiser, id, congress.DELEGATES.slice(0, 22).map((d) => d.number));
  await congress.activate(organiser, id, [...cards.general, ...cards.female].map((c) => c.code));
  browser = await launchBrowser();
  page = await newPage(browser, { suite: SUITE });
  page.setDefaultTimeout(20000);
  kiosk = new KioskPage(page, server.url);
  await kiosk.open();
  await kiosk.waitForView('view-enrol');
  await kiosk.enrol(await congress.pairingCode(organiser, id, '一号投票台'));
  await kiosk.waitForView('view-waiting');
  round = await congress.openRound(organiser, id, ['committee', 'audit', 'women']);
  await kiosk.waitForView('view-card');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Fetches the ballot of `card` at the kiosk; resolves to the server's answer as the page got it. */
async function fetchBallot(card, p = page, k = kiosk) {
  const answer = p.waitForResponse((r) => r.url().endsWith('/api/v1/kiosk/ballot') && r.request().method() === 'POST');
  await k.enterCard(card);
  await k.waitForView('view-ballot');
  return (await answer).json();
}

/** The shapes of encryptBallot for a ballot as the kiosk got it. */
function shapesOf(ballot) {
  return ballot.contests.map((c) => ({ contest: c.id, candidates: c.candidates.map((x) => x.id), lines: c.write_in_lines, seats: c.seats }));
}

/** Goes through every contest to the review, marking nothing more. */
async function toReview(k = kiosk) {
  while ((await k.currentView()) === 'view-ballot') await k.next();
  await k.waitForView('view-review');
}

/** The sealed ballot's receipt, computed here from the leaf (docs/record-format.md), independently of the page. */
function trackerOf(ballot) {
  const receipt = receiptOf({ congress: id, round, salt: ballot.salt, sealed: ballot.sections });
  return { receipt, tracker: shortReceipt(receipt) };
}

test('the ballot of a sealed congress comes with the joint key and its write-in lines', async () => {
  assert.equal(manifest.sealing.threshold, 2);
  const ballot = await fetchBallot(cards.female[0].code);
  assert.equal(ballot.sealing.joint_key, manifest.sealing.joint_key);
  assert.match(ballot.sealing.manifest_hash, /^[0-9a-f]{64}$/);
  assert.deepEqual(ballot.contests.map((c) => [c.id, c.write_in_lines]), [['committee', 7], ['audit', 3], ['women', 5]]);
  await checkpoint(page, 'ballot');
  await kiosk.cancelBallot();
  await kiosk.waitForView('view-card');
});

test('a delegate seals the ballot, challenges it, sees what it revealed, votes afresh and casts', async () => {
  const ballot = await fetchBallot(cards.female[0].code);
  const round_ = { manifestHash: ballot.sealing.manifest_hash, round };
  const key = Point.fromHex(ballot.sealing.joint_key);
  const idOf = (contest, name) => ballot.contests.find((c) => c.id === contest).candidates.find((c) => c.name === name).id;

  // The committee: five for, one against, one abstaining, one unmarked, and a name written in.
  const names = await kiosk.candidateNames();
  assert.deepEqual(names, ['王芳', '刘洋', '李强', '杨磊', '吴刚', '张伟', '陈静', '黄涛']);
  for (const name of names.slice(0, 5)) await kiosk.mark(name, 'for');
  await kiosk.mark('张伟', 'against');
  await kiosk.mark('陈静', 'abstain');
  await kiosk.writeIn(1, '钱多多');
  // A listed candidate written in is steered to the mark, as in a congress without sealing.
  await kiosk.addWriteInLine();
  await kiosk.writeIn(2, '黄涛');
  await kiosk.next();
  assert.equal(await kiosk.contestError().innerText(), t('kiosk.writeIn.listed', { name: '黄涛' }));
  await kiosk.writeIn(2, '');
  await kiosk.next();
  const audit = await kiosk.candidateNames();
  await kiosk.mark(audit[0], 'for');
  await kiosk.mark(audit[1], 'for');
  await kiosk.next();
  const women = await kiosk.candidateNames();
  await kiosk.mark(women[0], 'for');
  await kiosk.mark(women[1], 'against');
  await kiosk.next();
  await kiosk.waitForView('view-review');
  assert.equal(await page.locator('#review-intro').innerText(), t('kiosk.review.introSealed'));
  await checkpoint(page, 'review-sealed');

  const expected = {
    committee: {
      marks: Object.fromEntries(names.map((n, i) => [idOf('committee', n), i < 5 ? 'for' : n === '张伟' ? 'against' : 'abstain'])),
      writeIns: ['钱多多'],
    },
    audit: { marks: Object.fromEntries(audit.map((n, i) => [idOf('audit', n), i < 2 ? 'for' : 'abstain'])), writeIns: [] },
    women: { marks: Object.fromEntries(women.map((n, i) => [idOf('women', n), i === 0 ? 'for' : i === 1 ? 'against' : 'abstain'])), writeIns: [] },
  };
  const asMarks = ({ marks, writeIns }) => ({
    for: Object.keys(marks).filter((c) => marks[c] === 'for'),
    against: Object.keys(marks).filter((c) => marks[c] === 'against'),
    write_ins: writeIns,
  });

  // While it is sealing the page says so, its heading taking the focus.
  await page.evaluate(() => {
    window.viewsSeen = [];
    new MutationObserver(() => {
      const view = document.querySelector('[data-view]:not([hidden])');
      if (view && window.viewsSeen.at(-1)?.id !== view.id) {
        window.viewsSeen.push({ id: view.id, heading: view.querySelector('h1').textContent, focus: document.activeElement.id });
      }
    }).observe(document.querySelector('main'), { attributes: true, subtree: true, attributeFilter: ['hidden'] });
  });
  await page.getByRole('button', { name: t('kiosk.review.seal'), exact: true }).click();
  const first = await kiosk.tracker();
  assert.deepEqual((await page.evaluate(() => window.viewsSeen)).slice(0, 2), [
    { id: 'view-sealing', heading: t('kiosk.sealing.heading'), focus: 'sealing-heading' },
    { id: 'view-sealed', heading: t('kiosk.sealed.heading'), focus: 'sealed-heading' },
  ]);
  assert.match(first, TRACKER);
  assert.equal((await page.locator('#sealed-tracker').innerText()).replace(/\s+/g, ' ').trim(), first.replaceAll('-', ' '), 'shown in groups');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'sealed-heading');
  await checkpoint(page, 'sealed');

  // 检验此票: the ballot and its opening go to the ballot box, which records them.
  const challengeRequest = page.waitForRequest((r) => r.url().endsWith('/api/v1/kiosk/challenges'));
  const challengeAnswer = page.waitForResponse((r) => r.url().endsWith('/api/v1/kiosk/challenges'));
  await kiosk.challenge();
  const challenged = (await challengeRequest).postDataJSON();
  const answer = await challengeAnswer;
  assert.equal(answer.status(), 201);
  const spoiled = await answer.json();
  assert.deepEqual(Object.keys(challenged).sort(), ['ballot', 'card', 'opening', 'round']);
  assert.equal(challenged.round, round);
  assert.equal(trackerOf(challenged.ballot).tracker, first, 'the tracker is the short form of the leaf hash');
  assert.deepEqual([spoiled.tracker, spoiled.receipt, spoiled.round], [first, trackerOf(challenged.ballot).receipt, round]);

  // The page shows what the opening reveals, which is what the delegate marked…
  const revealed = await kiosk.revealed();
  assert.deepEqual(revealed, expected);
  assert.equal(await page.locator('#challenged-tracker').getAttribute('data-code'), first);
  assert.equal(await page.locator('#challenged-mismatch').isVisible(), false);
  await checkpoint(page, 'challenged');
  // …and the opening checks against the sealed ballot: it seals again to the same ciphertexts.
  const opened = await checkOpening(shapesOf(ballot), challenged.ballot, challenged.opening, round_, key);
  for (const contest of Object.keys(expected)) {
    const got = opened[contest];
    const want = asMarks(expected[contest]);
    assert.deepEqual([got.for.toSorted(), got.against.toSorted(), got.write_ins], [want.for.toSorted(), want.against.toSorted(), want.write_ins], contest);
  }
  // The server publishes the challenged ballot with its opening at once, for the inspector
  // page; its copy checks too.
  const published = await organiser.expect(200, 'GET', `/congresses/${id}/rounds/${round}/sealed-ballots`);
  assert.deepEqual(published.ballots, [], 'no cast ballot is shown while the round is open');
  const kept = published.spoiled.find((x) => x.ballot.salt === challenged.ballot.salt);
  assert.ok(kept, 'the challenged ballot is published');
  const keptBallot = { salt: kept.ballot.salt, sections: kept.ballot.sealed };
  assert.equal(trackerOf(keptBallot).tracker, first);
  const reopened = await checkOpening(shapesOf(ballot), keptBallot, kept.opening, round_, key);
  assert.deepEqual(reopened, opened);

  // 重新投票: the marks are kept; sealing again draws everything afresh.
  await kiosk.voteAfresh();
  const committeeReview = kiosk.reviewContest(congress.CONTESTS.committee.title);
  assert.equal(await committeeReview.locator(`tr[data-candidate="${idOf('committee', '张伟')}"] td`).innerText(), t('kiosk.mark.against'));
  assert.equal(await committeeReview.locator('[data-write-ins]').innerText(), '钱多多');
  const castRequest = page.waitForRequest((r) => r.url().endsWith('/api/v1/kiosk/casts'));
  const second = await kiosk.seal();
  assert.match(second, TRACKER);
  assert.notEqual(second, first, 'a fresh sealing');
  await kiosk.castSealed();
  const body = (await castRequest).postDataJSON();
  assert.deepEqual(Object.keys(body).sort(), ['ballot', 'card', 'round']);
  assert.deepEqual(Object.keys(body.ballot).sort(), ['salt', 'sections']);
  assert.notEqual(body.ballot.salt, challenged.ballot.salt, 'a new salt');
  assert.ok(!JSON.stringify(body).includes('钱多多'), 'no mark or name travels in the clear');
  const receipt = await kiosk.receipt();
  const short = await page.locator('#receipt-short').getAttribute('data-short');
  assert.equal(short, second, 'the receipt is the tracker shown before the choice');
  assert.equal(receipt.hex, trackerOf(body.ballot).receipt);
  assert.equal(await page.locator('#receipt-tracker-code').getAttribute('data-code'), second);
  assert.equal(await page.locator('#receipt-mismatch').isVisible(), false);
  await checkpoint(page, 'receipt');
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('#receipt-tracker').isVisible(), 'the tracker prints with the receipt');
  await screenshot(page, 'receipt-print-80mm');
  await page.evaluate(() => {
    document.documentElement.dataset.paper = '58';
  });
  const narrow = await page.evaluate(() => {
    const box = document.getElementById('view-receipt').getBoundingClientRect();
    const wider = [...document.querySelectorAll('#view-receipt *')].filter((e) => e.checkVisibility() && e.getBoundingClientRect().right > box.right + 0.5);
    return wider.map((e) => e.id || e.className);
  });
  assert.deepEqual(narrow, [], 'nothing is wider than 58 mm paper');
  await screenshot(page, 'receipt-print-58mm');
  await page.evaluate(() => {
    document.documentElement.dataset.paper = '80';
  });
  await page.emulateMedia({ media: 'screen' });

  // Nothing of the ballot stays in the browser.
  assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length]), [0, 0]);
  await kiosk.done();
  await kiosk.waitForView('view-card');
  const text = await page.evaluate(() => document.body.innerText + document.body.innerHTML);
  for (const trace of ['钱多多', '王芳', first, second, first.slice(0, 4), second.slice(0, 4)]) {
    assert.ok(!text.includes(trace), `"${trace}" is gone from the page`);
  }
  assertNoProblems(page);
});

test('an opening that does not match its ballot, and a proof altered on the way, are refused: nothing is cast, and the card votes on', async () => {
  await fetchBallot(cards.general[0].code);
  await kiosk.mark('王芳', 'for');
  await kiosk.writeIn(1, '钱多多');
  await toReview();

  // The kiosk reveals marks other than those it sealed.
  await page.route('**/api/v1/kiosk/challenges', async (route) => {
    const body = route.request().postDataJSON();
    const candidate = body.opening.sections[0].candidates.find((c) => c.mark === 'for');
    candidate.mark = 'against';
    await route.fallback({ postData: JSON.stringify(body) });
  });
  await kiosk.seal();
  await kiosk.challenge();
  // That is a faulty kiosk: the delegate is sent to a scrutineer, not asked to go on here.
  await kiosk.castingError().waitFor({ state: 'visible' });
  assert.equal(await kiosk.castingError().innerText(), t('error.challenge.bad_opening'));
  assert.equal(await page.locator('#casting-heading').innerText(), t('kiosk.challenging.notDoneHeading'));
  await page.unroute('**/api/v1/kiosk/challenges');
  await checkpoint(page, 'challenge-refused');
  await page.getByRole('button', { name: t('kiosk.casting.finish'), exact: true }).click();
  await kiosk.waitForView('view-card');

  // The card was not spent; at a kiosk that seals honestly, a proof altered on the way is refused.
  await fetchBallot(cards.general[0].code);
  await kiosk.mark('王芳', 'for');
  await toReview();

  let tampered = 0;
  await page.route('**/api/v1/kiosk/casts', async (route) => {
    tampered += 1;
    const body = route.request().postDataJSON();
    const proof = body.ballot.sections[0].candidates[0].for_proof;
    [proof.responses[0], proof.responses[1]] = [proof.responses[1], proof.responses[0]];
    await route.fallback({ postData: JSON.stringify(body) });
  });
  await kiosk.seal();
  await kiosk.castSealed();
  await kiosk.waitForView('view-review');
  await page.locator('#review-error').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#review-error').innerText(), t('error.seal.bad_ballot'));
  assert.equal(tampered, 1, 'a refusal is not sent again');
  await checkpoint(page, 'cast-refused');
  await page.unroute('**/api/v1/kiosk/casts');

  // The same card: sealed afresh, cast, and its receipt is its tracker.
  const tracker = await kiosk.seal();
  await kiosk.castSealed();
  await kiosk.receipt();
  assert.equal(await page.locator('#receipt-short').getAttribute('data-short'), tracker);
  await kiosk.done();
  await kiosk.waitForView('view-card');
  await kiosk.enterCard(cards.general[0].code);
  await kiosk.cardError().waitFor({ state: 'visible' });
  assert.equal(await kiosk.cardError().innerText(), t('error.card_spent'));
  assertNoProblems(page);
});

test('a challenge whose answer was lost is sent again, and the ballot box keeps it once', async () => {
  await fetchBallot(cards.general[4].code);
  await kiosk.mark('王芳', 'against');
  await toReview();
  const tracker = await kiosk.seal();
  const bodies = [];
  const statuses = [];
  await page.route('**/api/v1/kiosk/challenges', async (route) => {
    bodies.push(route.request().postData());
    if (bodies.length === 1) {
      await route.fetch(); // the ballot box records the challenge…
      await route.abort('connectionreset'); // …but the kiosk never hears back
      return;
    }
    const response = await route.fetch();
    statuses.push(response.status());
    await route.fulfill({ response });
  });
  await kiosk.challenge();
  const revealed = await kiosk.revealed();
  await page.unroute('**/api/v1/kiosk/challenges');
  assert.equal(bodies.length, 2);
  assert.equal(bodies[1], bodies[0], 'the same ballot and opening were sent again');
  assert.equal(statuses[0], 200, 'the ballot box had it already');
  assert.equal(revealed.committee.marks.D001, 'against');
  assert.equal(await page.locator('#challenged-tracker').getAttribute('data-code'), tracker);

  // The delegate leaves without voting: the card was never spent.
  await kiosk.cancelBallot();
  await kiosk.waitForView('view-card');
  await fetchBallot(cards.general[4].code);
  await kiosk.cancelBallot();
  await kiosk.waitForView('view-card');
  assertNoProblems(page);
});

test('the sealed kiosk works by keyboard alone: seal, challenge, vote afresh, cast', async () => {
  const keyboard = page.keyboard;
  const tabTo = async (name) => {
    for (let i = 0; i < 80; i += 1) {
      await keyboard.press('Tab');
      if ((await focusedName(page)) === name) return;
    }
    throw new Error(`no control named "${name}" is reached by Tab`);
  };
  await kiosk.cardInput().fill('');
  await kiosk.cardInput().focus();
  await keyboard.type(cards.general[1].code);
  await keyboard.press('Enter');
  await kiosk.waitForView('view-ballot');
  await keyboard.press('Tab');
  await keyboard.press('Space'); // 王芳: for
  await keyboard.press('Tab');
  await keyboard.press('ArrowRight'); // 刘洋: against
  await tabTo(t('kiosk.writeIn.label', { n: 1 }));
  await keyboard.type('钱多多');
  await tabTo(t('kiosk.ballot.next'));
  await keyboard.press('Enter');
  await tabTo(t('kiosk.ballot.toReview'));
  await keyboard.press('Enter');
  await kiosk.waitForView('view-review');

  await tabTo(t('kiosk.review.seal'));
  await keyboard.press('Enter');
  const first = await kiosk.tracker();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'sealed-heading', 'the focus starts at the heading');
  await tabTo(t('kiosk.sealed.challenge'));
  await screenshot(page, 'keyboard-sealed');
  await keyboard.press('Enter');
  const revealed = await kiosk.revealed();
  assert.equal(revealed.committee.marks.D001, 'for');
  assert.equal(revealed.committee.marks.D004, 'against');
  assert.deepEqual(revealed.committee.writeIns, ['钱多多']);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'challenged-heading');
  await tabTo(t('kiosk.challenged.again'));
  await keyboard.press('Enter');
  await kiosk.waitForView('view-review');

  await tabTo(t('kiosk.review.seal'));
  await keyboard.press('Enter');
  const second = await kiosk.tracker();
  assert.notEqual(second, first);
  await tabTo(t('kiosk.sealed.cast'));
  await keyboard.press('Enter');
  await kiosk.receipt();
  assert.equal(await page.locator('#receipt-short').getAttribute('data-short'), second);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'receipt-heading');
  await tabTo(t('kiosk.receipt.done'));
  await keyboard.press('Enter');
  await kiosk.waitForView('view-card');
  assertNoProblems(page);
});

test('in English and in high contrast the sealed views are translated and accessible', async () => {
  await fetchBallot(cards.general[2].code);
  await toReview();
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.getByRole('button', { name: translate('en', 'display.contrast'), exact: true }).click();
  assert.equal(await page.locator('#cast').innerText(), translate('en', 'kiosk.review.seal'));
  await page.locator('#cast').click();
  await kiosk.waitForView('view-sealed', 30000);
  assert.equal(await kiosk.heading().innerText(), translate('en', 'kiosk.sealed.heading'));
  await checkpoint(page, 'sealed-english-high-contrast');
  await page.locator('#sealed-back').click();
  await kiosk.waitForView('view-review');
  // Leaving resets the display for the next delegate.
  await page.locator('#view-review [data-cancel]').click();
  await page.locator('#cancel-yes').click();
  await kiosk.waitForView('view-card');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
});

test('while the ballot is sealed the kiosk says so', async () => {
  // A page whose sealing never ends (its worker never answers), to look at that moment at leisure.
  const waiting = await page.context().newPage();
  waiting.problems = [];
  waiting.suite = SUITE;
  waiting.on('pageerror', (error) => waiting.problems.push(`script error: ${error.message}`));
  await waiting.addInitScript(() => {
    window.Worker = class {
      addEventListener() {}
      postMessage() {}
      terminate() {}
    };
  });
  const waitingKiosk = new KioskPage(waiting, server.url);
  await waitingKiosk.open();
  await waitingKiosk.waitForView('view-card');
  await fetchBallot(cards.general[3].code, waiting, waitingKiosk);
  await toReview(waitingKiosk);
  await waiting.getByRole('button', { name: t('kiosk.review.seal'), exact: true }).click();
  await waitingKiosk.waitForView('view-sealing');
  assert.equal(await waitingKiosk.heading().innerText(), t('kiosk.sealing.heading'));
  assert.equal(await waiting.evaluate(() => document.activeElement.id), 'sealing-heading');
  await checkpoint(waiting, 'sealing');
  await waiting.close();
});

test('an idle kiosk forgets a sealed ballot it was not told to cast', async () => {
  const idle = await page.context().newPage();
  idle.problems = [];
  idle.suite = SUITE;
  idle.on('pageerror', (error) => idle.problems.push(error.message));
  const idleKiosk = new KioskPage(idle, server.url);
  await idleKiosk.open({ idle: 3 });
  await idleKiosk.waitForView('view-card');
  await fetchBallot(cards.general[3].code, idle, idleKiosk);
  await idleKiosk.mark('王芳', 'for');
  await toReview(idleKiosk);
  const tracker = await idleKiosk.seal();
  await idleKiosk.waitForView('view-card', 8000);
  assert.ok(!(await idle.evaluate(() => document.body.innerHTML)).includes(tracker), 'the tracker is gone');
  assert.equal(await idle.locator('#challenged-contests *').count(), 0);
  // Nothing was cast: the card fetches its ballot again.
  await fetchBallot(cards.general[3].code, idle, idleKiosk);
  await idle.close();
  assert.deepEqual(idle.problems, []);
});

test('sealing the largest ballot at the kiosk is timed (printed, not asserted)', async () => {
  // The female card's ballot: the committee, the audit committee and the women's committee,
  // 18 candidates and 15 write-in lines.
  await fetchBallot(cards.female[1].code);
  await kiosk.mark('王芳', 'for');
  await kiosk.writeIn(1, '钱多多');
  await toReview();
  const runs = 7;
  for (let i = 0; i < runs; i += 1) {
    await kiosk.seal();
    await page.locator('#sealed-back').click();
    await kiosk.waitForView('view-review');
  }
  const times = await page.evaluate(() => performance.getEntriesByName('kiosk-seal', 'measure').map((m) => m.duration));
  const last = times.slice(-runs).toSorted((a, b) => a - b);
  assert.equal(last.length, runs);
  const median = last[Math.floor(runs / 2)];
  console.log(`# sealing the largest ballot at the kiosk (3 contests, 18 candidates, 15 write-in lines): median ${median.toFixed(0)} ms of ${runs} (${last.map((x) => x.toFixed(0)).join(', ')} ms)`);
  await kiosk.cancelBallot();
  await kiosk.waitForView('view-card');
  assertNoProblems(page);
});
