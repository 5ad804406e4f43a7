// A whole founding congress through the browsers, as the people at it use them, against a real
// server started fresh, with no terminal after `ballotbox serve`: the organiser makes the first
// account on the first-run page with the token serve printed, and the desk clerk's and the
// inspector's accounts in the console, and the chief scrutineer's; sets the congress up there
// (roster from a CSV file, the five bodies, scrutineers, the chief scrutineer named the one
// trustee, who runs the key ceremony on the inspector page and keeps the key file, validation,
// freezing, cards printed per style, three kiosks paired); the desk checks in 26 of the 29
// delegates with a vote and activates a card for each; three kiosks seal and cast ballots in
// parallel (a write-in, an over-vote refused and corrected); the organiser opens and closes
// round 1 in the console, and the trustee opens it on the inspector page with the key file; the
// new committee checks in at the desk for its plenary, which elects the chair and vice-chairs at
// the kiosks, that round opened likewise; the organiser publishes; the inspector
// verifies the record in the browser and countersigns; a delegate finds a receipt on the
// results page; the minutes print to an A4 PDF. Screenshots of each step (with the translation
// and accessibility checks) go to target/browser-artifacts/congress/; finally `ballotbox verify`
// checks the record file the inspector saved from the page.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { loadBallotOrder } from '../../kiosk/shared/ballot-order.js';
import { t } from '../../kiosk/shared/i18n.js';
import { grouped } from '../../kiosk/shared/verifier/bytes.js';
import * as api from './support/api.mjs';
import { checkpoint, launchBrowser, newPage, screenshot } from './support/browser.mjs';
import { receiptOf } from './support/record.mjs';
import { ARTIFACTS, PASSWORD, ROOT, startServer } from './support/server.mjs';
import { ConsolePage } from './pages/console-page.mjs';
import { DeskPage } from './pages/desk-page.mjs';
import { InspectPage } from './pages/inspect-page.mjs';
import { KioskPage } from './pages/kiosk-page.mjs';
import { MinutesPage } from './pages/minutes-page.mjs';
import { ResultsPage } from './pages/results-page.mjs';

const SUITE = 'congress';
const DIR = join(ARTIFACTS, SUITE);
const BINARY = process.env.BALLOTBOX_BIN ?? join(ROOT, 'target', 'debug', 'ballotbox');

const CONGRESS = {
  name: '江城市快递员工会成立大会',
  union_name: '江城市快递员工会',
  date: '2026-11-28',
  venue: '江城市总工会大礼堂',
  members: 180,
  female_members: 64,
};

/** The delegates of support/api.mjs, by number: { number, name, gender }. */
const PEOPLE = new Map(api.DELEGATES.map((d) => [d.number, d]));
const nameOf = (number) => PEOPLE.get(number).name;

/**
 * The five bodies (RULES.md §1), margins per §2: the committee 7 seats of 8, the funds audit
 * committee 3 of 4 (nobody on both lists), the women workers' committee 5 of 6 women elected
 * by the women, the chair 1 of 2 and the vice-chairs 2 of 3 elected by the new committee's
 * plenary from those on the committee list.
 */
const CONTESTS = [
  { id: 'committee', kind: 'committee', seats: 7, electorate: 'all', candidates: ['D001', 'D002', 'D003', 'D004', 'D005', 'D006', 'D008', 'D010'] },
  { id: 'audit', kind: 'audit_committee', seats: 3, electorate: 'all', candidates: ['D012', 'D016', 'D017', 'D018'] },
  { id: 'women', kind: 'women_committee', seats: 5, electorate: 'female', candidates: ['D001', 'D007', 'D009', 'D011', 'D013', 'D014'] },
  { id: 'chair', kind: 'chair', seats: 1, electorate: 'plenary', candidates: ['D002', 'D003'] },
  { id: 'vice_chair', kind: 'vice_chair', seats: 2, electorate: 'plenary', candidates: ['D004', 'D006', 'D008'] },
];
/** Scrutineers: delegates on no list (候选人不得担任监票人). */
const SCRUTINEERS = [
  ['D020', 'chief'],
  ['D021', 'scrutineer'],
  ['D022', 'teller'],
];
/** The one trustee: the chief scrutineer, with an inspector account of their own and a passphrase. */
const TRUSTEE = { number: 'D020', account: 'chief1', passphrase: '监票 correct horse battery staple' };

/** Whom (nearly) everyone votes for: as many as the seats, so every body is filled at once. */
const CHOICE = {
  committee: ['D001', 'D002', 'D003', 'D004', 'D006', 'D008', 'D010'],
  audit: ['D012', 'D016', 'D017'],
  women: ['D001', 'D007', 'D009', 'D011', 'D013'],
  chair: ['D002'],
  vice_chair: ['D004', 'D006'],
};
const WRITE_IN = '钱多多';

const VOTERS = api.DELEGATES.slice(0, 29); // D030 keeps membership (保留会籍) without a vote
/** Three delegates with a vote stay away: 26 of 29 present, more than two thirds. */
const ABSENT = new Set(['D024', 'D027', 'D028']);
const PRESENT = VOTERS.filter((d) => !ABSENT.has(d.number));
const WOMEN = PRESENT.filter((d) => d.gender === 'female');
const MEN = PRESENT.filter((d) => d.gender === 'male');

