// Opening a sealed round on the inspector page, in real Chromium against a real server: a
// congress of the demo's size whose three trustees ran the key ceremony with `ballotbox trustee
// ceremony` (threshold two); 110 delegates vote at a kiosk, their ballots sealed and proved in
// Node by the kiosk's own modules, one of them writing a name in, and one ballot challenged
// first; the round closes. Trustees 1 and 3, each in a browser of their own, open it with their
// key files: each page verifies every ballot, decrypts the totals, then the write-ins, and the
// count appears. Trustee 2 sees the round opened without having taken part. The challenged
// ballot's choices are shown, checked in the page, and found by its tracker.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { t, translate } from '../../kiosk/shared/i18n.js';
import { shortReceipt } from '../../kiosk/shared/short-receipt.js';
import { toHex } from '../../kiosk/shared/verifier/bytes.js';
import { canonicalBytes } from '../../kiosk/shared/verifier/jcs.js';
import { leafHash } from '../../kiosk/shared/verifier/merkle.js';
import * as api from './support/api.mjs';
import { checkpoint, launchBrowser, newPage } from './support/browser.mjs';
import { PASSWORD, startServer } from './support/server.mjs';
import { runCeremony } from './support/trustee.mjs';
import { InspectPage } from './pages/inspect-page.mjs';

const SUITE = 'opening';
/** The trustees in their order, each with the inspector account bound to them. */
const TRUSTEES = [
  { scrutineer: 'D020', account: 'wang', passphrase: '瓦尔登湖 correct horse 1' },
  { scrutineer: 'D021', account: 'li', passphrase: 'battery staple 监票 two' },
  { scrutineer: 'D022', account: 'zhao', passphrase: 'third trustee passphrase' },
];
/** Delegates on the roster; all but the last ten vote. */
const DELEGATES = 120;
const VOTERS = 110;
const WRITE_IN = '赵六';

let server;
let browser;
let organiser;
/** The congress as set up and voted: { id, files, cast, challenged }. */
const congress = {};

/** The roster: the courier union's 30 delegates, then 90 more, every third a woman. */
function roster() {
  const surnames = ['钱', '孙', '周', '吴', '郑', '冯', '陈', '褚', '卫', '蒋'];
  const given = ['春生', '秋实', '建国', '玉兰', '海燕', '志强', '丽华', '文博', '晓东'];
  const people = api.DELEGATES.map((d) => ({ ...d }));
  for (let i = people.length; i < DELEGATES; i += 1) {
    const k = i - api.DELEGATES.length;
    people.push({
      number: `D${String(i + 1).padStart(3, '0')}`,
      name: `${surnames[k % surnames.length]}${given[Math.floor(k / surnames.length)]}`,
      gender: k % 3 === 0 ? 'female' : 'male',
      unit: '江城市快递员工会',
    });
  }
  const lines = ['代表编号,姓名,性别,单位,选举权'];
  for (const [i, p] of people.entries()) lines.push(`${p.number},${p.name},${p.gender === 'female' ? '女' : '男'},${p.unit},${i === 29 ? '保留会籍' : '是'}`);
  return { people, csv: `${lines.join('\n')}\n` };
}

/** The marks of voter `i` on a fetched ballot: the first seats of each list, some against. */
function marksOf(ballot, i) {
  const marks = {};
  for (const contest of ballot.contests) {
    const ids = contest.candidates.map((c) => c.id);
    // Voters take turns leaving out one of the first seats, so that the counts differ.
    const chosen = ids.slice(0, contest.seats).filter((_, k) => k !== i % (contest.seats + 1));
    const against = i % 2 === 0 ? ids.slice(contest.seats) : [];
    marks[contest.id] = { for: chosen, against };
  }
  return marks;
}

