// The sealed ballots' modules in real Chromium: they load under the pages' Content-Security-Policy
// without a script error, and a ballot of the largest demo shape encrypts to a joint key and
// verifies in the page, in the time a voter can wait for.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertNoProblems, launchBrowser, newPage } from './support/browser.mjs';
import { startStaticServer } from './support/static.mjs';

describe('sealed ballots in Chromium', () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await startStaticServer();
    browser = await launchBrowser();
    page = await newPage(browser, { suite: 'sealed' });
    await page.goto(`${server.url}/`);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('every module loads without an error', async () => {
    const exported = await page.evaluate(async () => {
      const names = ['field', 'ristretto', 'transcript', 'random', 'elgamal', 'proofs', 'kem', 'keyfile', 'ceremony', 'ballot', 'opening', 'index'];
      const out = {};
      for (const name of names) out[name] = Object.keys(await import(`/assets/shared/sealed/${name}.js`)).length;
      return out;
    });
    for (const [name, count] of Object.entries(exported)) assert.ok(count > 0, `${name}.js exports something`);
    assertNoProblems(page);
  });

  test('a ballot of the largest demo shape encrypts and verifies in the page', { timeout: 60000 }, async () => {
    const result = await page.evaluate(async () => {
      const S = await import('/assets/shared/sealed/index.js');
      const key = S.baseMultiply(await S.systemRandom.scalar());
      const shapes = [
        { contest: 'committee', candidates: ['001', '002', '003', '004', '005', '006', '007', '008'], lines: 7, seats: 7 },
        { contest: 'audit', candidates: ['101', '102', '103', '104'], lines: 3, seats: 3 },
        { contest: 'women', candidates: ['201', '202', '203', '204', '205', '206'], lines: 5, seats: 5 },
      ];
      const marks = { committee: { for: ['001', '002'], against: ['003'], write_ins: ['赵六'] }, audit: { for: ['101'] }, women: {} };
      const round = { manifestHash: '00'.repeat(32), round: 1 };
      const started = performance.now();
      const { ballot } = await S.encryptBallot(shapes, marks, round, key, S.systemRandom);
      const encrypted = performance.now();
      const verified = await S.verifyBallot(shapes, JSON.parse(JSON.stringify(ballot)), round, key);
      const verifiedAt = performance.now();
      const altered = JSON.parse(JSON.stringify(ballot));
      altered.sections[2].candidates[5].against = altered.sections[2].candidates[4].against;
      const refused = await S.verifyBallot(shapes, altered, round, key);
      return { ok: verified.ok, refused: [refused.problem, refused.place], encryptMs: encrypted - started, verifyMs: verifiedAt - encrypted, bytes: JSON.stringify(ballot).length };
    });
    assert.equal(result.ok, true);
    assert.deepEqual(result.refused, ['proof', 'women/206/against']);
    console.log(`# largest demo ballot in Chromium: encrypted in ${result.encryptMs.toFixed(0)} ms (with the joint key's tables), verified in ${result.verifyMs.toFixed(0)} ms, ${(result.bytes / 1024).toFixed(0)} KiB of JSON`);
    assert.ok(result.encryptMs < 10000, `${result.encryptMs} ms`);
    assertNoProblems(page);
  });
});
