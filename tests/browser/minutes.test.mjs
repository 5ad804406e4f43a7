// The minutes (选举结果报告) in real Chromium: made from the record verified in the browser, with
// the counts, votes, the elected in surname-stroke order, the rule profile, the hashes, the
// countersignatures and the scrutineers' signature lines; printed to an A4 PDF, whose text holds
// the result hash.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { loadBallotOrder } from '../../kiosk/shared/ballot-order.js';
import { t, translate } from '../../kiosk/shared/i18n.js';
import { grouped } from '../../kiosk/shared/verifier/bytes.js';
import { countersign, importKeyFile } from '../../kiosk/shared/verifier/countersign.js';
import * as congress from './support/api.mjs';
import { checkpoint, launchBrowser, newPage, screenshot } from './support/browser.mjs';
import { ARTIFACTS, PASSWORD, startServer } from './support/server.mjs';
import { publishedCongress } from './pages/inspect-page.mjs';
import { MinutesPage } from './pages/minutes-page.mjs';

const SUITE = 'minutes';
const NAME = '江城市快递员工会成立大会';
const DIR = join(ARTIFACTS, SUITE);

let server;
let browser;
let organiser;
let page;
let minutes;
let voted;
let record;

before(async () => {
  server = await startServer(SUITE);
  server.addUser('inspector', 'inspector1');
  server.addUser('desk', 'desk1');
  organiser = await congress.signedIn(server.url, 'organiser', PASSWORD);
  voted = await publishedCongress(server, organiser, { voters: 18 });
  // An inspector countersigns over the API, with a key made as the inspector page makes it.
  const inspector = await congress.signedIn(server.url, 'inspector1', PASSWORD);
  const seed = Buffer.alloc(32, 0x17).toString('base64url');
  const key = await importKeyFile(JSON.stringify({ kty: 'OKP', crv: 'Ed25519', d: seed }));
  await inspector.expect(201, 'POST', `/congresses/${voted.id}/countersignatures`, await countersign(key, voted.id, voted.published.result_hash));
  record = await organiser.expect(200, 'GET', `/congresses/${voted.id}/record`);
  browser = await launchBrowser();
  page = await newPage(browser, { suite: SUITE });
  minutes = new MinutesPage(page, server.url);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the minutes ask for an organiser or inspector, and refuse a desk clerk', async () => {
  await minutes.open(voted.id);
  await minutes.waitForView('view-signin');
  await checkpoint(page, 'sign-in');
  await minutes.signIn('desk1', PASSWORD);
  await page.getByText(t('minutes.wrongRole', { role: { key: 'role.desk' } })).waitFor();
  await page.getByRole('button', { name: t('inspect.signOut'), exact: true }).click();
  await minutes.waitForView('view-signin');
});

test('the minutes show the verified record: counts, votes, the elected by surname strokes, the hashes', async () => {
  await minutes.signIn('organiser', PASSWORD);
  await minutes.waitForView('view-minutes');
  assert.equal(await minutes.heading().innerText(), t('minutes.title', { name: NAME }));
  const verdict = await minutes.verdict().innerText();
  assert.match(verdict, new RegExp(t('minutes.verified', { count: 999 }).replace('999', '\\d+')));
  assert.equal(await minutes.resultHash(), voted.published.result_hash);
  assert.equal(await page.locator('#result-hash').innerText(), grouped(voted.published.result_hash));

  // The minutes load the stroke data and list the elected by strokes (RULES.md §2).
  assert.equal(await page.locator('#elected-order').innerText(), t('results.elected.strokeOrder'));
  const order = await loadBallotOrder();
  for (const body of record.publication.publication.bodies) {
    const names = order.sorted(body.elected.map((p) => p.name), record.manifest.profile.ballot_order);
    assert.deepEqual(await minutes.elected(body.contest), names, body.contest);
  }

  const committee = record.rounds[0].result.tally.contests.find((c) => c.id === 'committee');
  const counts = page.locator('table[data-table="counts"][data-contest="committee"]');
  const number = async (name) => Number(await counts.locator(`[data-count="${name}"]`).innerText());
  assert.deepEqual(
    [await number('entitled'), await number('present'), await number('issued'), await number('returned'), await number('valid'), await number('invalid')],
    [29, 22, 22, 18, committee.valid, committee.invalid],
  );
  const candidates = await page.locator('table[data-table="votes"][data-contest="committee"] tbody tr').count();
  assert.equal(candidates, committee.candidates.length, 'every candidate’s votes');

  assert.equal(await page.locator('#profile').getByText(t('minutes.profile.quorum.at_least_two_thirds')).count(), 1);
  assert.equal(await page.locator('#hashes [data-hash]').nth(1).getAttribute('data-hash'), record.manifest_hash);
  assert.equal(await page.locator('#tree-heads .hash').getAttribute('data-hash'), record.rounds[0].tree_head.root);
  assert.equal(await page.locator('#countersignatures th[scope="row"]').innerText(), 'inspector1');
  assert.deepEqual(await minutes.signatureLines(), [
    { role: 'chief', name: congress.DELEGATES[19].name },
    { role: 'scrutineer', name: congress.DELEGATES[20].name },
    { role: 'teller', name: congress.DELEGATES[21].name },
  ]);
  await checkpoint(page, 'minutes');
});

test('the minutes print to an A4 PDF that holds the result hash', async () => {
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'print-preview');
  await page.emulateMedia({ media: null });
  const file = join(DIR, 'minutes.pdf');
  const pdf = await page.pdf({ format: 'A4', path: file, printBackground: false });
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  let pages;
  if (info.status === 0) {
    assert.match(info.stdout, /Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)/);
    pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)[1]);
  } else {
    pages = (readFileSync(file, 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  }
  assert.ok(pages >= 1 && pages <= 6, `${pages} A4 page(s)`);
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (text.status === 0) {
    writeFileSync(join(DIR, 'minutes.txt'), text.stdout);
    for (const group of grouped(voted.published.result_hash).split(' ')) {
      assert.ok(text.stdout.includes(group), `the PDF's text holds the result hash group ${group}`);
    }
    assert.ok(text.stdout.includes(t('minutes.title', { name: NAME })), 'the PDF holds the title');
    assert.ok(text.stdout.includes(t('minutes.role.chief')), 'the PDF holds the signature lines');
  } else {
    // Without poppler-utils (scripts/test installs it) the PDF is checked for its size only.
    assert.ok(pdf.length > 10000);
  }
});

test('the minutes read in English and in high contrast', async () => {
  await page.getByRole('button', { name: 'English', exact: true }).click();
  assert.equal(await minutes.heading().innerText(), translate('en', 'minutes.title', { name: NAME }));
  await page.getByRole('button', { name: translate('en', 'display.contrast'), exact: true }).click();
  await checkpoint(page, 'english-high-contrast');
  await page.getByRole('button', { name: translate('en', 'display.contrast'), exact: true }).click();
  const file = join(DIR, 'minutes-en.pdf');
  await page.pdf({ format: 'A4', path: file });
  await page.getByRole('button', { name: '简体中文', exact: true }).click();
});