let server;
let browser;
/** Pages and page objects: the organiser, the desk clerk, the inspector, three kiosks. */
let consolePage;
let deskPage;
let inspectPage;
/** The trustee's inspector page, and the key file the ceremony left them. */
let trusteePage;
let keyFile;
const kiosks = [];
let id;
/** Contest id → the title on the ballot. */
let titles;
/** Card codes read from the printed sheets, by style. */
const cards = { general: [], female: [], plenary: [] };
/** What the console showed: the manifest hash at freezing, the result hash when published. */
let manifestHash;
let resultHash;
/** Receipts the kiosks showed, by round: [{ hex, code, contests, plan }]. */
const receipts = { 1: [], 2: [] };

before(async () => {
  // As a new installation: no account at all, and the one-time setup token printed by serve.
  server = await startServer(SUITE, { fresh: true });
  browser = await launchBrowser();
  const organiserPage = await newPage(browser, { suite: SUITE });
  const deskPage_ = await newPage(browser, { suite: SUITE });
  const inspectPage_ = await newPage(browser, { suite: SUITE });
  const trusteePage_ = await newPage(browser, { suite: SUITE });
  for (const page of [organiserPage, deskPage_, inspectPage_, trusteePage_]) page.setDefaultTimeout(15000);
  consolePage = new ConsolePage(organiserPage, server.url);
  deskPage = new DeskPage(deskPage_, server.url);
  inspectPage = new InspectPage(inspectPage_, server.url);
  trusteePage = new InspectPage(trusteePage_, server.url);
  for (let i = 0; i < 3; i += 1) {
    const page = await newPage(browser, { suite: SUITE, viewport: { width: 1024, height: 768 } });
    page.setDefaultTimeout(15000);
    kiosks.push(new KioskPage(page, server.url));
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// ---- Helpers ----

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits until the element shows exactly `text` (surrounding white space aside). */
async function waitForText(locator, text, timeout) {
  await locator.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) }).waitFor({ timeout });
}

/** The console's card sheet: generates a batch of `style`, reads its codes, clears the sheet. */
async function printBatch(style, count) {
  const page = consolePage.page;
  await page.locator(`#batch-style-${style}`).check();
  await consolePage.field('console.cards.count').fill(String(count));
  await consolePage.button('console.cards.generateSubmit').click();
  await page.locator('#card-sheet .ballot-card').nth(count - 1).waitFor();
  assert.equal(await page.locator('#card-sheet .ballot-card').count(), count);
  assert.equal(await page.locator('#card-sheet .ballot-card .card-style .style-name').first().innerText(), t(`style.${style}`));
  const codes = await consolePage.sheetCodes();
  assert.equal(new Set(codes).size, count);
  for (const code of codes) assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}-[0-9A-Z*~$=]$/);
  return codes;
}

async function discardSheet() {
  await consolePage.button('console.cards.discard').click();
  await consolePage.confirm();
  await consolePage.page.locator('#card-sheet').waitFor({ state: 'hidden' });
}

/** The console makes a pairing code for a kiosk named `name`; resolves to the code shown. */
async function pairingCode(name) {
  const page = consolePage.page;
  await consolePage.field('console.kiosks.name').fill(name);
  await consolePage.button('console.kiosks.pairSubmit').click();
  await waitForText(page.locator('#pairing-result .pairing-for'), t('console.kiosks.codeFor', { name }));
  return (await page.locator('[data-pairing-code]').innerText()).trim();
}

/** Opens round `number` of `sitting` from the console's "what next" form, all contests ticked. */
async function openRound(number, sitting, contests) {
  const page = consolePage.page;
  const group = page.locator(`[data-pending="${sitting}"]`);
  await group.waitFor();
  const pending = await group.locator('fieldset.pending-contest').evaluateAll((fs) => fs.map((f) => [f.dataset.contest, f.dataset.roundKind]));
  assert.deepEqual(pending, contests.map((c) => [c, 'regular']), `round ${number} offers ${contests}`);
  for (const contest of contests) assert.equal(await group.locator(`[data-include="${contest}"]`).isChecked(), true);
  await checkpoint(page, `console-round-${number}-pending`, { axe: false });
  await consolePage.button('console.rounds.open', { number, sitting: { key: `console.sitting.${sitting}` } }).click();
  await page.locator('#open-round').waitFor({ state: 'visible' });
  await waitForText(
    page.locator('#open-round-heading'),
    t('console.rounds.openHeading', { number, sitting: { key: `console.sitting.${sitting}` } }),
  );
}

/**
 * Waits for the console's live figure of returned ballots, then closes the round through its
 * dialog; the console says the round waits for its trustee, who opens it on the inspector page,
 * and the console, following the opening by itself, shows the result.
 */
async function closeRound(number, returned) {
  const page = consolePage.page;
  await page.waitForFunction((r) => document.querySelector('#open-round-summary')?.dataset.returned === String(r), returned, { timeout: 15000 });
  await consolePage.button('console.rounds.close').click();
  await page.locator('#confirm-dialog').getByText(t('console.rounds.closeBody', { returned })).waitFor();
  await consolePage.confirm();
  await page.locator('#open-round').waitFor({ state: 'hidden' });
  const awaiting = page.locator(`#awaiting-opening [data-awaiting-round="${number}"]`);
  await awaiting.waitFor();
  assert.equal(await awaiting.getAttribute('data-stage'), 'totals');
  assert.equal(await awaiting.locator('[data-awaiting-stage]').innerText(), t('console.rounds.awaitingTotals', { ballots: returned, done: 0, threshold: 1 }));
  assert.deepEqual(await awaiting.locator('[data-table="awaiting-opening"] [data-done="true"]').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.id), `awaiting-${number}-heading`, 'the focus is on the round waiting for its trustee');
  assert.equal(await page.locator(`#latest-result [data-round="${number}"]`).count(), 0, 'no count before the trustee opens it');
  await checkpoint(page, `console-round-${number}-awaiting`);
  await trusteeOpens(number);
  await page.locator(`#latest-result [data-round="${number}"]`).waitFor({ timeout: 20000 });
  assert.equal(await awaiting.count(), 0);
}

