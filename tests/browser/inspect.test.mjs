// The inspector page in real Chromium against a real server: live turnout only while a round is
// open, the record verified in the browser with every check listed, a tampered file refused,
// and the result hash countersigned with a key made in the browser, downloaded and imported.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { LANGUAGES, t, translate } from '../../kiosk/shared/i18n.js';
import { CHECK_CODES, verifyRecord } from '../../kiosk/shared/verifier/verify.js';
import * as congress from './support/api.mjs';
import { checkpoint, launchBrowser, newPage, screenshot } from './support/browser.mjs';
import { ARTIFACTS, PASSWORD, ROOT, startServer } from './support/server.mjs';
import { InspectPage, publishedCongress } from './pages/inspect-page.mjs';

const SUITE = 'inspect';
const NAME = '江城市快递员工会成立大会';
const BINARY = process.env.BALLOTBOX_BIN ?? join(ROOT, 'target', 'debug', 'ballotbox');
const DIR = join(ARTIFACTS, SUITE);

let server;
let browser;
let organiser;
let page;
let inspect;
let voted;

before(async () => {
  server = await startServer(SUITE);
  server.addUser('inspector', 'inspector1');
  server.addUser('desk', 'desk1');
  organiser = await congress.signedIn(server.url, 'organiser', PASSWORD);
  browser = await launchBrowser();
  page = await newPage(browser, { suite: SUITE });
  inspect = new InspectPage(page, server.url);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a desk clerk is turned away; an inspector signs in', async () => {
  await inspect.open();
  await inspect.waitForView('view-signin');
  await checkpoint(page, 'sign-in');
  await inspect.signIn('desk1', PASSWORD);
  await page.locator('#page-error').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#page-error').innerText(), t('inspect.wrongRole', { role: { key: 'role.desk' } }));
  await page.getByRole('button', { name: t('inspect.signOut'), exact: true }).click();
  await inspect.waitForView('view-signin');
  await inspect.signIn('inspector1', 'wrong password');
  await page.locator('#signin-error').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#signin-error').innerText(), t('error.wrong_password'));
});

test('while the round is open the inspector sees turnout and counts of ballots, never a result', async () => {
  let turnoutChecked = false;
  voted = await publishedCongress(server, organiser, {
    voters: 18,
    beforeClose: async ({ id, round }) => {
      await inspect.signIn('inspector1', PASSWORD);
      await inspect.waitForView('view-congress');
      assert.equal(await inspect.heading().innerText(), t('inspect.heading', { name: NAME }));
      assert.match(page.url(), new RegExp(`congress=${id}`));
      assert.deepEqual(await inspect.attendance('all'), { entitled: 29, present: 22 });
      await inspect.waitForReturned(round, 18);
      assert.equal(await inspect.turnoutState().innerText(), t('inspect.turnout.sealed'));
      assert.equal(await page.locator(`#turnout tr[data-round="${round}"][data-contest="committee"] [data-issued]`).innerText(), '22');
      // Nothing of a count is on the page: no candidate, no vote.
      const text = await page.locator('#main').innerText();
      for (const name of ['李强', '张伟', '王芳']) assert.ok(!text.includes(name), `${name} is not shown while voting`);
      await checkpoint(page, 'round-open');
      turnoutChecked = true;
    },
  });
  assert.ok(turnoutChecked);
  await page.waitForFunction(() => document.querySelector('#turnout tr[data-open]')?.dataset.open === 'false');
  assert.equal(await inspect.turnoutState().innerText(), t('inspect.turnout.noOpenRound'));
});

test('the record is verified in the browser: every check passes, and the result hash is the published one', async () => {
  await inspect.loadRecord();
  const verdict = await inspect.waitForVerdict();
  assert.equal(verdict.kind, 'success', verdict.text);
  const checks = await inspect.checks();
  assert.ok(checks.length >= 24, `${checks.length} checks`);
  assert.ok(checks.every((c) => c.result === 'passed'));
  const made = new Set(checks.map((c) => c.code));
  for (const code of ['record_format', 'manifest_hash', 'public_key', 'tree_root', 'tree_head_signature', 'recount', 'result_signature', 'publication', 'publication_hash', 'publication_signature']) {
    assert.ok(made.has(code), `${code} was checked`);
    assert.ok(CHECK_CODES.includes(code));
  }
  assert.equal(verdict.text, t('verifier.ok', { count: checks.length }));
  assert.equal(await inspect.resultHash(), voted.published.result_hash);
  await checkpoint(page, 'verified');
});

const LANGUAGE_BUTTONS = { 'zh-CN': '简体中文', en: 'English', 'zh-TW': '繁體中文' };

/** The details column as the page shows it: one text a check, the failure last. */
function detailTexts() {
  return page.locator('#checks tbody tr .check-detail').allInnerTexts();
}

/** What `report` says of each check and of its failure, in `language`, as the page should show it. */
function saidIn(language, report) {
  const items = [...report.checks, ...(report.failure ? [report.failure] : [])];
  return items.map((item) => translate(language, item.say.key, item.say.params));
}

