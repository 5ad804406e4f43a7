// The public results page in real Chromium, without signing in: who was elected, the counts and
// votes of each round, the result hash with its QR code and the tree heads, checked in the
// browser; and a delegate's receipt, whose inclusion proof the browser itself verifies — so a
// server that sends a false proof is caught.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { loadBallotOrder } from '../../kiosk/shared/ballot-order.js';
import { t, translate } from '../../kiosk/shared/i18n.js';
import { grouped } from '../../kiosk/shared/verifier/bytes.js';
import * as congress from './support/api.mjs';
import { checkpoint, launchBrowser, newPage } from './support/browser.mjs';
import { PASSWORD, startServer } from './support/server.mjs';
import { publishedCongress } from './pages/inspect-page.mjs';
import { ResultsPage } from './pages/results-page.mjs';

const SUITE = 'results';
const NAME = '江城市快递员工会成立大会';

let server;
let browser;
let organiser;
let page;
let results;
let voted;
let record;

before(async () => {
  server = await startServer(SUITE);
  organiser = await congress.signedIn(server.url, 'organiser', PASSWORD);
  voted = await publishedCongress(server, organiser, { voters: 18 });
  record = await organiser.expect(200, 'GET', `/congresses/${voted.id}/record`);
  browser = await launchBrowser();
  page = await newPage(browser, { suite: SUITE });
  results = new ResultsPage(page, server.url);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('anyone reads who was elected, the counts and every candidate’s votes', async () => {
  await results.open(voted.id);
  await results.waitForView('view-results');
  assert.equal(await results.heading().innerText(), t('results.heading', { name: NAME }));
  const tally = record.rounds[0].result.tally;
  const committee = tally.contests.find((c) => c.id === 'committee');
  // Stroke order (RULES.md §2), from the same data as the server's.
  const order = await loadBallotOrder();
  const expected = order.sorted(committee.elected.map((p) => p.name), 'surname_strokes');
  assert.deepEqual(await results.elected('committee'), expected);
  assert.equal(await page.locator('#elected-order').innerText(), t('results.elected.strokeOrder'));
  assert.deepEqual(await results.counts(1, 'committee'), {
    entitled: 29,
    present: 22,
    issued: 22,
    returned: 18,
    valid: committee.valid,
    invalid: committee.invalid,
  });
  const women = tally.contests.find((c) => c.id === 'women');
  assert.equal((await results.counts(1, 'women')).present, 10, 'women: 实到 of the female delegates');
  assert.equal((await results.counts(1, 'women')).entitled, women.entitled);
  for (const candidate of committee.candidates.filter((c) => c.id)) {
    assert.deepEqual(await results.votes(1, 'committee', candidate.id), {
      for: candidate.for,
      against: candidate.against,
      abstain: candidate.abstain,
      elected: candidate.elected,
    });
  }
  // The written-in name is counted and shown as such.
  await page.locator('.round[data-round="1"] table[data-contest="committee"] .write-in').first().waitFor();
  await checkpoint(page, 'results');
});

test('the result hash, its QR code and the tree heads are shown, and the browser checks them', async () => {
  assert.equal(await results.resultHash(), voted.published.result_hash);
  assert.equal(await page.locator('#result-hash').innerText(), grouped(voted.published.result_hash));
  const qrWidth = await page.locator('#result-qr').evaluate(async (img) => {
    if (!img.complete) await new Promise((resolve) => img.addEventListener('load', resolve, { once: true }));
    return img.naturalWidth;
  });
  assert.ok(qrWidth > 0, 'the QR code loads');
  assert.equal(
    await page.locator('#tree-heads tr[data-round="1"] .hash').getAttribute('data-hash'),
    record.rounds[0].tree_head.root,
  );
  assert.deepEqual(await results.browserChecks(), {
    publicationHash: 'passed',
    publicationSignature: 'passed',
    roundHashes: 'passed',
    treeHeads: 'passed',
  });
});

/** The hashes in an RFC 9162 inclusion proof of leaf `index` (from 0) in a tree of `size`. */
function proofLength(index, size) {
  if (size <= 1) return 0;
  let split = 1;
  while (split * 2 < size) split *= 2;
  return 1 + (index < split ? proofLength(index, split) : proofLength(index - split, size - split));
}

test('a delegate’s receipt is found and its inclusion proof verified in the browser', async () => {
  const receipt = voted.receipts[7];
  // The log lists the ballots by receipt, not in the order they were cast.
  const position = [...voted.receipts].sort().indexOf(receipt) + 1;
  const proof = proofLength(position - 1, 18);
  // As a delegate might type it: in groups, in capitals.
  await results.checkReceipt(grouped(receipt).toUpperCase());
  await page.locator('#receipt-result[data-kind="success"]').waitFor();
  assert.equal(
    await results.receiptResult().innerText(),
    t('results.receipt.included', { round: 1, position, size: 18, proof }),
  );
  await checkpoint(page, 'receipt-included');

  // The short receipt, as copied by hand from the kiosk: lower case, O for 0.
  const short = voted.shorts[7];
  await results.checkReceipt(short.toLowerCase().replaceAll('0', 'o'));
  // The full receipt's success still shows until this check ends: the full one it found shows then.
  await page.locator('#receipt-full').waitFor({ state: 'visible' });
  await page.locator('#receipt-result[data-kind="success"]').waitFor();
  assert.equal(
    await results.receiptResult().innerText(),
    t('results.receipt.included', { round: 1, position, size: 18, proof }),
  );
  assert.equal(await page.locator('#receipt-full').innerText(), t('results.receipt.full', { full: grouped(receipt) }));
  assert.equal(await results.receiptResult().getAttribute('data-receipt'), receipt);
  await checkpoint(page, 'short-receipt-included');
  await results.checkReceipt('ZZZZ-ZZZZ-ZZZU');
  assert.equal(await results.receiptResult().innerText(), t('results.receipt.character', { character: 'U' }));

  // The short address of the results page, with its QR code; a receipt in the address is checked.
  assert.equal(await page.locator('#short-address').innerText(), `${server.url}/r/${voted.id}`);
  assert.ok(await page.locator('#address-qr').evaluate((img) => img.complete && img.naturalWidth > 0));
  await page.goto(`${server.url}/r/${voted.id}`);
  await results.waitForView('view-results');
  assert.equal(new URL(page.url()).pathname, `/results/${voted.id}`);
  await page.goto(`${server.url}/results/${voted.id}?receipt=${voted.shorts[2]}`);
  await page.locator('#receipt-result[data-kind="success"]').waitFor();
  assert.equal(await results.receiptResult().getAttribute('data-receipt'), voted.receipts[2]);

  await results.checkReceipt('12ab-34');
  assert.equal(await results.receiptResult().innerText(), t('results.receipt.malformed', { count: 6 }));
  await results.checkReceipt('ab'.repeat(32));
  await page.getByText(t('results.receipt.notFound')).waitFor();
  await checkpoint(page, 'receipt-not-found');
});

test('a false proof from the server is caught by the browser', async () => {
  const receipt = voted.receipts[2];
  const lie = async (route, change) => {
    const response = await route.fetch();
    const body = await response.json();
    change(body);
    await route.fulfill({ response, json: body });
  };
  await page.route('**/receipts/*', (route) => lie(route, (b) => { b.proof[0] = 'ab'.repeat(32); }));
  await results.checkReceipt(receipt);
  await page.getByText(t('results.receipt.failed', { reason: { key: 'results.receipt.reason.inclusion' } })).waitFor();
  assert.equal(await results.receiptResult().getAttribute('data-kind'), 'error');
  await checkpoint(page, 'false-proof');
  await page.unroute('**/receipts/*');
  await page.route('**/receipts/*', (route) => lie(route, (b) => { b.tree_head_signature = `${'00'.repeat(63)}01`; }));
  await results.checkReceipt(receipt);
  await page.getByText(t('results.receipt.failed', { reason: { key: 'results.receipt.reason.tree_head_signature' } })).waitFor();
  await page.unroute('**/receipts/*');
  await page.route('**/receipts/*', (route) => lie(route, (b) => { b.index += 1; }));
  await results.checkReceipt(receipt);
  await page.getByText(t('results.receipt.failed', { reason: { key: 'results.receipt.reason.inclusion' } })).waitFor();
  await page.unroute('**/receipts/*');
  // The true proof, once more, holds.
  await results.checkReceipt(receipt);
  await page.locator('#receipt-result[data-kind="success"]').waitFor();
});

test('the page reads in English and in high contrast; an unknown congress is said so', async () => {
  await page.getByRole('button', { name: 'English', exact: true }).click();
  assert.equal(await results.heading().innerText(), translate('en', 'results.heading', { name: NAME }));
  await page.getByRole('button', { name: translate('en', 'display.contrast'), exact: true }).click();
  await checkpoint(page, 'english-high-contrast');
  const other = await newPage(browser, { suite: SUITE });
  const missing = new ResultsPage(other, server.url);
  await missing.open('no-such-congress');
  await missing.waitForView('view-missing');
  assert.equal(await other.locator('#missing-text').innerText(), t('results.notFound'));
  await checkpoint(other, 'not-found');
  await other.context().close();
});

test('a round still open: its receipts wait, and nothing is published', async () => {
  // A second congress, still voting: no results page, and a receipt waits for the close.
  const open = await publishedCongress(server, organiser, { voters: 4, publish: false, beforeClose: async ({ id, receipts }) => {
    const other = await newPage(browser, { suite: SUITE });
    const waiting = new ResultsPage(other, server.url);
    await waiting.open(id);
    await waiting.waitForView('view-missing');
    const answer = await fetch(`${server.url}/api/v1/public/congresses/${id}/receipts/${receipts[0]}`);
    assert.equal(answer.status, 409);
    await other.context().close();
  } });
  assert.equal(open.published, null);
});