/** The trustee opens closed round `number` on the inspector page with the key file and passphrase. */
async function trusteeOpens(number) {
  const page = trusteePage.page;
  const round = page.locator(`#opening [data-round="${number}"]`);
  await round.getByLabel(t('inspect.opening.file'), { exact: true }).setInputFiles(keyFile, { timeout: 30000 });
  await round.getByLabel(t('inspect.opening.passphrase'), { exact: true }).fill(TRUSTEE.passphrase);
  await round.getByRole('button', { name: t('inspect.opening.submit'), exact: true }).click();
  await page.waitForFunction((n) => document.querySelector(`#opening [data-round="${n}"]`)?.dataset.stage === 'opened', number, { timeout: 120000 });
  await checkpoint(page, `inspect-round-${number}-opened`, { axe: false });
}

/** A contest's result as the console shows it: { status, votes: { id or write-in:name → for }, elected: [ids] }. */
async function shownResult(contest) {
  const section = consolePage.page.locator(`#latest-result [data-result-contest="${contest}"]`);
  const status = await section.getAttribute('data-status');
  const rows = await section.locator('tr[data-candidate]').evaluateAll((trs) =>
    trs.map((tr) => ({
      id: tr.dataset.candidate,
      for: Number(tr.querySelector('[data-votes="for"]').textContent),
      elected: tr.dataset.elected === 'true',
    })),
  );
  return {
    status,
    votes: Object.fromEntries(rows.map((r) => [r.id, r.for])),
    elected: rows.filter((r) => r.elected).map((r) => r.id).sort(),
  };
}

/** Checks a delegate in at the desk, by number typed in the search, and activates the card handed over. */
async function checkInAndActivate(delegate, code, issued) {
  const page = deskPage.page;
  const { number, name } = delegate;
  await deskPage.find(number);
  await deskPage.row(number).waitFor();
  await deskPage.checkIn(name, number);
  if (!code) {
    await waitForText(deskPage.checkInStatus(), t('desk.checkedInNoVote', { name, number }));
    return;
  }
  const style = delegate.gender === 'female' ? 'female' : 'general';
  await waitForText(deskPage.checkInStatus(), t('desk.checkedIn', { name, number, style: { key: `style.${style}` } }));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'activate-input', 'next: the card');
  await deskPage.activate(code);
  await waitForText(deskPage.activateStatus(), t('desk.activated', { style: { key: `style.${style}` }, issued, limit: issued }));
}

/**
 * One delegate at a kiosk: the card typed, each contest of the ballot marked as `plan` says,
 * the review, the cast and the receipt. plan: { for: { contest: [ids] }, writeIn, overVote }.
 * Resolves to the receipt's hex.
 */
async function vote(kiosk, code, contests, plan, shots) {
  const page = kiosk.page;
  await kiosk.enterCard(code);
  await kiosk.waitForView('view-ballot');
  for (const [i, contest] of contests.entries()) {
    await waitForText(kiosk.contestTitle(), titles[contest]);
    await waitForText(page.locator('#ballot-progress'), t('kiosk.ballot.progress', { n: i + 1, total: contests.length }));
    const seats = CONTESTS.find((c) => c.id === contest).seats;
    let chosen = plan.for[contest];
    if (plan.writeIn?.contest === contest) chosen = chosen.slice(0, seats - 1);
    for (const number of chosen) await kiosk.mark(nameOf(number), 'for');
    if (plan.writeIn?.contest === contest) {
      await kiosk.writeIn(1, plan.writeIn.name);
      await waitForText(page.locator('#contest-count'), t('kiosk.ballot.count', { chosen: seats, seats }));
      if (shots) await checkpoint(page, `kiosk-${shots}-marked`, { axe: false });
    }
    if (plan.overVote?.contest === contest) {
      const { extra, writeIn } = plan.overVote;
      if (writeIn) {
        // Every seat marked and one more written in: refused as the delegate moves on.
        await kiosk.writeIn(1, writeIn);
        await kiosk.next();
        await waitForText(kiosk.contestError(), t('kiosk.overVote.total', { seats, chosen: seats + 1 }));
        await waitForText(kiosk.contestTitle(), titles[contest]);
        if (shots) await checkpoint(page, `kiosk-${shots}-refused`);
        await kiosk.writeIn(1, '');
      } else {
        // One "for" too many: refused as it is made, and not marked.
        await kiosk.radio(nameOf(extra), 'for').click();
        await waitForText(kiosk.candidateError(nameOf(extra)), t('kiosk.overVote.mark', { seats }));
        assert.equal(await kiosk.radio(nameOf(extra), 'for').isChecked(), false, 'the extra "for" is not marked');
        if (shots) await checkpoint(page, `kiosk-${shots}-refused`, { axe: false });
        await kiosk.mark(nameOf(extra), 'against');
      }
    }
    await kiosk.next();
  }
  await kiosk.waitForView('view-review');
  if (shots) await checkpoint(page, `kiosk-${shots}-review`, { axe: false });
  await kiosk.cast();
  const receipt = await kiosk.receipt();
  assert.match(receipt.hex, /^[0-9a-f]{64}$/);
  assert.equal(receipt.shown, grouped(receipt.hex));
  if (shots) await checkpoint(page, `kiosk-${shots}-receipt`, { axe: false });
  await kiosk.done();
  return receipt.hex;
}