before(async () => {
  server = await startServer(SUITE);
  for (const { account } of TRUSTEES) server.addUser('inspector', account);
  organiser = await api.signedIn(server.url, 'organiser', PASSWORD);
  browser = await launchBrowser();

  const { people, csv } = roster();
  const made = await organiser.expect(201, 'POST', '/congresses', {
    name: '江城市快递员工会成立大会',
    union_name: '江城市快递员工会',
    date: '2026-11-28',
    venue: '江城市总工会大礼堂',
    members: 900,
    female_members: 320,
  });
  const id = made.id;
  await organiser.expect(200, 'PUT', `/congresses/${id}/roster`, csv, { csv: true });
  for (const [contest, body] of Object.entries(api.CONTESTS)) await organiser.expect(200, 'PUT', `/congresses/${id}/contests/${contest}`, body);
  await organiser.expect(200, 'PUT', `/congresses/${id}/scrutineers`, [
    { number: 'D020', role: 'chief' },
    { number: 'D021', role: 'scrutineer' },
    { number: 'D022', role: 'scrutineer' },
    { number: 'D023', role: 'teller' },
  ]);
  await organiser.expect(200, 'PUT', `/congresses/${id}/trustees`, { trustees: TRUSTEES.map(({ scrutineer, account }) => ({ scrutineer, account })) });
  const files = TRUSTEES.map((_, k) => join(server.artifacts, `trustee-${k + 1}.json`));
  await Promise.all(TRUSTEES.map(({ account, passphrase }, k) => runCeremony(server, id, { account, passphrase, keyFile: files[k] })));
  await organiser.expect(200, 'POST', `/congresses/${id}/freeze`);

  // Every voter checked in with an active card of their style.
  const voters = people.slice(0, VOTERS).filter((p) => p.number !== 'D030');
  const women = voters.filter((p) => p.gender === 'female');
  const cards = {
    female: await api.printCards(organiser, id, 'female', women.length),
    general: await api.printCards(organiser, id, 'general', voters.length - women.length),
  };
  await api.checkIn(organiser, id, voters.map((p) => p.number));
  const all = [...cards.female, ...cards.general].map((c) => c.code);
  await api.activate(organiser, id, all);
  const kiosk = new api.Client(server.url);
  await kiosk.expect(201, 'POST', '/kiosk/pairing', { code: await api.pairingCode(organiser, id, '一号投票台') });
  const round = await api.openRound(organiser, id, ['committee', 'audit', 'women']);

  // The first voter challenges a ballot with a write-in, then votes afresh; every other votes.
  const writing = (ballot) => {
    const marks = marksOf(ballot, 0);
    marks.committee = { for: marks.committee.for.slice(0, -1), against: ['D005'], write_ins: [WRITE_IN] };
    return marks;
  };
  const first = await api.sealBallot(kiosk, all[0], writing);
  const challenge = await kiosk.expect(201, 'POST', '/kiosk/challenges', { card: all[0], round, ballot: first.sealed, opening: first.opening });
  const leaf = { congress: id, round, salt: first.sealed.salt, sealed: first.sealed.sections };
  const tracker = shortReceipt(toHex(await leafHash(canonicalBytes(leaf))));
  assert.equal(challenge.tracker, tracker, 'the tracker is the short form of the leaf hash');
  const cast = [];
  for (const [i, card] of all.entries()) {
    const made = await api.sealBallot(kiosk, card, i === 0 ? writing : (ballot) => marksOf(ballot, i));
    await kiosk.expect(201, 'POST', '/kiosk/casts', { card, round, ballot: made.sealed });
    cast.push(marksOf(made.ballot, i));
    if (i === 0) cast[0] = writing(made.ballot);
  }
  // Closed here; the trustees open it in their browsers.
  await organiser.expect(200, 'POST', `/congresses/${id}/rounds/${round}/close`);
  Object.assign(congress, { id, round, files, cast, challenged: { tracker, marks: writing(first.ballot), ballot: first.ballot } });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Trustee `k` (0-based) signed in on the inspector page, in a browser context of their own. */
async function trusteePage(k) {
  const page = await newPage(browser, { suite: SUITE });
  page.setDefaultTimeout(30000);
  const inspect = new InspectPage(page, server.url);
  await inspect.open({ congress: congress.id });
  await inspect.waitForView('view-signin');
  await inspect.signIn(TRUSTEES[k].account, PASSWORD);
  await inspect.waitForView('view-congress');
  await page.locator(`#opening [data-round="${congress.round}"]`).waitFor();
  return { page, inspect, round: page.locator(`#opening [data-round="${congress.round}"]`) };
}

/** Picks the key file, types the passphrase and starts; the form goes once the run has started. */
async function openWithKeyFile({ round }, k, passphrase = TRUSTEES[k].passphrase) {
  await round.getByLabel(t('inspect.opening.file'), { exact: true }).setInputFiles(congress.files[k]);
  await round.getByLabel(t('inspect.opening.passphrase'), { exact: true }).fill(passphrase);
  await round.getByRole('button', { name: t('inspect.opening.submit'), exact: true }).click();
}

/** Each trustee's steps as the panel shows them: { trustee: [step done, …] }. */
function openingProgress(round) {
  return round.locator('[data-table="opening"] tbody tr').evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.dataset.trustee, [...r.querySelectorAll('[data-done="true"]')].map((c) => c.dataset.step)])),
  );
}