test('every check says what it found in the reader’s language, naming people and citing the regulation', async () => {
  const ours = await verifyRecord(JSON.stringify(await organiser.expect(200, 'GET', `/congresses/${voted.id}/record`)));
  assert.equal(ours.ok, true);
  for (const language of LANGUAGES) {
    await page.getByRole('button', { name: LANGUAGE_BUTTONS[language], exact: true }).click();
    const shown = await detailTexts();
    assert.deepEqual(shown, saidIn(language, ours), language);
    for (const text of shown) {
      assert.doesNotMatch(text, /⟦|RULES\.md/, `${language}: ${text}`);
      if (language !== 'en') assert.doesNotMatch(text, /\b(the|is|of)\b/, `${language} has no English sentence: ${text}`);
    }
    const recount = shown[ours.checks.findIndex((c) => c.code === 'recount')];
    assert.match(recount, /工会委员会委员/, `${language}: the recount names the contest by its title`);
    await checkpoint(page, `checks-${language}`);
  }
  await page.getByRole('button', { name: LANGUAGE_BUTTONS['zh-CN'], exact: true }).click();
});

test('a tampered record file fails in the browser at the check ballotbox verify names', async () => {
  const record = await organiser.expect(200, 'GET', `/congresses/${voted.id}/record`);
  mkdirSync(DIR, { recursive: true });
  const committee = record.rounds[0].result.tally.contests.find((c) => c.id === 'committee');
  committee.candidates[0].for += 1;
  const file = join(DIR, 'tampered-record.json');
  writeFileSync(file, JSON.stringify(record, null, 2));
  const rust = JSON.parse(spawnSync(BINARY, ['verify', '--json', file], { encoding: 'utf8' }).stdout);
  assert.equal(rust.failure.code, 'recount');

  await inspect.verifyFile(file);
  await page.locator('#report-source').getByText(t('inspect.record.source.file', { file: 'tampered-record.json' })).waitFor();
  const verdict = await inspect.waitForVerdict();
  assert.equal(verdict.kind, 'error');
  const checks = await inspect.checks();
  const failed = checks.at(-1);
  assert.deepEqual(failed, { code: 'recount', result: 'failed' });
  // The failure is said in the reader's language, naming the candidate whose count was changed.
  const ours = await verifyRecord(JSON.stringify(record));
  assert.equal(ours.failure.problem, rust.failure.problem);
  const problem = page.locator('#checks tr[data-result="failed"] .check-detail');
  for (const language of LANGUAGES) {
    await page.getByRole('button', { name: LANGUAGE_BUTTONS[language], exact: true }).click();
    const text = await problem.innerText();
    assert.equal(text, translate(language, ours.failure.say.key, ours.failure.say.params), language);
    assert.ok(text.includes(committee.candidates[0].name), `${language}: ${text} names ${committee.candidates[0].name}`);
    assert.ok(text.includes(String(committee.candidates[0].for)), `${language}: ${text} gives the result's count`);
    await checkpoint(page, `tampered-file-${language}`);
  }
  await page.getByRole('button', { name: LANGUAGE_BUTTONS['zh-CN'], exact: true }).click();
  assert.match(await problem.innerText(), /重新计票 .+ 得赞成票/);
  await checkpoint(page, 'tampered-file');
  // A tampered file is never the basis of a countersignature.
  assert.equal(await page.getByRole('button', { name: t('inspect.sign.submit'), exact: true }).getAttribute('aria-disabled'), 'true');
});