/** Each kiosk takes every third ballot; the three vote at once. */
async function voteInParallel(round, ballots) {
  await Promise.all(
    kiosks.map(async (kiosk, k) => {
      for (const [i, ballot] of ballots.entries()) {
        if (i % kiosks.length !== k) continue;
        const hex = await vote(kiosk, ballot.code, ballot.contests, ballot.plan, ballot.shots);
        receipts[round].push({ hex, ...ballot });
      }
    }),
  );
}

/** Makes an account of `role` limited to this congress in the console's accounts, with PASSWORD. */
async function makeAccount(name, role) {
  const page = consolePage.page;
  const form = page.locator('#account-form');
  await consolePage.field('console.accounts.name', undefined, form).fill(name);
  await consolePage.field('console.accounts.role', undefined, form).selectOption(role);
  await form.locator(`input[data-congress="${id}"]`).check();
  await consolePage.field('console.accounts.password', undefined, form).fill(PASSWORD);
  await consolePage.field('console.accounts.passwordAgain', undefined, form).fill(PASSWORD);
  await consolePage.button('console.accounts.submit').click();
  await page.getByText(t('console.accounts.createdFor', { name, role: { key: `role.${role}` }, congresses: CONGRESS.name })).waitFor();
  await page.locator(`#accounts-table tr[data-account="${name}"]`).waitFor();
}

// ---- The organiser sets the congress up ----

test('on the fresh server, / leads the organiser through making the first account with the token serve printed', async () => {
  const page = consolePage.page;
  await page.goto(`${server.url}/`);
  await consolePage.waitForView('view-firstrun');
  assert.equal(await consolePage.heading().innerText(), t('firstRun.heading'));
  await page.getByLabel(t('firstRun.token'), { exact: true }).fill(server.setupToken);
  await page.getByLabel(t('firstRun.name'), { exact: true }).fill('organiser');
  await page.getByLabel(t('firstRun.password'), { exact: true }).fill(PASSWORD);
  await page.getByLabel(t('firstRun.passwordAgain'), { exact: true }).fill(PASSWORD);
  await checkpoint(page, 'first-run');
  await page.getByRole('button', { name: t('firstRun.submit'), exact: true }).click();
  await consolePage.waitForView('view-firstrun-done');
  await page.getByText(t('firstRun.done', { name: 'organiser' })).waitFor();
  await checkpoint(page, 'first-run-done', { axe: false });
  await page.getByRole('link', { name: t('firstRun.openConsole'), exact: true }).click();
  await consolePage.waitForView('view-congresses');
  assert.equal(await page.locator('#account-name').innerText(), 'organiser');
});

test('the organiser creates the congress, and the desk clerk’s and the inspector’s accounts for it', async () => {
  const page = consolePage.page;
  await consolePage.fillCongress(CONGRESS);
  await checkpoint(page, 'console-new-congress', { axe: false });
  await consolePage.button('console.congress.create').click();
  await consolePage.waitForView('view-overview');
  assert.equal(await consolePage.heading().innerText(), CONGRESS.name);
  id = new URL(page.url()).searchParams.get('congress');
  assert.ok(id, 'the congress is in the address');

  await consolePage.button('console.accounts.open').click();
  await consolePage.waitForView('view-accounts');
  await makeAccount('desk1', 'desk');
  await makeAccount('inspector1', 'inspector');
  await makeAccount(TRUSTEE.account, 'inspector');
  await checkpoint(page, 'console-accounts', { axe: false });
  await consolePage.button('console.accounts.back').click();
  await consolePage.waitForView('view-congresses');
  await page.locator(`#congress-list [data-congress="${id}"]`).click();
  await consolePage.waitForView('view-overview');
  assert.equal(await consolePage.heading().innerText(), CONGRESS.name);
});

test('the organiser imports the roster from Excel’s CSV', async () => {
  const page = consolePage.page;

  // As Excel saves "CSV UTF-8": a byte-order mark and CRLF line ends.
  await consolePage.section('roster');
  const csv = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(api.rosterCsv().replace(/\n/g, '\r\n'), 'utf8')]);
  await consolePage.importRoster('代表名册.csv', csv);
  await page.getByText(t('console.roster.imported', { count: 30, voting: 29, encoding: { key: 'console.encoding.utf8_bom' } })).waitFor();
  await page.locator('#roster-table tr[data-number="D030"]').waitFor();
  assert.equal(await page.locator('#roster-table tr[data-number]').count(), 30);
  await checkpoint(page, 'console-roster', { axe: false });
});