/** The figures of a trustee's steps as the page timed them: [{ step, elapsed, verify, ballots }]. */
function timings(round) {
  return round.locator('[data-opening-timing] li').evaluateAll((items) =>
    items.map((li) => ({
      step: li.dataset.step,
      elapsed: Number(li.dataset.elapsedMs),
      verify: Number(li.dataset.verifyMs),
      ballots: Number(li.dataset.ballots),
      entries: Number(li.dataset.entries),
      phases: JSON.parse(li.dataset.phases),
    })),
  );
}

test('trustees 1 and 3 open the round with their key files; the count appears; trustee 2 sees it opened', { timeout: 600000 }, async () => {
  const one = await trusteePage(0);
  assert.equal(await one.round.getAttribute('data-stage'), 'totals');
  assert.equal(
    await one.round.locator('[data-opening-stage]').innerText(),
    t('inspect.opening.stage.totals', { ballots: VOTERS - 1, done: 0, threshold: 2 }),
  );
  await checkpoint(one.page, 'trustee-1-before');

  // A wrong passphrase is refused in the page, and nothing is posted.
  await openWithKeyFile(one, 0, 'not the passphrase at all');
  await one.round.getByText(t('inspect.opening.error.passphrase')).waitFor();
  // Another trustee's file is refused too.
  await openWithKeyFile(one, 2);
  await one.round.getByText(t('inspect.opening.error.otherTrustee', { file: 3, you: 1 })).waitFor();
  await checkpoint(one.page, 'trustee-1-refused');
  assert.equal((await organiser.expect(200, 'GET', `/congresses/${congress.id}/rounds/${congress.round}/opening`)).partials.totals.length, 0);

  await openWithKeyFile(one, 0);
  await one.round.locator('[data-opening-status]').getByText(t('inspect.opening.status.waiting')).waitFor({ timeout: 120000 });
  assert.deepEqual(await openingProgress(one.round), { 1: ['totals'], 2: [], 3: [] });
  await checkpoint(one.page, 'trustee-1-waiting');

  // Trustee 3 decrypts the totals, which opens them, then at once the write-ins.
  const three = await trusteePage(2);
  await openWithKeyFile(three, 2);
  for (const { round } of [three, one]) {
    await round.page().waitForFunction((n) => document.querySelector(`#opening [data-round="${n}"]`)?.dataset.stage === 'opened', congress.round, { timeout: 120000 });
    await round.locator('[data-opening-result] [data-table="votes"]').first().waitFor({ timeout: 30000 });
  }
  for (const [name, who] of [['trustee 1', one], ['trustee 3', three]]) {
    await who.round.locator('[data-opening-status]').getByText(t('inspect.opening.status.done')).waitFor();
    const steps = await timings(who.round);
    for (const s of steps) {
      const phases = Object.entries(s.phases).map(([k, ms]) => `${k} ${(ms / 1000).toFixed(2)}`).join(', ');
      console.log(`# ${name}, ${s.step} (${s.entries} entries): ${(s.elapsed / 1000).toFixed(2)} s in Chromium${s.verify ? `, of which ${(s.verify / 1000).toFixed(2)} s verifying ${s.ballots} ballots` : ''} (${phases} s)`);
    }
    assert.deepEqual(steps.map((s) => s.step), ['totals', 'write-ins']);
  }
  assert.deepEqual(await openingProgress(one.round), { 1: ['totals', 'write-ins'], 2: [], 3: ['totals', 'write-ins'] });
  await checkpoint(three.page, 'trustee-3-opened');

  // The count is the ballots' own: every candidate's for votes, and the write-in.
  const view = await organiser.expect(200, 'GET', `/congresses/${congress.id}/rounds/${congress.round}`);
  const committee = view.result.tally.contests.find((c) => c.id === 'committee');
  const expected = (id) => congress.cast.filter((m) => m.committee.for.includes(id)).length;
  for (const c of committee.candidates.filter((x) => x.id)) assert.equal(c.for, expected(c.id), `${c.name}'s for votes`);
  assert.equal(committee.candidates.find((c) => c.name === WRITE_IN)?.for, 1, 'the write-in counts once');
  for (const c of committee.candidates.filter((x) => x.id)) {
    const cell = one.round.locator(`[data-table="votes"][data-contest="committee"] tr[data-candidate="${c.id}"] [data-votes="for"]`);
    assert.equal(await cell.innerText(), String(c.for));
  }
  await one.round.locator(`[data-table="votes"][data-contest="committee"] tr[data-candidate="write-in:${WRITE_IN}"]`).waitFor();
  assert.equal(await one.round.locator('a').first().getAttribute('href'), `/results/${congress.id}`);
  await checkpoint(one.page, 'trustee-1-opened');
  // The pages kept nothing in the browser's storage.
  assert.deepEqual(await one.page.evaluate(() => [localStorage.length, sessionStorage.length]), [0, 0]);

  // Trustee 2 took no part, and is offered nothing to do.
  const two = await trusteePage(1);
  await two.page.waitForFunction((n) => document.querySelector(`#opening [data-round="${n}"]`)?.dataset.stage === 'opened', congress.round);
  assert.equal(await two.round.locator('[data-opening-form]').isVisible(), false);
  assert.deepEqual(await openingProgress(two.round), { 1: ['totals', 'write-ins'], 2: [], 3: ['totals', 'write-ins'] });
  assert.equal(await two.round.locator('[data-opening-stage]').innerText(), t('inspect.opening.stage.opened'));
  await checkpoint(two.page, 'trustee-2-opened');
  for (const [language, label] of [['en', 'English'], ['zh-TW', '繁體中文']]) {
    await two.page.getByRole('button', { name: label, exact: true }).click();
    assert.equal(await two.round.locator('[data-opening-stage]').innerText(), translate(language, 'inspect.opening.stage.opened'));
    assert.equal(await two.page.locator('#opening-heading').innerText(), translate(language, 'inspect.opening.heading'));
    await checkpoint(two.page, `trustee-2-opened-${language}`);
  }
  await two.page.getByRole('button', { name: translate('zh-TW', 'display.contrast'), exact: true }).click();
  await checkpoint(two.page, 'trustee-2-opened-zh-TW-high-contrast');
  congress.watcher = two;
  for (const { page } of [one, three]) await page.context().close();
});

