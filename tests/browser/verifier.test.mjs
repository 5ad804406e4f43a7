// The JS verifier (kiosk/shared/verifier/), run in Node, against the Rust reference verifier
// (`ballotbox verify --json`): they agree — ok, or the first failing check and its place — on a
// real demo congress and on each way of tampering with it; on records signed here with the worked
// example's key that pass through write-ins, over-votes, ties, void votes and a missing quorum;
// and the worked example of docs/record-format.md §12 gives, step by step, the exact bytes and
// hashes the document shows. Last, a 100,000-ballot record verifies in Chromium in seconds.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { concat, fromHex, grouped, toHex, utf8 } from '../../kiosk/shared/verifier/bytes.js';
import { canonical, canonicalBytes } from '../../kiosk/shared/verifier/jcs.js';
import { L, keyProblem, publicKeyOfSeed, signWithSeed, useWebCrypto, verifyStrict } from '../../kiosk/shared/verifier/ed25519.js';
import { inclusionProof, leafHash, root as merkleRoot, verifyInclusion } from '../../kiosk/shared/verifier/merkle.js';
import { Progress } from '../../kiosk/shared/verifier/progress.js';
import { checkInclusionProof, findReceipt } from '../../kiosk/shared/verifier/receipt.js';
import { shortReceipt } from '../../kiosk/shared/short-receipt.js';
import { EXPLANATION, recount } from '../../kiosk/shared/verifier/tally.js';
import { commit, evaluate, jointKey, publicShare, readCommitments } from '../../kiosk/shared/sealed/ceremony.js';
import { counterRandom } from '../../kiosk/shared/sealed/random.js';
import { encryptBallot } from '../../kiosk/shared/sealed/ballot.js';
import { TOTALS, WRITE_INS, firstOpeningList, partialDecrypt, secondOpeningList, combine, readCounts } from '../../kiosk/shared/sealed/opening.js';
import { Point, modL } from '../../kiosk/shared/sealed/ristretto.js';
import { checkOpeningOf, checkSealedBallots, shapesOf } from '../../kiosk/shared/verifier/sealed.js';
import { recountOpened } from '../../kiosk/shared/verifier/tally.js';
import { MALFORMED, documentHash, fingerprint, signedMessage, verifyRecord } from '../../kiosk/shared/verifier/verify.js';
import { LANGUAGES, translate } from '../../kiosk/shared/i18n.js';
import { ARTIFACTS, ROOT, startServer } from './support/server.mjs';
import { launchBrowser, newPage } from './support/browser.mjs';

const BINARY = process.env.BALLOTBOX_BIN ?? join(ROOT, 'target', 'debug', 'ballotbox');
const DIR = join(ARTIFACTS, 'verifier');
const ELECTION_SEED = new Uint8Array(32).fill(0x42);
const INSPECTOR_SEED = new Uint8Array(32).fill(0x17);