test('the five bodies are set up with their candidates, and scrutineers who stand for nothing', async () => {
  const page = consolePage.page;
  await consolePage.section('contests');
  for (const contest of CONTESTS) {
    await consolePage.addContest(contest);
    await page.locator(`#contest-list [data-contest="${contest.id}"]`).waitFor();
  }
  for (const contest of CONTESTS) {
    const shown = await page.locator(`#contest-list [data-candidates="${contest.id}"] li`).evaluateAll((lis) => lis.map((li) => li.dataset.number));
    assert.deepEqual([...shown].sort(), contest.candidates, `${contest.id}: its candidates`);
  }
  await checkpoint(page, 'console-contests', { axe: false });

  await consolePage.section('scrutineers');
  const filter = consolePage.field('console.scrutineers.find');
  for (const [number] of SCRUTINEERS) {
    await filter.fill(number);
    await consolePage.button('console.scrutineers.addLabel', { name: nameOf(number), number }).click();
    await page.locator(`#scrutineer-table tr[data-number="${number}"]`).waitFor();
  }
  for (const [number, role] of SCRUTINEERS) {
    await page.getByLabel(t('console.scrutineers.roleLabel', { name: nameOf(number), number }), { exact: true }).selectOption(role);
  }
  assert.equal(await page.locator('#scrutineer-table .tag-warning').count(), 0, 'no candidate among them');
  await consolePage.button('console.scrutineers.save').click();
  await page.getByText(t('console.scrutineers.saved', { count: 3 })).waitFor();
  await checkpoint(page, 'console-scrutineers', { axe: false });
});

test('the chief scrutineer is named the one trustee, runs the key ceremony on the inspector page and keeps the key file', async () => {
  const page = consolePage.page;
  await consolePage.section('trustees');
  const who = { name: nameOf(TRUSTEE.number), number: TRUSTEE.number };
  await consolePage.field('console.trustees.pickLabel', who).check();
  await consolePage.field('console.trustees.accountLabel', who).selectOption(TRUSTEE.account);
  assert.equal(await consolePage.field('console.trustees.threshold').inputValue(), '1');
  await consolePage.button('console.trustees.save').click();
  await page.getByText(t('console.trustees.saved', { count: 1, threshold: 1 })).waitFor();
  await checkpoint(page, 'console-trustee', { axe: false });

  await trusteePage.open({ congress: id });
  await trusteePage.waitForView('view-signin');
  await trusteePage.signIn(TRUSTEE.account, PASSWORD);
  await trusteePage.waitForView('view-congress');
  await trusteePage.waitForCeremonyStage('ceremony.stage.commitments');
  await trusteePage.takePart();
  await trusteePage.choosePassphrase(TRUSTEE.passphrase);
  const download = await trusteePage.saveKeyFile();
  keyFile = join(DIR, download.suggestedFilename());
  await download.saveAs(keyFile);
  await trusteePage.waitForCeremonyStage('ceremony.stage.complete');
  await checkpoint(trusteePage.page, 'inspect-ceremony-complete', { axe: false });
});

