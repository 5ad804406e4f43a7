// The JS verifier of ballotbox election records: an independent implementation of
// docs/record-format.md, plain ES modules that run in the browser and in Node 20 alike.
//
//   import { verifyRecord } from '/assets/shared/verifier/index.js';
//   const report = await verifyRecord(text);   // { ok, checks, failure, result_hash, summary }

export { verifyRecord, readRecord, signedMessage, documentHash, fingerprint, CHECK_CODES, CONTEXTS, MALFORMED } from './verify.js';
export { checkInclusionProof, findReceipt, readReceipt } from './receipt.js';
export { canonical, canonicalBytes, CanonicalError } from './jcs.js';
export { parseJson, JsonError, OddNumber } from './json.js';
export { leafHash, root as merkleRoot, inclusionProof, verifyInclusion } from './merkle.js';
export { verifyStrict, keyProblem, publicKeyOfSeed, signWithSeed, hasWebCryptoEd25519 } from './ed25519.js';
export { sha256, sha512, hasWebCrypto } from './sha.js';
export { toHex, fromHex, grouped, readDigest, utf8 } from './bytes.js';
export { recount } from './tally.js';