test('the inspector countersigns with a key made in the browser; the server keeps only the public part', async () => {
  await inspect.loadRecord();
  await page.locator('#report-source').getByText(t('inspect.record.source.server')).waitFor();
  assert.equal((await inspect.waitForVerdict()).kind, 'success');
  assert.equal(await page.locator('#sign-hash').getAttribute('data-hash'), voted.published.result_hash);
  await inspect.generateKey();
  assert.equal(await page.locator('#key-keep').isVisible(), true);
  const jwkDownload = await inspect.download('inspect.sign.downloadJwk');
  const jwkPath = join(DIR, 'inspector-key.jwk.json');
  await jwkDownload.saveAs(jwkPath);
  const jwk = JSON.parse(readFileSync(jwkPath, 'utf8'));
  assert.equal(jwk.kty, 'OKP');
  assert.equal(jwk.crv, 'Ed25519');
  assert.equal(Buffer.from(jwk.d, 'base64url').length, 32);
  const pemDownload = await inspect.download('inspect.sign.downloadPem');
  const pemPath = join(DIR, 'inspector-key.pem');
  await pemDownload.saveAs(pemPath);
  assert.match(readFileSync(pemPath, 'utf8'), /^-----BEGIN PRIVATE KEY-----\n/);
  await checkpoint(page, 'key-ready');

  // The page speaks of the inspector's key file in plain words, not of key formats.
  const signText = await page.locator('#sign').innerText();
  assert.doesNotMatch(signText, /JWK|PKCS/);

  // Countersigning asks first, naming the result hash it signs; Cancel signs nothing.
  const dialog = await inspect.openCountersign();
  assert.equal(await dialog.locator('#sign-confirm-hash').getAttribute('data-hash'), voted.published.result_hash);
  assert.match(await dialog.innerText(), /inspector1/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'sign-confirm-no', 'the focus starts on Cancel');
  await checkpoint(page, 'countersign-confirm');
  await inspect.answerCountersign(false);
  assert.equal((await organiser.expect(200, 'GET', `/congresses/${voted.id}/record`)).countersignatures.length, 0);
  await inspect.countersign();
  await page.getByText(t('inspect.sign.done')).waitFor();
  await page.locator('#checks tr[data-code="countersignature"][data-result="passed"]').waitFor({ timeout: 30000 });
  await checkpoint(page, 'countersigned');

  const record = await organiser.expect(200, 'GET', `/congresses/${voted.id}/record`);
  assert.equal(record.countersignatures.length, 1);
  const [cs] = record.countersignatures;
  assert.equal(cs.inspector, 'inspector1');
  assert.equal(cs.public_key, Buffer.from(jwk.x, 'base64url').toString('hex'));
  assert.deepEqual(Object.keys(cs).sort(), ['inspector', 'public_key', 'signature']);
  // The Rust verifier accepts the countersignature made in the browser.
  const file = join(DIR, 'countersigned-record.json');
  writeFileSync(file, JSON.stringify(record, null, 2));
  const rust = spawnSync(BINARY, ['verify', '--json', file], { encoding: 'utf8' });
  assert.equal(rust.status, 0, rust.stdout);
  assert.equal(JSON.parse(rust.stdout).checks.at(-1).code, 'countersignature');
  // Nothing secret (nor anything else) is kept in the browser.
  assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length]), [0, 0]);
});

test('a kept key file is imported again, and the page knows it has countersigned', async () => {
  const other = await newPage(browser, { suite: SUITE });
  const again = new InspectPage(other, server.url);
  await again.open({ congress: voted.id });
  await again.waitForView('view-signin');
  await again.signIn('inspector1', PASSWORD);
  await again.waitForView('view-congress');
  await again.loadRecord();
  assert.equal((await again.waitForVerdict()).kind, 'success');
  await again.importKey(join(DIR, 'inspector-key.pem'));
  await other.locator('#key-state[data-kind="success"]').waitFor();
  assert.equal(await again.signStatus().innerText(), t('inspect.sign.already'));
  await again.importKey(join(DIR, 'inspector-key.jwk.json'));
  await other.locator('#key-state[data-kind="success"]').waitFor();
  assert.equal(await other.locator('#sign-submit').getAttribute('aria-disabled'), 'true');
  await checkpoint(other, 'key-imported');
  writeFileSync(join(DIR, 'not-a-key.json'), '{"kty":"RSA"}');
  await again.importKey(join(DIR, 'not-a-key.json'));
  await other.getByText(t('inspect.sign.badKeyFile')).waitFor();
  await other.context().close();
});

test('the page reads in English and in high contrast, and works by keyboard', async () => {
  await page.getByRole('button', { name: 'English', exact: true }).click();
  assert.equal(await inspect.heading().innerText(), translate('en', 'inspect.heading', { name: NAME }));
  assert.equal(await page.locator('#checks caption').innerText(), translate('en', 'verifier.checks'));
  await page.getByRole('button', { name: translate('en', 'display.contrast'), exact: true }).click();
  await checkpoint(page, 'english-high-contrast');
  await page.getByRole('button', { name: translate('en', 'display.contrast'), exact: true }).click();
  await page.getByRole('button', { name: '简体中文', exact: true }).click();
  // By keyboard: the load button is reached with Tab and pressed with Enter.
  await page.locator('#link-minutes').focus();
  let reached = false;
  for (let i = 0; i < 10 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.id === 'load-record');
  }
  assert.ok(reached, 'the load button is reached by Tab');
  await page.keyboard.press('Enter');
  assert.equal((await inspect.waitForVerdict()).kind, 'success');
  await screenshot(page, 'keyboard');
});

test('the browser verifier and ballotbox verify agree on the server’s record', async () => {
  const text = JSON.stringify(await organiser.expect(200, 'GET', `/congresses/${voted.id}/record`));
  const file = join(DIR, 'record.json');
  writeFileSync(file, text);
  const rust = JSON.parse(spawnSync(BINARY, ['verify', '--json', file], { encoding: 'utf8' }).stdout);
  const ours = await verifyRecord(text);
  assert.equal(ours.ok, rust.ok);
  assert.deepEqual(ours.checks.map((c) => `${c.code}@${c.place}`), rust.checks.map((c) => `${c.code}@${c.place}`));
  assert.equal(ours.result_hash, rust.result_hash);
});