test('the setup validates and is frozen; the manifest hash is shown for the minutes', async () => {
  const page = consolePage.page;
  await consolePage.section('freeze');
  await page.locator('#freeze-ceremony [data-ceremony="complete"]').waitFor();
  await page.locator('#validation [data-ready="true"]').waitFor();
  assert.equal(await page.locator('#validation [data-findings="problems"] li').count(), 0, 'no problem');
  await checkpoint(page, 'console-validated', { axe: false });
  await consolePage.button('console.freeze.submit').click();
  await consolePage.confirm();
  await page.locator('#freeze-after').waitFor({ state: 'visible' });
  const shown = await page.locator('#freeze-hashes [data-figure="manifest-hash"] .hash-display').innerText();
  assert.match(shown, /^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
  manifestHash = shown.replace(/\s+/g, '');
  await checkpoint(page, 'console-frozen', { axe: false });
});

test('cards of each style are printed from the card sheet, and their codes read from it', async () => {
  const page = consolePage.page;
  await consolePage.section('cards');
  cards.general = await printBatch('general', MEN.length + 1); // one spare
  await checkpoint(page, 'console-card-sheet-general', { axe: false });
  await discardSheet();
  cards.female = await printBatch('female', WOMEN.length);
  await discardSheet();
  cards.plenary = await printBatch('plenary', 7);
  await screenshot(page, 'console-card-sheet-plenary');
  await discardSheet();
  assert.equal(await page.locator('#batch-list tr[data-batch]').count(), 3);
  await checkpoint(page, 'console-batches', { axe: false });

  // The contests' titles as the ballots will show them (the frozen manifest's).
  titles = Object.fromEntries(
    await page.evaluate(async (congress) => {
      const manifest = await (await fetch(`/api/v1/congresses/${congress}/manifest`)).json();
      return manifest.contests.map((c) => [c.id, c.title]);
    }, id),
  );
});

/** The organiser pairs three kiosks from the console; each is enrolled with its code. */
async function pairKiosks() {
  const page = consolePage.page;
  await consolePage.section('kiosks');
  for (const [i, kiosk] of kiosks.entries()) {
    const name = ['一号投票台', '二号投票台', '三号投票台'][i];
    const code = await pairingCode(name);
    if (i === 0) await checkpoint(page, 'console-pairing-code', { axe: false });
    await kiosk.open();
    await kiosk.waitForView('view-enrol');
    if (i === 0) await checkpoint(kiosk.page, 'kiosk-enrol', { axe: false });
    await kiosk.enrol(code);
    await kiosk.waitForView('view-waiting');
    assert.match(await kiosk.page.locator('#masthead-kiosk').innerText(), new RegExp(name));
  }
  await checkpoint(kiosks[0].page, 'kiosk-waiting', { axe: false });
  await consolePage.button('console.refresh').click();
  await page.waitForFunction(() => document.querySelectorAll('#kiosk-list tr[data-kiosk][data-enabled="true"]').length === 3);
  await checkpoint(page, 'console-kiosks', { axe: false });
}

/** The desk clerk signs in, checks in those present and activates the card handed to each. */
async function deskCheckIns() {
  const page = deskPage.page;
  await deskPage.open();
  await deskPage.waitForView('view-signin');
  await deskPage.signIn('desk1', PASSWORD);
  await deskPage.waitForView('view-desk');
  assert.equal(await deskPage.heading().innerText(), t('desk.heading', { name: CONGRESS.name }));
  assert.deepEqual(await deskPage.attendance('all'), { entitled: 29, present: 0 });
  await checkpoint(page, 'desk', { axe: false });

  const issued = { general: 0, female: 0 };
  const next = { general: 0, female: 0 };
  for (const [i, delegate] of PRESENT.entries()) {
    const style = delegate.gender === 'female' ? 'female' : 'general';
    issued[style] += 1;
    await checkInAndActivate(delegate, cards[style][next[style]++], issued[style]);
    if (i === 0) await checkpoint(page, 'desk-activated', { axe: false });
  }
  // A member who keeps membership without a vote is welcome, but gets no card.
  await checkInAndActivate(PEOPLE.get('D030'), null);
  await deskPage.waitForPresent('all', PRESENT.length);
  assert.deepEqual(await deskPage.attendance('all'), { entitled: 29, present: 26 });
  assert.deepEqual(await deskPage.attendance('female'), { entitled: 12, present: 12 });
  await page.waitForFunction(() => document.querySelector('#attendance tr[data-style="general"] [data-issued]')?.textContent === '14');
  assert.equal(await deskPage.issued('female'), 12);
  await checkpoint(page, 'desk-all-checked-in', { axe: false });
}

test('the desk checks in 26 of the 29 delegates with a vote, with a card of the right kind for each, while the organiser pairs three kiosks', async () => {
  await Promise.all([deskCheckIns(), pairKiosks()]);
});

// ---- Round 1: the congress votes ----

test('the organiser opens round 1 for the committee, the audit and the women’s committee; the kiosks ask for cards', async () => {
  await consolePage.section('rounds');
  await openRound(1, 'congress', ['committee', 'audit', 'women']);
  assert.equal(await consolePage.page.locator('#open-round-figures tr[data-electorate="all"] [data-present]').innerText(), '26');
  await checkpoint(consolePage.page, 'console-round-1-open', { axe: false });
  for (const kiosk of kiosks) {
    await kiosk.waitForView('view-card');
    await waitForText(kiosk.page.locator('#card-round'), t('kiosk.card.round', { round: 1 }));
  }
  await checkpoint(kiosks[0].page, 'kiosk-card', { axe: false });

  // The inspector watches turnout while the round is open: counts, never a vote.
  const page = inspectPage.page;
  await inspectPage.open({ congress: id });
  await inspectPage.waitForView('view-signin');
  await inspectPage.signIn('inspector1', PASSWORD);
  await inspectPage.waitForView('view-congress');
  assert.equal(await inspectPage.heading().innerText(), t('inspect.heading', { name: CONGRESS.name }));
  assert.deepEqual(await inspectPage.attendance('all'), { entitled: 29, present: 26 });
  await checkpoint(page, 'inspect-round-open', { axe: false });
});

test('three kiosks seal and cast at once: a write-in, an over-vote refused and corrected, a receipt for each', async () => {
  const contestsOf = { general: ['committee', 'audit'], female: ['committee', 'audit', 'women'] };
  const ballots = [];
  const women = cards.female.slice(0, WOMEN.length);
  const men = cards.general.slice(0, MEN.length);
  // Women and men alternate, so that each kiosk sees both kinds of card.
  for (let i = 0; i < Math.max(women.length, men.length); i += 1) {
    if (i < women.length) ballots.push({ code: women[i], style: 'female' });
    if (i < men.length) ballots.push({ code: men[i], style: 'general' });
  }
  for (const [i, ballot] of ballots.entries()) {
    ballot.contests = contestsOf[ballot.style];
    ballot.plan = { for: CHOICE };
    if (i === 0) {
      // Six of the committee and a write-in (另选他人) for the seventh seat.
      ballot.plan.writeIn = { contest: 'committee', name: WRITE_IN };
      ballot.shots = 'write-in';
    }
    if (i === 1) {
      // Every committee seat marked and one more written in.
      ballot.plan.overVote = { contest: 'committee', writeIn: '周星星' };
      ballot.shots = 'over-vote';
    }
    if (i === 2) {
      // A fourth "for" on the audit committee's three seats.
      ballot.plan.overVote = { contest: 'audit', extra: 'D018' };
      ballot.shots = 'over-mark';
    }
  }
  await voteInParallel(1, ballots);
  assert.equal(receipts[1].length, 26);
  assert.equal(new Set(receipts[1].map((r) => r.hex)).size, 26, 'every receipt differs');

  // The organiser and the inspector see 26 ballots returned, and no result yet.
  await inspectPage.waitForReturned(1, 26);
  assert.equal(await inspectPage.turnoutState().innerText(), t('inspect.turnout.sealed'));
  const seen = await inspectPage.page.locator('#main').innerText();
  for (const number of CHOICE.committee) assert.ok(!seen.includes(nameOf(number)), `${nameOf(number)} is not on the inspector's page while voting`);
  await consolePage.page.waitForFunction(() => document.querySelector('#open-round-summary')?.dataset.returned === '26');
  assert.equal(await consolePage.page.locator('#latest-result [data-result-contest]').count(), 0, 'no result while open');
  await checkpoint(consolePage.page, 'console-round-1-voted', { axe: false });
});

test('the organiser closes round 1: every body of the congress is filled, the write-in counted', async () => {
  await closeRound(1, 26);
  const committee = await shownResult('committee');
  assert.equal(committee.status, 'complete');
  assert.deepEqual(committee.elected, CHOICE.committee);
  assert.equal(committee.votes.D001, 26);
  assert.equal(committee.votes.D010, 25, 'the write-in took the seventh "for"');
  assert.equal(committee.votes.D005, 0);
  assert.equal(committee.votes[`write-in:${WRITE_IN}`], 1);
  const audit = await shownResult('audit');
  assert.equal(audit.status, 'complete');
  assert.deepEqual(audit.elected, CHOICE.audit);
  assert.equal(audit.votes.D018, 0);
  const women = await shownResult('women');
  assert.equal(women.status, 'complete');
  assert.deepEqual(women.elected, CHOICE.women);
  assert.equal(women.votes.D001, 12);
  // What follows: the plenary only.
  await consolePage.page.locator('[data-pending="plenary"]').waitFor();
  assert.equal(await consolePage.page.locator('[data-pending="congress"]').count(), 0);
  await checkpoint(consolePage.page, 'console-round-1-result');
  for (const kiosk of kiosks) await kiosk.waitForView('view-waiting');
});

// ---- Round 2: the new committee's plenary ----

test('the new committee checks in at the desk’s plenary section, each with a plenary card', async () => {
  const page = deskPage.page;
  await page.locator('#plenary').waitFor({ state: 'visible' });
  const members = await page.locator('#plenary-members tr[data-number]').evaluateAll((trs) => trs.map((tr) => tr.dataset.number));
  assert.deepEqual([...members].sort(), CHOICE.committee);
  await checkpoint(page, 'desk-plenary', { axe: false });
  for (const [i, number] of CHOICE.committee.entries()) {
    const who = { name: nameOf(number), number };
    await deskPage.plenaryCheckIn(who.name, number);
    await waitForText(page.locator('#plenary-status'), t('desk.plenary.checkedIn', { ...who, entitled: 7, present: i + 1 }));
    await deskPage.activate(cards.plenary[i]);
    await waitForText(deskPage.activateStatus(), t('desk.activated', { style: { key: 'style.plenary' }, issued: i + 1, limit: i + 1 }));
  }
  await checkpoint(page, 'desk-plenary-checked-in');
});

test('the plenary elects the chair and vice-chairs at the kiosks, and the organiser publishes', async () => {
  const page = consolePage.page;
  // The rounds section read again: the plenary's attendance as the desk left it.
  await consolePage.section('overview');
  await consolePage.section('rounds');
  await page.locator('#plenary-attendance[data-present="7"]').waitFor();
  await openRound(2, 'plenary', ['chair', 'vice_chair']);
  for (const kiosk of kiosks) {
    await kiosk.waitForView('view-card');
    await waitForText(kiosk.page.locator('#card-round'), t('kiosk.card.round', { round: 2 }));
  }
  const ballots = cards.plenary.map((code, i) => ({ code, contests: ['chair', 'vice_chair'], plan: { for: CHOICE }, shots: i === 0 ? 'plenary' : undefined }));
  await voteInParallel(2, ballots);
  assert.equal(receipts[2].length, 7);
  await closeRound(2, 7);
  assert.deepEqual((await shownResult('chair')).elected, CHOICE.chair);
  assert.deepEqual((await shownResult('vice_chair')).elected, CHOICE.vice_chair);
  assert.equal((await shownResult('chair')).votes.D002, 7);
  await page.getByText(t('console.rounds.allDone')).waitFor();
  assert.equal(await page.locator('#bodies tr[data-contest]').count(), 5);
  await checkpoint(page, 'console-all-elected', { axe: false });

  await consolePage.section('publish');
  await page.getByText(t('console.publish.ready')).waitFor();
  await checkpoint(page, 'console-publish-ready', { axe: false });
  await consolePage.button('console.publish.submit').click();
  await consolePage.confirm();
  await page.locator('#publish-after').waitFor({ state: 'visible' });
  resultHash = await page.locator('#result-hash').getAttribute('data-hash');
  assert.match(resultHash, /^[0-9a-f]{64}$/);
  assert.equal(await page.locator('#result-hash').innerText(), grouped(resultHash));
  await checkpoint(page, 'console-published', { axe: false });
});

// ---- After the vote ----

test('the inspector verifies the record in the browser, finds the console’s result hash, and countersigns', async () => {
  const page = inspectPage.page;
  await inspectPage.loadRecord();
  const verdict = await inspectPage.waitForVerdict();
  assert.equal(verdict.kind, 'success', verdict.text);
  const checks = await inspectPage.checks();
  assert.ok(checks.length >= 24, `${checks.length} checks`);
  assert.deepEqual(checks.filter((c) => c.result !== 'passed'), [], 'every check passes');
  assert.equal(verdict.text, t('verifier.ok', { count: checks.length }));
  assert.equal(await inspectPage.resultHash(), resultHash, 'the result hash the console showed');
  await checkpoint(page, 'inspect-verified', { axe: false });

  await inspectPage.generateKey();
  await inspectPage.countersign();
  await page.getByText(t('inspect.sign.done')).waitFor();
  await page.locator('#checks tr[data-code="countersignature"][data-result="passed"]').waitFor({ timeout: 60000 });
  await checkpoint(page, 'inspect-countersigned');
});

test('a delegate checks a receipt from a kiosk on the public results page and finds it included', async () => {
  const page = await newPage(browser, { suite: SUITE });
  const results = new ResultsPage(page, server.url);
  await results.open(id);
  await results.waitForView('view-results');
  assert.equal(await results.heading().innerText(), t('results.heading', { name: CONGRESS.name }));
  assert.equal(await results.resultHash(), resultHash);
  assert.deepEqual(await results.browserChecks(), {
    publicationHash: 'passed',
    publicationSignature: 'passed',
    roundHashes: 'passed',
    treeHeads: 'passed',
    countersignatures: 'passed',
  });
  const order = await loadBallotOrder();
  assert.deepEqual(await results.elected('committee'), order.sorted(CHOICE.committee.map(nameOf), 'surname_strokes'));
  assert.deepEqual(await results.elected('chair'), CHOICE.chair.map(nameOf));

  // The delegate who wrote in a name types the receipt the kiosk showed, in groups as printed.
  const mine = receipts[1].find((r) => r.plan.writeIn).hex;
  const proof = await (await fetch(`${server.url}/api/v1/public/congresses/${id}/receipts/${mine}`)).json();
  await results.checkReceipt(grouped(mine));
  await page.locator('#receipt-result[data-kind="success"]').waitFor();
  assert.equal(
    await results.receiptResult().innerText(),
    t('results.receipt.included', { round: 1, position: proof.index + 1, size: 26, proof: proof.proof.length }),
  );
  await checkpoint(page, 'results-receipt-included');
  await page.context().close();
});

test('the minutes, opened from the console, show the verified record and print to an A4 PDF holding the result hash', async () => {
  const page = consolePage.page;
  await page.getByRole('link', { name: t('console.publish.minutes'), exact: true }).click();
  const minutes = new MinutesPage(page, server.url);
  await minutes.waitForView('view-minutes');
  assert.equal(await minutes.heading().innerText(), t('minutes.title', { name: CONGRESS.name }));
  assert.equal(await minutes.resultHash(), resultHash);
  assert.equal(await page.locator('#hashes [data-hash]').nth(1).getAttribute('data-hash'), manifestHash, 'the manifest hash shown at freezing');
  const order = await loadBallotOrder();
  for (const [contest, elected] of Object.entries(CHOICE)) {
    assert.deepEqual(await minutes.elected(contest), order.sorted(elected.map(nameOf), 'surname_strokes'), contest);
  }
  assert.equal(await page.locator('#countersignatures th[scope="row"]').innerText(), 'inspector1');
  assert.deepEqual(
    await minutes.signatureLines(),
    SCRUTINEERS.map(([number, role]) => ({ role, name: nameOf(number) })),
  );
  await checkpoint(page, 'minutes');

  const file = join(DIR, 'minutes.pdf');
  const pdf = await page.pdf({ format: 'A4', path: file });
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  if (info.status === 0) assert.match(info.stdout, /Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)/);
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (text.status === 0) {
    writeFileSync(join(DIR, 'minutes.txt'), text.stdout);
    for (const group of grouped(resultHash).split(' ')) {
      assert.ok(text.stdout.includes(group), `the PDF's text holds the result hash group ${group}`);
    }
    assert.ok(text.stdout.includes(t('minutes.title', { name: CONGRESS.name })), 'the PDF holds the title');
  } else {
    // Without poppler-utils (scripts/test installs it) the PDF is checked for its size only.
    assert.ok(pdf.length > 10000);
  }
});