test('the challenged ballot is checked in the page and shows the choices the kiosk sealed', async () => {
  const { page } = congress.watcher ?? (await trusteePage(1));
  await page.getByRole('button', { name: '简体中文', exact: true }).click();
  const { tracker, marks, ballot } = congress.challenged;
  const item = page.locator(`#challenge-list [data-tracker="${tracker}"]`);
  await item.waitFor();
  assert.equal(await item.getAttribute('data-holds'), 'true');
  assert.equal(await item.locator('.message').innerText(), t('inspect.challenges.holds'));
  for (const contest of ballot.contests) {
    const rows = await item.locator(`[data-table="choices"][data-contest="${contest.id}"] tbody tr`).evaluateAll((trs) => trs.map((tr) => [tr.dataset.candidate, tr.dataset.mark, tr.querySelector('th').textContent]));
    const want = contest.candidates.map((c) => [c.id, marks[contest.id].for.includes(c.id) ? 'for' : marks[contest.id].against.includes(c.id) ? 'against' : 'abstain', c.name]);
    for (const name of marks[contest.id].write_ins ?? []) want.push([`write-in:${name}`, 'for', name]);
    assert.deepEqual(rows, want, `the choices of ${contest.id}`);
  }
  const marked = item.locator(`[data-table="choices"][data-contest="committee"] tr[data-candidate="D005"] td`);
  assert.equal(await marked.innerText(), t('kiosk.mark.against'));
  await item.scrollIntoViewIfNeeded();
  await checkpoint(page, 'challenged-ballot');

  // Found by its tracker, typed in lower case without dashes; another tracker is not there.
  await page.getByLabel(t('inspect.challenges.search'), { exact: true }).waitFor();
  const box = page.locator('#challenge-search');
  await box.fill(tracker.replace(/-/g, '').toLowerCase());
  await page.locator('#challenge-search-result').getByText(t('inspect.challenges.found', { tracker })).waitFor();
  assert.equal(await item.isVisible(), true);
  const other = tracker.startsWith('0') ? `1${tracker.slice(1)}` : `0${tracker.slice(1)}`;
  await box.fill(other);
  await page.locator('#challenge-search-result').getByText(t('inspect.challenges.notFound', { tracker: other })).waitFor();
  assert.equal(await item.isVisible(), false);
  await checkpoint(page, 'challenged-ballot-not-found');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  assert.equal(await page.locator('#challenge-search-result').innerText(), translate('en', 'inspect.challenges.notFound', { tracker: other }));
  await box.fill(tracker);
  assert.equal(await item.locator('.message').innerText(), translate('en', 'inspect.challenges.holds'));
  assert.equal(await item.locator('[data-table="choices"][data-contest="committee"] tr[data-candidate="D005"] td').innerText(), translate('en', 'kiosk.mark.against'));
  await checkpoint(page, 'challenged-ballot-english');
  await page.context().close();
});