/** `ballotbox verify --json FILE`: { status, report } (report null when it exits 2). */
function rustVerify(file) {
  const run = spawnSync(BINARY, ['verify', '--json', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return { status: run.status, report: run.status === 2 ? null : JSON.parse(run.stdout), stderr: run.stderr };
}

/**
 * Every check and the failure of `report` say themselves to people in each language, wholly
 * from the table, and cite the regulation, never RULES.md. (`say` is ours alone: the Rust
 * report gives the English, and the comparison with it leaves `say` out.)
 */
function assertSaid(name, report) {
  for (const item of [...report.checks, ...(report.failure ? [report.failure] : [])]) {
    assert.ok(item.say?.key, `${name}: ${item.code}@${item.place} has something to say`);
    for (const language of LANGUAGES) {
      const text = translate(language, item.say.key, item.say.params);
      assert.ok(!text.includes('⟦'), `${name}: ${item.code}@${item.place} in ${language}: ${text}`);
      assert.ok(!/RULES\.md|\[object Object\]|undefined/.test(text), `${name}: ${item.code}@${item.place} in ${language}: ${text}`);
    }
    assert.ok(!/RULES\.md/.test(item.detail ?? item.problem), `${name}: ${item.code}@${item.place}: ${item.detail ?? item.problem}`);
  }
}

/** Writes `text`, verifies it both ways, and asserts that they agree; resolves to both reports. */
async function agree(name, text) {
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, `${name}.json`);
  writeFileSync(file, text);
  const ours = await verifyRecord(text);
  assertSaid(name, ours);
  const rust = rustVerify(file);
  if (rust.status === 2) {
    // Not a record of this format: ballotbox exits 2 naming the JSON path; ours says malformed.
    assert.equal(ours.failure?.code, MALFORMED, `${name}: ours says ${JSON.stringify(ours.failure)}; ballotbox: ${rust.stderr}`);
    // ballotbox names the member, or for a missing one the object that lacks it.
    const parent = ours.malformed.path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    assert.ok(rust.stderr.includes(`${ours.malformed.path}:`) || rust.stderr.includes(`${parent}:`), `${name}: ballotbox names ${rust.stderr.trim()}, ours ${ours.malformed.path}`);
    return { ours, rust };
  }
  assert.equal(ours.ok, rust.report.ok, `${name}: ok — ours ${JSON.stringify(ours.failure)}, ballotbox ${JSON.stringify(rust.report.failure)}`);
  assert.equal(ours.failure?.code ?? null, rust.report.failure?.code ?? null, `${name}: the failing check`);
  assert.equal(ours.failure?.place ?? null, rust.report.failure?.place ?? null, `${name}: where it fails`);
  assert.deepEqual(
    ours.checks.map((c) => `${c.code}@${c.place}`),
    rust.report.checks.map((c) => `${c.code}@${c.place}`),
    `${name}: the same checks, in the same order`,
  );
  assert.equal(ours.result_hash, rust.report.result_hash, `${name}: the result hash`);
  assert.equal(rust.status, ours.ok ? 0 : 1);
  return { ours, rust: rust.report };
}

// ---- §12: the worked example, byte by byte ----

const DOC = readFileSync(join(ROOT, 'docs', 'record-format.md'), 'utf8');
const EXAMPLE_TEXT = /<!-- example-record:start -->\n```json\n([\s\S]*?)\n```\n<!-- example-record:end -->/.exec(DOC)[1];

/** The code block that follows `marker` in §12. */
function blockAfter(marker) {
  const at = DOC.indexOf(marker, DOC.indexOf('## 12. A worked example'));
  assert.ok(at > 0, `§12 has ${marker}`);
  return /```\n([\s\S]*?)\n```/.exec(DOC.slice(at))[1];
}

describe('the worked example of docs/record-format.md §12', () => {
  const record = JSON.parse(EXAMPLE_TEXT);
  const round = record.rounds[0];

  test('verifies, with the result hash the document gives', async () => {
    const { ours } = await agree('example', EXAMPLE_TEXT);
    assert.equal(ours.ok, true);
    assert.equal(ours.result_hash, blockAfter('**The result hash** of the minutes').split('\n')[0]);
  });

  test('ballot 1’s leaf data, the leaf hashes, the root and ballot 1’s inclusion proof', async () => {
    assert.equal(canonical(round.ballots[0]), blockAfter("**Ballot 1's leaf data**"));
    assert.equal(canonicalBytes(round.ballots[0]).length, Number(/`JCS\(ballot 1\)` \((\d+) bytes/.exec(DOC)[1]));
    const leaves = await Promise.all(round.ballots.map((b) => leafHash(canonicalBytes(b))));
    const listed = blockAfter('**Leaf hashes**').split('\n').map((line) => line.split(/\s+/)[2]);
    assert.deepEqual(leaves.map(toHex), listed);
    const [node12, rootLine] = blockAfter('**The root.**').split('\n').map((line) => line.split(/\s+/)[1]);
    const { nodeHash } = await import('../../kiosk/shared/verifier/merkle.js');
    assert.equal(toHex(await nodeHash(leaves[0], leaves[1])), node12);
    assert.equal(await merkleRoot(leaves), rootLine);
    assert.equal(rootLine, round.tree_head.root);
    const proof = await inclusionProof(0, leaves);
    assert.deepEqual(proof, blockAfter("**Ballot 1's inclusion proof**").split('\n'));
    assert.ok(await verifyInclusion(0, 3, toHex(leaves[0]), proof, rootLine));
    assert.ok(!(await verifyInclusion(1, 3, toHex(leaves[0]), proof, rootLine)));
  });

  test('the tree head’s signed message and the signatures, made again from the seeds', async () => {
    assert.equal(canonical(round.tree_head), blockAfter('`JCS(tree_head)`'));
    const message = signedMessage('tree_head', round.tree_head);
    assert.equal(toHex(message), blockAfter('in hex:').replace(/\n/g, ''));
    assert.equal(toHex(await publicKeyOfSeed(ELECTION_SEED)), record.public_key);
    assert.equal(toHex(await signWithSeed(ELECTION_SEED, message)), round.tree_head_signature);
    assert.equal(toHex(await signWithSeed(ELECTION_SEED, signedMessage('result', round.result))), round.result_signature);
    const publication = record.publication;
    assert.equal(toHex(await signWithSeed(ELECTION_SEED, signedMessage('publication', publication.publication))), publication.signature);
    const [countersignature] = record.countersignatures;
    assert.equal(toHex(await publicKeyOfSeed(INSPECTOR_SEED)), countersignature.public_key);
    const signed = { congress: 'demo', result_hash: publication.result_hash };
    assert.equal(canonical(signed), blockAfter('`ballotbox/v1/countersignature || 0x00 ||` these bytes:'));
    assert.equal(toHex(await signWithSeed(INSPECTOR_SEED, signedMessage('countersignature', signed))), countersignature.signature);
  });

  test('the hashes and fingerprints the document prints', async () => {
    const [resultHash, resultSignature] = blockAfter("**The round's result hash**").split('\n');
    assert.equal(await documentHash(round.result), resultHash);
    assert.equal(round.result_signature, resultSignature);
    assert.ok(DOC.includes(`**The manifest hash**: \`${await documentHash(record.manifest)}\``));
    const printed = blockAfter('`ballotbox verify` on this record prints:');
    assert.ok(printed.includes(grouped(await fingerprint(record.public_key))));
    assert.ok(printed.includes(grouped(await fingerprint(record.countersignatures[0].public_key))));
    assert.ok(printed.includes(grouped(record.publication.result_hash)));
  });

  test('a receipt is found in the record and its proof leads to the signed root', async () => {
    const leaf = toHex(await leafHash(canonicalBytes(round.ballots[2])));
    const found = await findReceipt(record, grouped(leaf).toUpperCase());
    assert.deepEqual([found.found, found.ok, found.round, found.position, found.size], [true, true, 1, 3, 3]);
    const answer = {
      receipt: leaf,
      short: shortReceipt(leaf),
      round: 1,
      index: 2,
      tree_head: round.tree_head,
      tree_head_signature: round.tree_head_signature,
      public_key: record.public_key,
      proof: found.proof,
    };
    assert.equal((await checkInclusionProof(answer, { receipt: leaf, publicKey: record.public_key, congress: 'demo' })).ok, true);
    const wrong = await checkInclusionProof({ ...answer, index: 1 }, { receipt: leaf, publicKey: record.public_key });
    assert.deepEqual([wrong.ok, wrong.checks.at(-1).code], [false, 'inclusion']);
    assert.equal((await findReceipt(record, 'ab'.repeat(32))).found, false);
  });
});

// ---- Ed25519, strictly ----

describe('strict Ed25519', () => {
  test('keys of small order and non-canonical encodings are refused', () => {
    const smallOrder = [
      '0100000000000000000000000000000000000000000000000000000000000000', // the identity
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // order 2
      '0000000000000000000000000000000000000000000000000000000000000000', // order 4
      '0000000000000000000000000000000000000000000000000000000000000080', // order 4, x = 0 with the sign bit
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', // order 8
      '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', // order 8
    ];
    for (const key of smallOrder) assert.ok(['small_order', 'noncanonical'].includes(keyProblem(key)), key);
    assert.equal(keyProblem('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'), 'noncanonical'); // y = p
    assert.equal(keyProblem('2152f8d19b791d24453242e15f2eab6cb7cffa7b6a5ed30097960e069881db12'), null);
  });

  test('S ≥ L, a small-order R and a wrong message are refused; WebCrypto and the plain-JS arithmetic agree', async () => {
    const key = await publicKeyOfSeed(ELECTION_SEED);
    for (const webCrypto of [true, false]) {
      useWebCrypto(webCrypto);
      for (let i = 0; i < 8; i += 1) {
        const message = utf8(`message ${i}`);
        const signature = await signWithSeed(ELECTION_SEED, message);
        assert.deepEqual(await verifyStrict(key, message, signature), { ok: true });
        assert.equal((await verifyStrict(key, utf8(`message ${i}!`), signature)).problem, 'equation');
        // S + L: the same point equation, but not reduced — malleable, so refused.
        let s = 0n;
        for (let j = 63; j >= 32; j -= 1) s = (s << 8n) | BigInt(signature[j]);
        s += L;
        const malleated = Uint8Array.from(signature);
        for (let j = 32; j < 64; j += 1) {
          malleated[j] = Number(s & 0xffn);
          s >>= 8n;
        }
        assert.equal((await verifyStrict(key, message, malleated)).problem, 's_not_reduced');
        const smallR = concat(fromHex('0100000000000000000000000000000000000000000000000000000000000000'), signature.subarray(32));
        assert.equal((await verifyStrict(key, message, smallR)).problem, 'r_small_order');
      }
    }
    useWebCrypto(true);
  });
});

// ---- A real congress and its tamperings ----

describe('a demo congress and each way of tampering with it', () => {
  let text;
  let base;

  before(() => {
    mkdirSync(DIR, { recursive: true });
    const file = join(DIR, 'demo.json');
    const run = spawnSync(BINARY, ['demo', '--delegates', '40', '--kiosks', '2', '--out', file], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    text = readFileSync(file, 'utf8');
    base = JSON.parse(text);
  });

  test('the untouched record verifies both ways, check for check', async () => {
    const { ours } = await agree('demo-untouched', text);
    assert.equal(ours.ok, true);
    assert.ok(ours.result_hash);
  });

  const canon = (v) => canonical(v);
  const variants = {
    'one mark changed': ['tree_root', async (r) => {
      // The demo's ballots are sealed: a vote for is made a vote against by swapping the two
      // ciphertexts of a candidate.
      const candidate = r.rounds[0].sealed.ballots[4].sealed[0].candidates[0];
      [candidate.for, candidate.against] = [candidate.against, candidate.for];
      // Put back in receipt order, as a careful forger would.
      r.rounds[0].sealed.ballots = (await inReceiptOrder(r.rounds[0].sealed.ballots)).ballots;
    }],
    'a ballot dropped': ['tree_size', (r) => r.rounds[1].sealed.ballots.pop()],
    'two ballots reordered': ['log_order', (r) => {
      const b = r.rounds[0].sealed.ballots;
      [b[0], b[2]] = [b[2], b[0]];
    }],
    'a challenged ballot whose opening names another mark': ['spoiled_ballots', (r) => {
      const spoiled = r.rounds.find((round) => round.sealed.spoiled.length > 0).sealed.spoiled[0];
      const candidate = spoiled.opening.sections[0].candidates[0];
      candidate.mark = candidate.mark === 'for' ? 'against' : 'for';
    }],
    'a trustee\'s partial decryption altered': ['opening', (r) => {
      const shares = r.rounds[0].sealed.totals[0].shares;
      [shares[0], shares[1]] = [shares[1], shares[0]];
    }],
    'one trustee\'s partial decryption left out': ['opening', (r) => { r.rounds[0].sealed.totals.pop(); }],
    'the write-ins\' decryption left out': ['opening', (r) => {
      const round = r.rounds.find((x) => x.sealed.write_ins.length > 0);
      if (round) round.sealed.write_ins = [];
      else r.rounds[0].sealed.totals = [];
    }],
    'a count altered in a result': ['recount', (r) => { r.rounds[0].result.tally.contests[0].candidates[0].for += 1; }],
    'ballots returned altered': ['recount', (r) => { r.rounds[0].result.tally.contests[0].returned += 1; }],
    'the tree-head signature put in as the result signature': ['result_signature', (r) => { r.rounds[0].result_signature = r.rounds[0].tree_head_signature; }],
    'the manifest altered': ['manifest_hash', (r) => { r.manifest.contests[0].candidates[1].name = '杨洋'; }],
    'a forged countersignature': ['countersignature', (r) => {
      const { privateKey } = generateKeyPairSync('ed25519');
      const message = Buffer.concat([Buffer.from('ballotbox/v1/countersignature\0'), Buffer.from(canon({ congress: r.manifest.congress.id, result_hash: r.publication.result_hash }))]);
      r.countersignatures[0].signature = nodeSign(null, message, privateKey).toString('hex');
    }],
    'a countersignature with the election key': ['countersignature', (r) => { r.countersignatures[0].public_key = r.public_key; }],
    'a countersignature given twice': ['countersignature', (r) => { r.countersignatures.push({ ...r.countersignatures[0], inspector: '另一人' }); }],
    'a wrong round result hash': ['result_hash', (r) => { r.rounds[0].result_hash = 'ab'.repeat(32); }],
    'a publication that misstates votes': ['publication', (r) => { r.publication.publication.bodies[0].elected[0].for += 1; }],
    'a wrong publication hash': ['publication_hash', (r) => { r.publication.result_hash = 'cd'.repeat(32); }],
    'a weak election key': ['public_key', (r) => { r.public_key = `01${'00'.repeat(31)}`; }],
    'more issued than present': ['counts', (r) => { r.rounds[0].result.issued.committee += 1000; }],
    'an entitled count that departs from the manifest': ['turnout', (r) => { r.rounds[0].result.turnout[0].entitled += 1; }],
    'a round left out': ['round_rules', (r) => r.rounds.splice(1, 1)],
    'a ballot of another round': ['ballot_round', (r) => r.rounds[0].sealed.ballots.push(r.rounds[1].sealed.ballots[0])],
    'a result that counts another tree': ['result_tree_head', (r) => { r.rounds[0].result.tree_head.size += 1; }],
    'a round of another manifest': ['round_manifest', (r) => { r.rounds[0].result.round.manifest_hash = 'ef'.repeat(32); }],
    'no publication, but countersigned': ['countersignature', (r) => { r.publication = null; }],
    'no publication, no countersignature': [null, (r) => { r.publication = null; r.countersignatures = []; }],
    'a fraction among the counts': ['recount', (r) => { r.rounds[0].result.tally.contests[0].seats = 1.5; }],
    // A manifest hashed again after the change: what it says must still be unambiguous.
    'an electorate listed twice': ['manifest_contents', async (r) => {
      r.manifest.electorates.push({ ...r.manifest.electorates[0] });
      r.manifest_hash = await documentHash(r.manifest);
    }],
    'a style naming a contest the manifest does not hold': ['manifest_contents', async (r) => {
      r.manifest.styles[0].contests.push('treasurer');
      r.manifest_hash = await documentHash(r.manifest);
    }],
    'a roster hash that is no digest': ['manifest_contents', async (r) => {
      r.manifest.roster_hash = 'the roster';
      r.manifest_hash = await documentHash(r.manifest);
    }],
    'a date not in the calendar': ['manifest_contents', async (r) => {
      r.manifest.congress.date = '2026-02-30';
      r.manifest_hash = await documentHash(r.manifest);
    }],
    'a countersignature naming nobody': ['countersignature', (r) => { r.countersignatures[0].inspector = ' '; }],
  };
  for (const [name, [code, change]] of Object.entries(variants)) {
    test(`${name}: both ${code ? `fail at ${code}` : 'verify'}`, async () => {
      const record = structuredClone(base);
      await change(record);
      const { ours } = await agree(name.replace(/\W+/g, '-'), JSON.stringify(record, null, 2));
      assert.equal(ours.failure?.code ?? null, code);
    });
  }

  const malformed = {
    'a member left out': (r) => { delete r.rounds[0].sealed.ballots[0].salt; },
    'an unknown member': (r) => { r.rounds[0].sealed.ballots[0].kiosk = 'k1'; },
    'a digest in capitals': (r) => { r.rounds[0].tree_head.root = r.rounds[0].tree_head.root.toUpperCase(); },
    'another format': (r) => { r.format = 'ballotbox-record/9'; },
  };
  for (const [name, change] of Object.entries(malformed)) {
    test(`${name}: not a record of this format, both ways`, async () => {
      const record = structuredClone(base);
      change(record);
      const { ours } = await agree(name.replace(/\W+/g, '-'), JSON.stringify(record));
      assert.equal(ours.failure.code, MALFORMED);
    });
  }

  test('a list out of stroke order, the manifest rehashed: both fail at ballot_order; fixed by hand, both pass it', async () => {
    const record = structuredClone(base);
    record.manifest.contests[0].candidates.reverse();
    record.manifest_hash = await documentHash(record.manifest);
    const { ours } = await agree('out-of-stroke-order', JSON.stringify(record, null, 2));
    assert.equal(ours.failure.code, 'ballot_order');
    record.manifest.contests[0].order = 'as_listed';
    record.manifest_hash = await documentHash(record.manifest);
    const byHand = await agree('fixed-by-hand', JSON.stringify(record, null, 2));
    assert.equal(byHand.ours.failure.code, 'round_manifest', 'the rounds were signed under the manifest as it was');
    assert.match(byHand.ours.checks.find((c) => c.code === 'ballot_order').detail, /fixed by hand: /);
  });

  test('a member given twice, or a number written 1.0, is not read as JSON.parse would read it', async () => {
    const doubled = text.replace('"salt": ', '"salt": "00", "salt": ');
    const { ours } = await agree('member-twice', doubled);
    assert.match(ours.malformed.message, /the member "salt" is given twice/);
    assert.equal(ours.malformed.path, 'rounds[0].sealed.ballots[0]');
    const decimal = text.replace(/"round": 1,/, '"round": 1.0,');
    assert.equal((await verifyRecord(decimal)).failure.code, MALFORMED);
  });
});

// ---- Records signed here: write-ins, over-votes, ties, void votes, no quorum ----

/** Ballots sorted by receipt, as a log lists them (record format §5), with their leaf hashes. */
async function inReceiptOrder(ballots) {
  const hashed = await Promise.all(ballots.map(async (b) => [toHex(await leafHash(canonicalBytes(b))), b]));
  hashed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { ballots: hashed.map(([, b]) => b), leaves: hashed.map(([hex]) => fromHex(hex)) };
}

/**
 * Builds a record of the worked example's manifest, signed with its key, round by round: each
 * round is { contests, ballots: [sections], turnout: { all: [E, present], female: [...] },
 * issued: { contest: n } }, with `choose` (an additional round's candidates) and `forge` (changes
 * the round's contests as a server breaking the rules would; such a round is recorded but not
 * replayed). The tallies come from this verifier's recount; ballotbox verify,
 * which recounts with the Rust rules engine and compares the tallies byte for byte, is the judge.
 */
async function signedRecord(rounds, { manifest: change } = {}) {
  const record = JSON.parse(EXAMPLE_TEXT);
  if (change) change(record.manifest);
  record.manifest_hash = await documentHash(record.manifest);
  record.rounds = [];
  record.decisions = [];
  const progress = new Progress(record.manifest);
  let salt = 0;
  for (const spec of rounds) {
    const number = progress.nextNumber();
    const contests = spec.contests.map((id) => {
      const state = progress.contests.get(id);
      return progress.expected(state, spec.choose?.[id]);
    });
    spec.forge?.(contests);
    const electorate = progress.contests.get(spec.contests[0]).part.electorate;
    const sitting = ['plenary', 'audit_plenary', 'women_plenary'].includes(electorate) ? electorate : 'congress';
    const definition = { congress: 'demo', manifest_hash: record.manifest_hash, number, sitting, contests };
    const cast = spec.ballots.map((sections) => {
      salt += 1;
      const full = {};
      for (const [id, marks] of Object.entries(sections)) full[id] = { for: [], against: [], abstain: [], write_ins: [], ...marks };
      return { congress: 'demo', round: number, salt: salt.toString(16).padStart(32, '0'), sections: full };
    });
    const { ballots, leaves } = await inReceiptOrder(cast);
    const treeHead = { congress: 'demo', round: number, size: ballots.length, root: await merkleRoot(leaves) };
    const turnout = Object.entries(spec.turnout).map(([electorate, [entitled, present]]) => ({ electorate, entitled, present }));
    // The recount stands in for the sentences a server writes for people; write the one the
    // round gives (ballotbox verify compares them byte for byte).
    const sentence = spec.sentence ?? '由大会决定';
    // A server that let anyone be written in at a body's meeting counts without its members.
    const members = spec.anyWriteIn ? null : progress.bodyMembers(sitting);
    const tally = JSON.parse(
      JSON.stringify(recount({ round: definition, ballots, issued: spec.issued, turnout, manifest: record.manifest, members }), (_, v) =>
        v === EXPLANATION ? sentence : v,
      ),
    );
    const result = { format: 'ballotbox-result/1', round: definition, tree_head: treeHead, turnout, issued: spec.issued, tally };
    record.rounds.push({
      ballots,
      tree_head: treeHead,
      tree_head_signature: toHex(await signWithSeed(ELECTION_SEED, signedMessage('tree_head', treeHead))),
      result,
      result_hash: await documentHash(result),
      result_signature: toHex(await signWithSeed(ELECTION_SEED, signedMessage('result', result))),
    });
    if (spec.forge) continue;
    progress.check(definition);
    progress.finish(definition, tally);
  }
  try {
    const publication = progress.publication('demo', record.manifest_hash, record.rounds.map((r) => ({ number: r.result.round.number, result_hash: r.result_hash })), []);
    const resultHash = await documentHash(publication);
    record.publication = {
      publication,
      result_hash: resultHash,
      signature: toHex(await signWithSeed(ELECTION_SEED, signedMessage('publication', publication))),
    };
    const signed = signedMessage('countersignature', { congress: 'demo', result_hash: resultHash });
    record.countersignatures = [{ inspector: '赵敏', public_key: toHex(await publicKeyOfSeed(INSPECTOR_SEED)), signature: toHex(await signWithSeed(INSPECTOR_SEED, signed)) }];
  } catch {
    record.publication = null;
    record.countersignatures = [];
  }
  return record;
}

const TURNOUT = { all: [5, 5], female: [2, 2] };
const votes = (...ids) => ({ committee: { for: ids } });

describe('records signed here with the worked example’s key', () => {
  test('write-ins, an over-vote, contradictory marks and listed names written in', async () => {
    const record = await signedRecord([
      {
        contests: ['committee'],
        turnout: TURNOUT,
        issued: { committee: 5 },
        ballots: [
          votes('001', '002', '003'),
          { committee: { for: ['001', '002'], write_ins: ['赵六'] } },
          votes('001', '002', '003', '004'),
          { committee: { for: ['001', '003'], against: ['001'], write_ins: [' 李强 ', '孙七', '孙七'] } },
          { committee: { for: ['001'], write_ins: ['张伟'] } },
        ],
      },
    ]);
    const contest = record.rounds[0].result.tally.contests[0];
    assert.deepEqual([contest.returned, contest.valid, contest.invalid, contest.status], [5, 4, 1, 'complete']);
    assert.deepEqual(contest.candidates.filter((c) => c.write_in).map((c) => [c.name, c.for]), [['孙七', 1], ['赵六', 1]]);
    // In ballot order: 王芳 001, 刘洋 004, 李强 002, 张伟 003.
    assert.deepEqual(contest.candidates.slice(0, 4).map((c) => [c.id, c.for, c.against, c.abstain]), [
      ['001', 3, 0, 1],
      ['004', 0, 0, 4],
      ['002', 3, 0, 1],
      ['003', 3, 0, 1],
    ]);
    const { ours } = await agree('signed-write-ins', JSON.stringify(record, null, 2));
    assert.equal(ours.ok, true, JSON.stringify(ours.failure));
  });

  test('a tie at the last seat, then the re-vote among the tied, published and countersigned', async () => {
    const tied = await signedRecord([
      {
        contests: ['committee'],
        turnout: TURNOUT,
        issued: { committee: 5 },
        ballots: [votes('001', '002', '003'), votes('001', '002', '003'), votes('001', '002', '004'), votes('001', '002', '004'), votes('001', '003', '004')],
      },
      {
        contests: ['committee'],
        turnout: TURNOUT,
        issued: { committee: 5 },
        ballots: [votes('003'), votes('003'), votes('004'), votes('003'), { committee: { for: ['003'], against: ['003'] } }],
      },
    ]);
    const [first, second] = tied.rounds.map((r) => r.result.tally.contests[0]);
    // The tied in ballot order: 刘洋 004 before 张伟 003.
    assert.deepEqual([first.status, first.tied.map((p) => p.id), first.next.action], ['tie', ['004', '003'], 'tie_revote']);
    assert.deepEqual([second.round, second.threshold, second.status], ['tie_revote', 1, 'complete']);
    assert.ok(tied.publication);
    const { ours } = await agree('signed-tie', JSON.stringify(tied, null, 2));
    assert.equal(ours.ok, true);
    assert.equal(ours.checks.at(-1).code, 'countersignature');
  });

  test('a person written in who ties at the last seat stands in the re-vote as ~1, both ways', async () => {
    const written = (...ids) => ({ committee: { for: ids, write_ins: ['赵六'] } });
    const first = {
      contests: ['committee'],
      turnout: TURNOUT,
      issued: { committee: 5 },
      ballots: [written('001', '003'), votes('001', '002', '003'), votes('001', '002', '003'), written('001', '002'), written('001', '002')],
    };
    const sentence = 'contest "committee": 赵六 was elected as a write-in (另选他人); report for the higher union\'s approval';
    const revote = (extra = {}) => ({
      contests: ['committee'],
      turnout: TURNOUT,
      issued: { committee: 5 },
      ballots: [votes('~1'), votes('~1'), votes('~1'), votes('003'), votes('003')],
      sentence,
      ...extra,
    });
    const record = await signedRecord([first, revote()]);
    const [tie, again] = record.rounds.map((r) => r.result);
    assert.deepEqual(tie.tally.contests[0].tied, [{ id: '003', name: '张伟' }, { id: null, name: '赵六', write_in: true }]);
    assert.deepEqual(again.round.contests[0].candidates, [{ id: '003', name: '张伟', unit: '示范车间' }, { id: '~1', name: '赵六', unit: '' }]);
    assert.deepEqual(again.tally.contests[0].elected, [{ id: '~1', name: '赵六', write_in: true }]);
    assert.ok(record.publication);
    const elected = record.publication.publication.bodies[0].elected.map((p) => [p.id, p.name, p.write_in]);
    assert.deepEqual(elected.at(-1), [null, '赵六', true]);
    const { ours } = await agree('signed-write-in-tie', JSON.stringify(record, null, 2));
    assert.equal(ours.ok, true, JSON.stringify(ours.failure));

    // The re-vote may list the written-in person only under the name the tally gives.
    const forged = await signedRecord([first, revote({ forge: (contests) => { contests[0].candidates[1].name = '孙七'; } })]);
    const { ours: refused } = await agree('signed-write-in-tie-renamed', JSON.stringify(forged, null, 2));
    assert.equal(refused.failure.code, 'round_rules');
    assert.equal(refused.failure.place, 'round 2');
  });

  test('a void vote (more returned than issued) and a round without quorum, each held again', async () => {
    const record = await signedRecord([
      { contests: ['committee'], turnout: TURNOUT, issued: { committee: 2 }, ballots: [votes('001', '002', '003'), votes('001', '002', '003'), { committee: {} }] },
      { contests: ['committee'], turnout: { all: [5, 3], female: [2, 1] }, issued: { committee: 3 }, ballots: [votes('001', '002', '003'), votes('001', '002', '003')] },
      { contests: ['committee'], turnout: TURNOUT, issued: { committee: 4 }, ballots: [votes('001', '002', '003'), votes('001', '002', '003'), votes('001', '002', '003'), votes('001', '002', '004')] },
    ]);
    assert.deepEqual(record.rounds.map((r) => r.result.tally.contests[0].status), ['void', 'no_quorum', 'complete']);
    const { ours } = await agree('signed-void-no-quorum', JSON.stringify(record, null, 2));
    assert.equal(ours.ok, true);
  });

  test('listed names written in beside other marks, and a write-in in an invalid section', async () => {
    const three = votes('001', '002', '003');
    for (const [name, last] of Object.entries({
      'written-in-beside-against': { committee: { for: ['001', '002'], against: ['003'], write_ins: ['张伟'] } },
      'written-in-beside-abstain': { committee: { for: ['001'], abstain: ['003'], write_ins: ['张伟'] } },
      'written-in-twice': { committee: { for: ['001'], write_ins: ['张伟', '\u3000张伟\u00a0'] } },
      'write-in-in-an-over-vote': { committee: { for: ['001', '002', '003'], write_ins: ['钱八'] } },
    })) {
      const record = await signedRecord([{ contests: ['committee'], turnout: TURNOUT, issued: { committee: 5 }, ballots: [three, three, three, last] }]);
      const { ours } = await agree(`signed-${name}`, JSON.stringify(record));
      assert.equal(ours.ok, true, `${name}: ${JSON.stringify(ours.failure)}`);
    }
  });

  test('four spellings of 赵六 with invisible characters are one person, both ways', async () => {
    const spellings = ['赵六', '赵\u200d六', '赵六\u200b', '\u2060赵六'];
    const record = await signedRecord([
      {
        contests: ['committee'],
        turnout: TURNOUT,
        issued: { committee: 5 },
        // Two spellings on one ballot are one person written twice; across ballots, one person.
        ballots: [
          votes('001', '002', '003'),
          votes('001', '002', '003'),
          votes('001', '002', '003'),
          { committee: { for: ['001', '002'], write_ins: spellings.slice(0, 2) } },
          { committee: { for: ['001', '002'], write_ins: spellings.slice(2) } },
        ],
      },
    ]);
    const contest = record.rounds[0].result.tally.contests[0];
    assert.deepEqual(contest.candidates.filter((c) => c.write_in).map((c) => [c.name, c.for]), [['赵六', 2]]);
    const { ours } = await agree('signed-zhao-liu-four-ways', JSON.stringify(record));
    assert.equal(ours.ok, true, JSON.stringify(ours.failure));
  });

  test('a ballot no paper could show makes the record invalid, named by ballot, both ways', async () => {
    const three = votes('001', '002', '003');
    const cases = {
      'an empty write-in': (b) => { b.sections.committee.write_ins = ['  ']; },
      'a write-in of 65 characters': (b) => { b.sections.committee.write_ins = ['长'.repeat(65)]; },
      'a write-in holding NUL': (b) => { b.sections.committee.write_ins = ['赵\u0000六']; },
      'a write-in holding BEL': (b) => { b.sections.committee.write_ins = ['赵六\u0007']; },
      'a write-in holding a right-to-left override': (b) => { b.sections.committee.write_ins = ['赵\u202e六']; },
      'a write-in on two lines': (b) => { b.sections.committee.write_ins = ['赵\n六']; },
      'a write-in of a lone zero-width space': (b) => { b.sections.committee.write_ins = ['\u200b']; },
      'an unknown candidate': (b) => { b.sections.committee.for = ['c9']; },
      'a candidate twice in one list': (b) => { b.sections.committee.for = ['001', '001']; },
      'no section': (b) => { b.sections = {}; },
      'a section of a contest not on the round': (b) => { b.sections.audit = { for: [], against: [], abstain: [], write_ins: [] }; },
    };
    for (const [name, change] of Object.entries(cases)) {
      const record = await signedRecord([{ contests: ['committee'], turnout: TURNOUT, issued: { committee: 5 }, ballots: [three, three, three, votes('001')] }]);
      const round = record.rounds[0];
      const changed = round.ballots.find((b) => b.sections.committee.for.length === 1);
      change(changed);
      const sorted = await inReceiptOrder(round.ballots);
      round.ballots = sorted.ballots;
      const position = round.ballots.indexOf(changed) + 1;
      round.tree_head.root = await merkleRoot(sorted.leaves);
      round.result.tree_head = { ...round.tree_head };
      round.tree_head_signature = toHex(await signWithSeed(ELECTION_SEED, signedMessage('tree_head', round.tree_head)));
      round.result_hash = await documentHash(round.result);
      round.result_signature = toHex(await signWithSeed(ELECTION_SEED, signedMessage('result', round.result)));
      record.publication = null;
      record.countersignatures = [];
      const { ours, rust } = await agree(`signed-${name.replace(/\W+/g, '-')}`, JSON.stringify(record));
      assert.equal(ours.failure.code, 'recount', name);
      assert.equal(ours.failure.problem, rust.failure.problem, name);
      assert.ok(ours.failure.problem.startsWith(`ballot ${position}: `), ours.failure.problem);
    }
  });

  test('a tally that does not follow from the ballots, though signed, fails the recount both ways', async () => {
    const record = await signedRecord([{ contests: ['committee'], turnout: TURNOUT, issued: { committee: 5 }, ballots: [votes('001', '002', '003'), votes('001', '002', '004')] }]);
    const round = record.rounds[0];
    round.result.tally.contests[0].candidates[3].for = 2;
    round.result_hash = await documentHash(round.result);
    round.result_signature = toHex(await signWithSeed(ELECTION_SEED, signedMessage('result', round.result)));
    const { ours, rust } = await agree('signed-false-tally', JSON.stringify(record, null, 2));
    assert.equal(ours.failure.code, 'recount');
    assert.equal(ours.failure.problem, rust.failure.problem);
  });

  test('a tree head signed in the result’s context is recognised as such, both ways', async () => {
    const record = await signedRecord([{ contests: ['committee'], turnout: TURNOUT, issued: { committee: 5 }, ballots: [votes('001', '002', '003')] }]);
    record.rounds[0].tree_head_signature = toHex(await signWithSeed(ELECTION_SEED, signedMessage('result', record.rounds[0].tree_head)));
    const { ours, rust } = await agree('signed-wrong-context', JSON.stringify(record, null, 2));
    assert.equal(ours.failure.code, 'tree_head_signature');
    assert.equal(ours.failure.problem, rust.failure.problem);
    assert.match(ours.failure.problem, /made in the context "ballotbox\/v1\/result", not "ballotbox\/v1\/tree-head"/);
  });

  test('the plenary elects only members of the new committee, in its additional rounds too, both ways', async () => {
    // 刘洋 (004) is on the chair's list and loses the committee vote; the plenary's first round
    // lists 王芳 alone and elects nobody; its additional round may list only 王芳 again.
    const unit = '示范车间';
    const withChair = (m) => {
      m.contests.push({ id: 'chair', kind: 'chair', title: '工会主席', seats: 1, electorate: 'plenary', order: 'as_listed', candidates: [{ id: '001', name: '王芳', unit }, { id: '004', name: '刘洋', unit }] });
      m.styles.push({ id: 'plenary', electorate: 'plenary', contests: ['chair'] });
    };
    const against = { chair: { against: ['001'] } };
    const rounds = (last) => [
      { contests: ['committee'], turnout: TURNOUT, issued: { committee: 5 }, ballots: [votes('001', '002', '003'), votes('001', '002', '003'), votes('001', '002', '003')] },
      { contests: ['chair'], turnout: { plenary: [3, 3] }, issued: { chair: 3 }, ballots: [against, against, against], sentence: 'nobody has been elected, so there is nothing to reduce to' },
      { contests: ['chair'], turnout: { plenary: [3, 3] }, issued: { chair: 3 }, ...last },
    ];
    const honest = await signedRecord(
      rounds({ choose: { chair: { candidates: [{ id: '001', name: '王芳', unit }] } }, ballots: Array(3).fill({ chair: { for: ['001'] } }) }),
      { manifest: withChair },
    );
    assert.deepEqual(honest.rounds[1].result.round.contests[0].candidates.map((c) => c.id), ['001']);
    assert.equal(honest.rounds[2].result.round.contests[0].round, 'additional');
    assert.ok(honest.publication);
    const { ours: fine } = await agree('signed-plenary-members', JSON.stringify(honest, null, 2));
    assert.equal(fine.ok, true, JSON.stringify(fine.failure));

    const forged = await signedRecord(
      rounds({
        choose: { chair: { candidates: [] } },
        forge: (contests) => { contests[0].candidates = [{ id: '001', name: '王芳', unit }, { id: '004', name: '刘洋', unit }]; },
        ballots: Array(3).fill({ chair: { for: ['004'] } }),
      }),
      { manifest: withChair },
    );
    const { ours, rust } = await agree('signed-plenary-outsider', JSON.stringify(forged, null, 2));
    assert.equal(ours.failure.code, 'round_rules');
    assert.equal(ours.failure.place, 'round 3');
    assert.match(ours.failure.problem, /004 was not elected to the committee/);
    assert.match(rust.failure.problem, /004 was not elected to the committee/);
  });

  test('the plenary may write in only members of the committee, known by number, both ways', async () => {
    // The committee is 王芳 001, 李强 002, 张伟 003; the chair's list is 王芳 alone, and the
    // plenary writes in 李强, who is elected as a member written in (id 002).
    const unit = '示范车间';
    const withChair = (m) => {
      m.contests.push({ id: 'chair', kind: 'chair', title: '工会主席', seats: 1, electorate: 'plenary', order: 'as_listed', candidates: [{ id: '001', name: '王芳', unit }] });
      m.styles.push({ id: 'plenary', electorate: 'plenary', contests: ['chair'] });
    };
    const committee = { contests: ['committee'], turnout: TURNOUT, issued: { committee: 5 }, ballots: Array(3).fill(votes('001', '002', '003')) };
    const plenary = (name, extra = {}) => ({ contests: ['chair'], turnout: { plenary: [3, 3] }, issued: { chair: 3 }, ballots: Array(3).fill({ chair: { write_ins: [name] } }), ...extra });
    const sentence = 'contest "chair": 李强 was elected as a write-in (另选他人); report for the higher union\'s approval';
    const honest = await signedRecord([committee, plenary(' 李强 ', { sentence })], { manifest: withChair });
    const chair = honest.rounds[1].result.tally.contests[0];
    assert.deepEqual(chair.elected, [{ id: '002', name: '李强', write_in: true }]);
    assert.ok(honest.publication);
    const { ours: fine } = await agree('signed-plenary-write-in', JSON.stringify(honest, null, 2));
    assert.equal(fine.ok, true, JSON.stringify(fine.failure));

    // 赵六 is no member: a server that counted him anyway is caught at the recount.
    const forged = await signedRecord([committee, plenary('赵六', { anyWriteIn: true })], { manifest: withChair });
    const { ours, rust } = await agree('signed-plenary-outsider-write-in', JSON.stringify(forged, null, 2));
    assert.equal(ours.failure.code, 'recount');
    assert.match(ours.failure.problem, /"赵六" is not the name of exactly one elected member/);
    assert.match(rust.failure.problem, /"赵六" is not the name of exactly one elected member/);
  });

  test('the women workers’ committee elects its 主任 at its own meeting, from its members only, both ways', async () => {
    // 王芳 (001) and 李强 (002) stand for a one-seat women's committee; 王芳 is elected, and its
    // meeting of one elects her 主任. A forged meeting round that lists 李强 fails both ways.
    const unit = '示范车间';
    const withWomen = (m) => {
      m.electorates.find((e) => e.id === 'female').entitled = 5;
      m.electorates.push({ id: 'women_plenary', entitled: 1 });
      const pair = [{ id: '001', name: '王芳', unit }, { id: '002', name: '李强', unit }];
      m.contests.push({ id: 'women', kind: 'women_committee', title: '女职工委员会委员', seats: 1, electorate: 'female', order: 'as_listed', candidates: pair });
      m.contests.push({ id: 'women_director', kind: 'women_director', title: '女职工委员会主任', seats: 1, electorate: 'women_plenary', order: 'as_listed', candidates: pair });
      m.styles.push({ id: 'female', electorate: 'female', contests: ['committee', 'women'] });
      m.styles.push({ id: 'women_plenary', electorate: 'women_plenary', contests: ['women_director'] });
    };
    const both = { ...votes('001', '002', '003'), women: { for: ['001'] } };
    const first = { contests: ['committee', 'women'], turnout: { all: [5, 5], female: [5, 5] }, issued: { committee: 5, women: 5 }, ballots: [both, both, both] };
    const meeting = { contests: ['women_director'], turnout: { women_plenary: [1, 1] }, issued: { women_director: 1 } };
    const honest = await signedRecord([first, { ...meeting, ballots: [{ women_director: { for: ['001'] } }] }], { manifest: withWomen });
    const round = honest.rounds[1].result.round;
    assert.deepEqual([round.sitting, round.contests[0].entitled, round.contests[0].candidates.map((c) => c.id)], ['women_plenary', 1, ['001']]);
    assert.ok(honest.publication);
    const { ours: fine } = await agree('signed-women-director', JSON.stringify(honest, null, 2));
    assert.equal(fine.ok, true, JSON.stringify(fine.failure));

    const forged = await signedRecord(
      [first, { ...meeting, forge: (contests) => { contests[0].candidates = [{ id: '001', name: '王芳', unit }, { id: '002', name: '李强', unit }]; }, ballots: [{ women_director: { for: ['002'] } }] }],
      { manifest: withWomen },
    );
    const { ours } = await agree('signed-women-director-outsider', JSON.stringify(forged, null, 2));
    assert.equal(ours.failure.code, 'round_rules');
    assert.equal(ours.failure.place, 'round 2');
  });

  test('a round the rules do not call for (a re-vote after a complete count) fails both ways', async () => {
    const record = await signedRecord([{ contests: ['committee'], turnout: TURNOUT, issued: { committee: 5 }, ballots: [votes('001', '002', '003'), votes('001', '002', '003'), votes('001', '002', '003')] }]);
    const second = structuredClone(record.rounds[0]);
    second.result.round.number = 2;
    record.rounds.push(second);
    const { ours } = await agree('signed-extra-round', JSON.stringify(record, null, 2));
    assert.equal(ours.failure.code, 'round_rules');
  });
});

// ---- A sealed manifest: the trustees' key ceremony ----

/** The chief scrutineer 005 of the worked example, and the two scrutineers added beside her. */
const TRUSTEES = ['赵敏', '周杰', '吴敏'];

describe('a sealed manifest: its key ceremony, checked both ways', () => {
  const round = { contests: ['committee'], turnout: TURNOUT, issued: { committee: 5 }, ballots: [votes('001', '002', '003'), votes('001', '002', '003'), votes('001', '002', '003')] };
  // A sealed manifest's record is ballotbox-record/3, its rounds sealed (§6.3.1).
  const record = (change) => sealedRecord([round], { manifest: change });

  test('the ceremony of three trustees verifies, reported after the stroke order', async () => {
    const { ours, rust } = await agree('sealed-manifest', JSON.stringify(await record(), null, 2));
    assert.equal(ours.ok, true, JSON.stringify(ours.failure));
    const codes = rust.checks.map((c) => c.code);
    assert.equal(codes.indexOf('ceremony'), codes.indexOf('ballot_order') + 1, codes.join(' '));
  });

  const tampered = {
    'a joint key that is not the sum of the commitments': (m) => {
      m.sealing.joint_key = m.sealing.commitments[0].commitments[0];
    },
    'a commitment proof of another commitment': (m) => {
      m.sealing.commitments[1].proofs[0] = m.sealing.commitments[1].proofs[1];
    },
    'the trustees numbered out of order': (m) => {
      m.sealing.trustees.reverse();
    },
    'a threshold above the trustees': (m) => {
      m.sealing.threshold = 4;
    },
    'a teller as trustee': (m) => {
      m.scrutineers[2].role = 'teller';
    },
    'a trustee under another name': (m) => {
      m.sealing.trustees[1].name = '周洁';
    },
  };
  for (const [name, change] of Object.entries(tampered)) {
    test(`${name}: both fail at ceremony`, async () => {
      const { ours } = await agree(`sealed-${name.replaceAll(' ', '-')}`, JSON.stringify(await record(change), null, 2));
      assert.equal(ours.failure?.code, 'ceremony', JSON.stringify(ours.failure));
    });
  }

  test('a sealing under format 1, or format 2 without one: both fail at manifest_format', async () => {
    const one = await agree('sealed-format-1', JSON.stringify(await record((m) => { m.format = 'ballotbox-manifest/1'; }), null, 2));
    assert.equal(one.ours.failure?.code, 'manifest_format');
    const two = await agree('unsealed-format-2', JSON.stringify(await signedRecord([round], { manifest: (m) => { m.format = 'ballotbox-manifest/2'; } }), null, 2));
    assert.equal(two.ours.failure?.code, 'manifest_format');
  });
});

// ---- A sealed congress's record (ballotbox-record/3), sealed and opened here ----

/** The step-1 messages of three trustees (t = 2) of the worked example's congress, K, and each trustee's secret and public share. */
async function sealedCeremony() {
  const setup = { congress: 'demo', n: 3, t: 2 };
  const committed = [];
  for (let i = 1; i <= 3; i += 1) committed.push(await commit(setup, i, counterRandom(`verifier/trustee/${i}`)));
  const read = await readCommitments(setup, committed.map((c) => c.message));
  const secrets = new Map([1, 2, 3].map((j) => [j, modL(committed.reduce((sum, c) => sum + evaluate(c.secrets.coefficients, j), 0n))]));
  const shares = new Map([1, 2, 3].map((j) => [j, publicShare(read, j)]));
  const sealing = {
    threshold: 2,
    joint_key: jointKey(read).toHex(),
    trustees: [1, 2, 3].map((trustee) => ({ trustee, number: `00${trustee + 4}`, name: TRUSTEES[trustee - 1] })),
    commitments: committed.map((c) => c.message),
  };
  return { sealing, secrets, shares };
}

/**
 * Builds a sealed record of the worked example's manifest with three trustees (t = 2), round by
 * round as signedRecord does, but every ballot sealed at a "kiosk" here, `spoiled` ballots
 * challenged with their openings, and the round opened by `trustees` (default 1 and 3). The
 * tally is this verifier's count from the opened totals; ballotbox verify is the judge.
 */
async function sealedRecord(rounds, { trustees = [1, 3], manifest: change } = {}) {
  const { sealing, secrets, shares } = await sealedCeremony();
  const key = Point.fromHex(sealing.joint_key);
  const record = JSON.parse(EXAMPLE_TEXT);
  record.format = 'ballotbox-record/3';
  record.manifest.format = 'ballotbox-manifest/2';
  record.manifest.scrutineers.push({ number: '006', name: TRUSTEES[1], role: 'scrutineer' }, { number: '007', name: TRUSTEES[2], role: 'scrutineer' });
  record.manifest.sealing = sealing;
  change?.(record.manifest);
  record.manifest_hash = await documentHash(record.manifest);
  record.rounds = [];
  record.decisions = [];
  const progress = new Progress(record.manifest);
  for (const spec of rounds) {
    const number = progress.nextNumber();
    const contests = spec.contests.map((id) => progress.expected(progress.contests.get(id)));
    const definition = { congress: 'demo', manifest_hash: record.manifest_hash, number, sitting: 'congress', contests };
    const shapes = shapesOf(definition);
    const context = { manifestHash: record.manifest_hash, round: number };
    const seal = async (marks, seed) => {
      const held = shapes.filter((shape) => marks[shape.contest]);
      const { ballot, opening } = await encryptBallot(held, marks, context, key, counterRandom(seed));
      return { leaf: { congress: 'demo', round: number, salt: ballot.salt, sealed: ballot.sections }, opening };
    };
    const cast = [];
    for (const [i, marks] of spec.ballots.entries()) cast.push((await seal(marks, `verifier/round/${number}/ballot/${i}`)).leaf);
    const { ballots: leaves, leaves: hashes } = await inReceiptOrder(cast);
    const spoiled = [];
    for (const [i, marks] of (spec.spoiled ?? []).entries()) {
      const { leaf, opening } = await seal(marks, `verifier/round/${number}/spoiled/${i}`);
      spoiled.push({ tracker: toHex(await leafHash(canonicalBytes(leaf))), ballot: leaf, opening });
    }
    spoiled.sort((a, b) => (a.tracker < b.tracker ? -1 : 1));
    // The trustees' side: every ballot read, the lists built, each list partially decrypted.
    const read = await checkSealedBallots({ definition, leaves, manifestHash: record.manifest_hash, key });
    const decrypt = (step, list) =>
      Promise.all(trustees.map((t) => partialDecrypt(context, step, t, secrets.get(t), shares.get(t), list.ciphertexts, counterRandom(`verifier/opening/${number}/${step}/${t}`))));
    const first = firstOpeningList(shapes, read);
    const totals = await decrypt(TOTALS, first);
    const partialsOf = (list) => new Map(list.map((p) => [p.trustee, p.shares.map((h) => Point.fromHex(h))]));
    const counts = readCounts(combine(first.ciphertexts, partialsOf(totals)), Math.max(leaves.length, ...shapes.map((x) => x.seats)));
    const second = secondOpeningList(shapes, read, first, counts);
    const writeIns = second.ciphertexts.length > 0 ? await decrypt(WRITE_INS, second) : [];
    const { opened } = await checkOpeningOf({ definition, ballots: read, totals, writeIns, manifestHash: record.manifest_hash, sealing: { threshold: 2, shares } });
    const treeHead = { congress: 'demo', round: number, size: leaves.length, root: await merkleRoot(hashes) };
    const turnout = Object.entries(spec.turnout).map(([electorate, [entitled, present]]) => ({ electorate, entitled, present }));
    const tally = JSON.parse(
      JSON.stringify(recountOpened({ round: definition, opened, issued: spec.issued, turnout, manifest: record.manifest, members: null }), (_, v) =>
        v === EXPLANATION ? (spec.sentence ?? '由大会决定') : v,
      ),
    );
    const result = { format: 'ballotbox-result/1', round: definition, tree_head: treeHead, turnout, issued: spec.issued, tally };
    record.rounds.push({
      ballots: [],
      sealed: { ballots: leaves, spoiled: spoiled.map(({ ballot, opening }) => ({ ballot, opening })), totals, write_ins: writeIns },
      tree_head: treeHead,
      tree_head_signature: toHex(await signWithSeed(ELECTION_SEED, signedMessage('tree_head', treeHead))),
      result,
      result_hash: await documentHash(result),
      result_signature: toHex(await signWithSeed(ELECTION_SEED, signedMessage('result', result))),
    });
    progress.check(definition);
    progress.finish(definition, tally);
  }
  try {
    const publication = progress.publication('demo', record.manifest_hash, record.rounds.map((r) => ({ number: r.result.round.number, result_hash: r.result_hash })), []);
    const resultHash = await documentHash(publication);
    record.publication = { publication, result_hash: resultHash, signature: toHex(await signWithSeed(ELECTION_SEED, signedMessage('publication', publication))) };
    const signed = signedMessage('countersignature', { congress: 'demo', result_hash: resultHash });
    record.countersignatures = [{ inspector: '赵敏', public_key: toHex(await publicKeyOfSeed(INSPECTOR_SEED)), signature: toHex(await signWithSeed(INSPECTOR_SEED, signed)) }];
  } catch {
    record.publication = null;
    record.countersignatures = [];
  }
  return record;
}

describe('the sealed round of tests/vectors/sealed.json, checked as a record’s round is', () => {
  const vectors = JSON.parse(readFileSync(join(ROOT, 'tests', 'vectors', 'sealed.json'), 'utf8'));
  const { round } = vectors;
  const shapes = round.contests.map((c) => ({ contest: c.contest, candidates: c.candidates, lines: c.write_in_lines, seats: c.seats }));
  const definition = { number: round.round, contests: round.contests.map((c) => ({ id: c.contest, styles: ['general'] })) };
  const leaves = round.ballots.map(({ ballot }) => ({ congress: 'vectors', round: round.round, salt: ballot.salt, sealed: ballot.sections }));
  const sealing = { threshold: vectors.ceremony.t, shares: new Map(vectors.ceremony.public_shares.map((hex, i) => [i + 1, Point.fromHex(hex)])) };
  const check = async (change) => {
    const ballots = await checkSealedBallots({ definition, leaves, manifestHash: round.manifest, key: Point.fromHex(round.key), shapes });
    const totals = structuredClone(round.first_partials);
    const writeIns = structuredClone(round.second_partials);
    change?.(totals, writeIns);
    return checkOpeningOf({ definition, ballots, totals, writeIns, manifestHash: round.manifest, sealing, shapes });
  };

  test('the ballots verify and the partials of trustees 1 and 3 open the totals and 赵六', async () => {
    const { opened, writeIns, trustees } = await check();
    assert.deepEqual(trustees, [1, 3]);
    assert.equal(writeIns, 1);
    const counts = round.counts;
    assert.deepEqual(opened.small, {
      returned: 3,
      listed: [[counts[0], counts[1]], [counts[2], counts[3]], [counts[4], counts[5]]],
      written: [round.write_ins.map((w) => w.name)],
    });
  });

  test('a share, a proof, a missing trustee and the write-ins left out are each refused', async () => {
    const refusals = {
      share: (totals) => { totals[0].shares[0] = totals[1].shares[0]; },
      proof: (totals) => { totals[1].proof.challenge = totals[0].proof.challenge; },
      too_few: (totals) => { totals.pop(); },
      order: (totals) => { totals.reverse(); },
      step: (totals, writeIns) => { writeIns[0].step = 'totals'; },
      write_ins: (totals, writeIns) => { writeIns.length = 0; },
    };
    for (const [name, change] of Object.entries(refusals)) {
      await assert.rejects(check(change), (error) => error.name === 'SealedProblem' && /^verifier\.problem\.opening\./.test(error.say.key), name);
    }
  });
});

describe('a sealed record (ballotbox-record/3) sealed and opened here', () => {
  // Five delegates: three for 王芳, 李强 and 张伟; one against 刘洋 and writing in 赵六; one blank.
  const round = {
    contests: ['committee'],
    turnout: TURNOUT,
    issued: { committee: 5 },
    ballots: [
      votes('001', '002', '003'),
      votes('001', '002', '003'),
      { committee: { for: ['001', '002'], against: ['004'], write_ins: ['赵六'] } },
      votes('001', '003'),
      { committee: {} },
    ],
    spoiled: [votes('004'), { committee: { for: ['002'], write_ins: ['钱七'] } }],
  };
  let base;
  before(async () => {
    base = await sealedRecord([round]);
  });

  test('verifies, sealed check after sealed check, and recounts from the opened totals', async () => {
    const started = performance.now();
    const report = await verifyRecord(JSON.stringify(base, null, 2));
    const ms = performance.now() - started;
    assertSaid('sealed-here', report);
    assert.equal(report.ok, true, JSON.stringify(report.failure));
    const codes = report.checks.filter((c) => c.place === 'round 1').map((c) => c.code);
    assert.deepEqual(codes.slice(codes.indexOf('tree_root'), codes.indexOf('tree_head') + 1), ['tree_root', 'sealed_ballots', 'spoiled_ballots', 'opening', 'tree_head']);
    const committee = base.rounds[0].result.tally.contests[0];
    assert.deepEqual(committee.candidates.map((c) => [c.name, c.for, c.against, c.abstain]), [
      ['王芳', 4, 0, 1],
      ['刘洋', 0, 1, 4],
      ['李强', 3, 0, 2],
      ['张伟', 3, 0, 2],
      ['赵六', 1, 0, 0],
    ]);
    assert.equal(committee.valid, 5);
    console.log(`# a sealed round of ${round.ballots.length} ballots and ${round.spoiled.length} spoiled verified in Node in ${ms.toFixed(0)} ms`);
  });

  const reseal = async (r) => {
    // Change nothing signed but the tree: the leaves are put back in receipt order and the tree
    // head, its signature and the result signed again, as a forger with the election key would.
    const sealed = r.rounds[0].sealed;
    const { ballots, leaves } = await inReceiptOrder(sealed.ballots);
    sealed.ballots = ballots;
    const head = { ...r.rounds[0].tree_head, root: await merkleRoot(leaves), size: ballots.length };
    r.rounds[0].tree_head = head;
    r.rounds[0].result.tree_head = head;
    r.rounds[0].tree_head_signature = toHex(await signWithSeed(ELECTION_SEED, signedMessage('tree_head', head)));
  };
  const section = (r, b = 0) => r.rounds[0].sealed.ballots[b].sealed[0];
  const tampered = {
    'a ciphertext replaced by another ballot’s': ['sealed_ballots', async (r) => {
      section(r, 0).candidates[0].for.beta = section(r, 1).candidates[0].for.beta;
      await reseal(r);
    }],
    'a proof of another mark': ['sealed_ballots', async (r) => {
      section(r, 0).candidates[1].for_proof = section(r, 0).candidates[0].for_proof;
      await reseal(r);
    }],
    'a ballot copied with a fresh salt': ['sealed_ballots', async (r) => {
      r.rounds[0].sealed.ballots.push({ ...structuredClone(r.rounds[0].sealed.ballots[0]), salt: 'ab'.repeat(16) });
      await reseal(r);
    }],
    'a spoiled ballot’s opening with another mark': ['spoiled_ballots', (r) => {
      const candidates = r.rounds[0].sealed.spoiled[0].opening.sections[0].candidates;
      candidates[0].mark = candidates[0].mark === 'for' ? 'against' : 'for';
    }],
    'a partial decryption’s share': ['opening', (r) => {
      const shares = r.rounds[0].sealed.totals[0].shares;
      [shares[0], shares[1]] = [shares[1], shares[0]];
    }],
    'a partial decryption’s proof': ['opening', (r) => {
      const partial = r.rounds[0].sealed.totals[1];
      partial.proof.response = r.rounds[0].sealed.totals[0].proof.response;
    }],
    'a write-in’s partial decryption': ['opening', (r) => {
      const shares = r.rounds[0].sealed.write_ins[0].shares;
      shares[1] = shares[0];
    }],
    'one trustee alone': ['opening', (r) => {
      r.rounds[0].sealed.totals.pop();
    }],
    'the trustees listed twice': ['opening', (r) => {
      r.rounds[0].sealed.totals.push(r.rounds[0].sealed.totals[1]);
    }],
    'a total in the tally': ['recount', (r) => {
      r.rounds[0].result.tally.contests[0].candidates[1].against += 1;
    }],
    'a name in the tally': ['recount', (r) => {
      r.rounds[0].result.tally.contests[0].candidates[4].name = '赵大';
    }],
    'a commitment in the manifest': ['ceremony', async (r) => {
      const c = r.manifest.sealing.commitments[1];
      c.commitments[1] = c.commitments[0];
      r.manifest_hash = await documentHash(r.manifest);
    }],
    'a round of the sealed congress without its seal': ['ballot_round', (r) => {
      delete r.rounds[0].sealed;
    }],
    'the sealed record called format 2': ['manifest_format', (r) => {
      r.format = 'ballotbox-record/2';
    }],
    'two challenged ballots out of tracker order': ['spoiled_ballots', (r) => {
      r.rounds[0].sealed.spoiled.reverse();
    }],
    'a challenged ballot cast too': ['spoiled_ballots', (r) => {
      r.rounds[0].sealed.spoiled[0].ballot.salt = r.rounds[0].sealed.ballots[0].salt;
    }],
    'a ballot in the clear in a sealed round': ['ballot_round', (r) => {
      r.rounds[0].ballots.push({ congress: 'demo', round: 1, salt: 'cd'.repeat(16), sections: { committee: { for: [], against: [], abstain: [], write_ins: [] } } });
    }],
  };
  for (const [name, [code, change]] of Object.entries(tampered)) {
    test(`${name}: refused at ${code}`, async () => {
      const record = structuredClone(base);
      await change(record);
      const report = await verifyRecord(JSON.stringify(record));
      assertSaid(name, report);
      assert.equal(report.failure?.code, code, JSON.stringify(report.failure));
    });
  }

  test('a sealed round of 40 ballots verifies in Chromium as in Node, check for check', { timeout: 300000 }, async () => {
    const mix = [votes('001', '002', '003'), { committee: { for: ['001', '002'], against: ['004'] } }, { committee: { for: ['001', '003'], write_ins: ['赵六'] } }, { committee: {} }];
    const many = { ...round, turnout: { all: [40, 40], female: [40, 40] }, issued: { committee: 40 }, ballots: Array.from({ length: 40 }, (_, i) => mix[i % mix.length]), spoiled: round.spoiled };
    const record = await sealedRecord([many], {
      manifest: (m) => {
        m.electorates = [{ id: 'all', entitled: 40 }, { id: 'female', entitled: 40 }, { id: 'plenary', entitled: 3 }];
        m.congress.members = 200;
      },
    });
    const text = JSON.stringify(record);
    const started = performance.now();
    const node = await verifyRecord(text);
    const nodeMs = performance.now() - started;
    assert.equal(node.ok, true, JSON.stringify(node.failure));
    const server = await startServer('verifier-sealed-browser');
    const browser = await launchBrowser();
    try {
      const page = await newPage(browser, { suite: 'verifier-sealed-browser' });
      await page.route('**/sealed-record.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: text }));
      await page.goto(`${server.url}/`);
      const measured = await page.evaluate(async () => {
        const { verifyRecord: verify } = await import('/assets/shared/verifier/verify.js');
        const body = await (await fetch('/sealed-record.json')).text();
        const stages = new Set();
        const started = performance.now();
        const report = await verify(body, { onProgress: ({ stage }) => stages.add(stage) });
        return { ok: report.ok, failure: report.failure, checks: report.checks.map((c) => `${c.code}@${c.place}`), stages: [...stages], ms: performance.now() - started };
      });
      assert.equal(measured.ok, true, JSON.stringify(measured.failure));
      assert.deepEqual(measured.checks, node.checks.map((c) => `${c.code}@${c.place}`));
      assert.ok(measured.stages.includes('ballots'), measured.stages.join(' '));
      const line = `${many.ballots.length} sealed ballots and ${many.spoiled.length} challenged (${(text.length / 1e6).toFixed(1)} MB): ${nodeMs.toFixed(0)} ms in Node, ${measured.ms.toFixed(0)} ms in Chromium`;
      console.log(`# ${line}`);
      writeFileSync(join(ARTIFACTS, 'verifier-sealed-browser', 'sealed-record-timing.txt'), `${line}\n`);
    } finally {
      await browser.close();
      await server.stop();
    }
  });

  test('a point that does not decode or a scalar out of range is not a record of the format', async () => {
    const cases = [
      (r) => { section(r).candidates[0].for.alpha = 'ff'.repeat(32); },
      (r) => { section(r).limit_proof.responses[0] = 'ff'.repeat(32); },
    ];
    for (const change of cases) {
      const record = structuredClone(base);
      change(record);
      const report = await verifyRecord(JSON.stringify(record));
      assert.equal(report.failure.code, MALFORMED, JSON.stringify(report.failure));
    }
  });
});

// ---- Speed: 100,000 ballots in Chromium ----

describe('a 100,000-ballot record in the browser', () => {
  let server;
  let browser;

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('verifies in seconds', { timeout: 180000 }, async () => {
    const count = Number(process.env.BALLOTBOX_BIG_RECORD ?? 100000);
    const mix = [votes('001', '002', '003'), { committee: { for: ['001', '002'], against: ['004'] } }, { committee: { for: ['001', '003'], write_ins: ['赵六'] } }];
    const record = await signedRecord(
      [{ contests: ['committee'], turnout: { all: [count, count], female: [count, count] }, issued: { committee: count }, ballots: Array.from({ length: count }, (_, i) => mix[i % 3]) }],
      { manifest: (m) => { m.electorates = [{ id: 'all', entitled: count }, { id: 'female', entitled: count }, { id: 'plenary', entitled: 3 }]; m.congress.members = 200; } },
    );
    const text = JSON.stringify(record);
    server = await startServer('verifier-browser');
    browser = await launchBrowser();
    const page = await newPage(browser, { suite: 'verifier-browser' });
    await page.route('**/big-record.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: text }));
    await page.goto(`${server.url}/`);
    const measured = await page.evaluate(async () => {
      const { verifyRecord: verify } = await import('/assets/shared/verifier/verify.js');
      const body = await (await fetch('/big-record.json')).text();
      const started = performance.now();
      const report = await verify(body);
      return { ok: report.ok, failure: report.failure, checks: report.checks.length, ms: performance.now() - started };
    });
    assert.equal(measured.ok, true, JSON.stringify(measured.failure));
    console.log(`# ${count} ballots (${(text.length / 1e6).toFixed(1)} MB) verified in Chromium in ${(measured.ms / 1000).toFixed(2)} s`);
    writeFileSync(join(ARTIFACTS, 'verifier-browser', 'big-record-timing.txt'), `${count} ballots, ${text.length} bytes: ${measured.ms.toFixed(0)} ms in Chromium\n`);
    assert.ok(measured.ms < 60000, `${measured.ms} ms`);
  });
});
