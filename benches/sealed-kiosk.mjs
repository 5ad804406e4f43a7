// How fast the sealed ballots' browser cryptography is in Chromium (Debian's package), on the
// largest ballot of the demo: committee (8 candidates, 7 seats, 7 write-in lines), audit (4, 3,
// 3) and women (6, 5, 5). Prints, without asserting:
//   - encrypting and proving that ballot at the kiosk, 15 times: median and p90 (target ≤ 1 s);
//   - verifying one such ballot;
//   - a trustee's partial decryption, with its batched proof, of the first opening list of a
//     round of 200 such ballots (§8: 36 totals and 600 write-in counts; target ≤ 5 s), and
//     checking that partial decryption.
// Run with `node benches/sealed-kiosk.mjs` (after `npm ci`).

import { launchBrowser } from '../tests/browser/support/browser.mjs';
import { startStaticServer } from '../tests/browser/support/static.mjs';

const RUNS = 15;
const BALLOTS = 200;

const server = await startStaticServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`script error: ${error.message}`));
  await page.goto(`${server.url}/`);
  const figures = await page.evaluate(async ({ runs, ballots }) => {
    const S = await import('/assets/shared/sealed/index.js');
    const rng = S.systemRandom;
    const shapes = [
      { contest: 'committee', candidates: ['001', '002', '003', '004', '005', '006', '007', '008'], lines: 7, seats: 7 },
      { contest: 'audit', candidates: ['101', '102', '103', '104'], lines: 3, seats: 3 },
      { contest: 'women', candidates: ['201', '202', '203', '204', '205', '206'], lines: 5, seats: 5 },
    ];
    const marks = { committee: { for: ['001', '002', '003', '004'], against: ['005'], write_ins: ['赵六', '钱七'] }, audit: { for: ['101', '102'] }, women: { against: ['201'] } };
    const round = { manifestHash: 'ab'.repeat(32), round: 1 };
    const secret = await rng.scalar();
    const key = S.baseMultiply(secret);
    const time = async (f) => {
      const started = performance.now();
      const value = await f();
      return [performance.now() - started, value];
    };

    const [tablesMs] = await time(() => S.fixedBase(key));
    const encryptMs = [];
    let ballot;
    for (let i = 0; i < runs; i += 1) {
      const [ms, made] = await time(() => S.encryptBallot(shapes, marks, round, key, rng));
      encryptMs.push(ms);
      ballot = made.ballot;
    }
    const json = JSON.parse(JSON.stringify(ballot));
    const verifyMs = [];
    for (let i = 0; i < 5; i += 1) verifyMs.push((await time(() => S.verifyBallot(shapes, json, round, key)))[0]);

    // A round's ballots as a verifier reads them; the opening list needs only their ciphertexts,
    // so they are made without proofs here (encrypting 200 ballots with proofs takes ~20 s).
    const read = [];
    for (let b = 0; b < ballots; b += 1) {
      const sections = [];
      for (const shape of shapes) {
        const ct = (v) => S.encrypt(key, v, S.scalarFromWide(crypto.getRandomValues(new Uint8Array(64))));
        sections.push({
          contest: shape.contest,
          candidates: shape.candidates.map((candidate, k) => ({ candidate, for: ct(k % 2), against: ct(0) })),
          writeIns: Array.from({ length: shape.lines }, (_, q) => ({ used: ct(q === 0 && b % 3 === 0 ? 1 : 0) })),
        });
      }
      read.push({ sections });
    }
    const [addMs, list] = await time(() => S.firstOpeningList(shapes, read));
    const [partialMs, partial] = await time(() => S.partialDecrypt(round, S.TOTALS, 1, secret, key, list.ciphertexts, rng));
    const [checkMs, checked] = await time(() => S.verifyPartial(round, S.TOTALS, key, list.ciphertexts, partial));
    const [countMs, counts] = await time(() => S.readCounts(S.combine(list.ciphertexts, new Map([[1, checked]])), ballots));
    return { tablesMs, encryptMs, verifyMs, entries: list.ciphertexts.length, addMs, partialMs, checkMs, countMs, counted: counts.slice(0, 4) };
  }, { runs: RUNS, ballots: BALLOTS });

  const sorted = [...figures.encryptMs].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const ms = (x) => `${x.toFixed(0)} ms`;
  const line = (label, value) => console.log(`${label.padEnd(48)}${value}`);
  console.log(`Sealed ballots in Chromium ${browser.version()}, largest demo ballot (8+4+6 candidates, 7+3+5 lines):`);
  line("  the joint key's tables, once per kiosk:", ms(figures.tablesMs));
  line(`  encrypt and prove a ballot (${RUNS} runs):`, `median ${ms(at(0.5))}, p90 ${ms(at(0.9))}, first ${ms(figures.encryptMs[0])}`);
  line('  verify a ballot (5 runs):', `median ${ms([...figures.verifyMs].sort((a, b) => a - b)[2])}`);
  console.log(`  a round of ${BALLOTS} ballots, its first opening list of ${figures.entries} entries:`);
  line('    adding up the round:', ms(figures.addMs));
  line("    a trustee's partial decryption, proved:", ms(figures.partialMs));
  line('    checking that partial decryption:', ms(figures.checkMs));
  line('    combining and reading the counts:', `${ms(figures.countMs)} (first counts ${figures.counted.join(', ')})`);
} finally {
  await browser.close();
  await server.stop();
}
