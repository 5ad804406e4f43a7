// Receipts (docs/record-format.md §11): a delegate's receipt is the leaf hash of their ballot;
// an RFC 9162 inclusion proof takes it to the root of the round's tree head, which the election
// key signed. The public results page checks the proof the server sends; the inspector page can
// look a receipt up in a whole record.

import { JsonError } from './json.js';
import { checkShape, INCLUSION_PROOF } from './shape.js';
import { canonicalBytes } from './jcs.js';
import { readDigest, toHex } from './bytes.js';
import { verifyStrict } from './ed25519.js';
import { inclusionProof, leafHashes, verifyInclusion } from './merkle.js';
import { signedMessage } from './verify.js';

export { readDigest as readReceipt };

/**
 * Checks a receipt's inclusion proof as GET /api/v1/public/congresses/{id}/receipts/{receipt}
 * answers it: { receipt, round, index, tree_head, tree_head_signature, public_key, proof }.
 * `receipt` is what the delegate typed (64 hex digits once read); `publicKey` the election key
 * the checker trusts (from the results or the minutes), when known. Resolves to
 * { ok, checks: [{ code, ok, detail }], round, position, size, root }.
 */
export async function checkInclusionProof(answer, { receipt, publicKey, congress } = {}) {
  const checks = [];
  const step = (code, ok, detail) => {
    checks.push({ code, ok, detail });
    return ok;
  };
  const done = (extra = {}) => ({ ok: checks.every((c) => c.ok), checks, ...extra });
  try {
    checkShape(answer, INCLUSION_PROOF);
  } catch (error) {
    if (!(error instanceof JsonError)) throw error;
    step('shape', false, `the answer is not an inclusion proof: ${error.message}`);
    return done();
  }
  const head = answer.tree_head;
  const facts = { round: answer.round, position: answer.index + 1, index: answer.index, size: head.size, root: head.root, proof: answer.proof };
  const typed = readDigest(receipt ?? answer.receipt);
  if (!step('receipt', typed === answer.receipt, typed === answer.receipt ? 'the proof is of the receipt typed' : 'the proof is of another receipt')) return done(facts);
  if (publicKey !== undefined) {
    const same = publicKey === answer.public_key;
    if (!step('public_key', same, same ? 'the tree head is signed with the published election key' : `the tree head is signed with ${answer.public_key}, not the election key ${publicKey}`)) return done(facts);
  }
  const names = head.round === answer.round && (congress === undefined || head.congress === congress);
  if (!step('tree_head', names, names ? `the tree head is round ${head.round}'s` : `the tree head names congress "${head.congress}" round ${head.round}`)) return done(facts);
  const signature = await verifyStrict(answer.public_key, signedMessage('tree_head', head), answer.tree_head_signature);
  if (!step('tree_head_signature', signature.ok, signature.ok ? "the election key's signature on the tree head verifies" : `the tree head's signature does not verify (${signature.problem})`)) return done(facts);
  const included = await verifyInclusion(answer.index, head.size, answer.receipt, answer.proof, head.root);
  step(
    'inclusion',
    included,
    included
      ? `the proof of ${answer.proof.length} hash(es) leads from the receipt at position ${answer.index + 1} of ${head.size} to the signed root`
      : 'the proof does not lead from the receipt to the signed root',
  );
  return done(facts);
}

/**
 * Looks up a receipt in a whole (already verified) record: resolves to
 * { found: true, ok, round, index, position, size, root, proof } or { found: false }.
 */
export async function findReceipt(record, code) {
  const wanted = readDigest(code);
  if (!wanted) return { found: false, malformed: true };
  for (const round of record.rounds) {
    const leaves = await leafHashes((i) => canonicalBytes(round.ballots[i]), round.ballots.length);
    const index = leaves.findIndex((leaf) => toHex(leaf) === wanted);
    if (index < 0) continue;
    const head = round.tree_head;
    const signature = await verifyStrict(record.public_key, signedMessage('tree_head', head), round.tree_head_signature);
    const proof = await inclusionProof(index, leaves);
    const included = signature.ok && head.size === leaves.length && (await verifyInclusion(index, head.size, wanted, proof, head.root));
    return { found: true, ok: included, round: round.result.round.number, index, position: index + 1, size: head.size, root: head.root, proof };
  }
  return { found: false };
}