test('the record file the inspector saves from the page holds every receipt the kiosks showed, and ballotbox verify accepts it', async () => {
  const download = await inspectPage.download('inspect.record.download');
  const file = join(DIR, 'record.json');
  await download.saveAs(file);
  const record = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(record.manifest_hash, manifestHash);
  assert.equal(record.publication.result_hash, resultHash);
  assert.equal(record.countersignatures.length, 1);
  for (const [round, shown] of Object.entries(receipts)) {
    const logged = new Map(record.rounds[Number(round) - 1].sealed.ballots.map((ballot) => [receiptOf(ballot), ballot]));
    assert.equal(logged.size, shown.length, `round ${round}: as many ballots as receipts`);
    for (const receipt of shown) assert.ok(logged.has(receipt.hex), `round ${round}: receipt ${receipt.hex} is in the log`);
  }
  // The ballots are sealed: what they hold shows in the opened count.
  const counted = (contest) => record.rounds[0].result.tally.contests.find((c) => c.id === contest).candidates;
  assert.deepEqual(
    counted('committee').filter((c) => c.write_in).map((c) => [c.name, c.for]),
    [[WRITE_IN, 1]],
    'one write-in, and the refused one is not there',
  );
  // The fourth "for" the kiosk refused is an "against", as the delegate corrected it: the only one.
  const audit = counted('audit');
  assert.deepEqual(audit.filter((c) => c.against > 0).map((c) => [c.id, c.against]), [['D018', 1]]);
  for (const number of CHOICE.audit) assert.equal(audit.find((c) => c.id === number).for, 26, `${number}: every ballot's "for"`);

  const run = spawnSync(BINARY, ['verify', '--json', file], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const verdict = JSON.parse(run.stdout);
  assert.equal(verdict.ok, true);
  assert.equal(verdict.result_hash, resultHash);
  assert.equal(verdict.checks.at(-1).code, 'countersignature');
});
