// Sealed ballots in the browser: an independent implementation of docs/sealed-ballots.md, plain
// ES modules on BigInt and WebCrypto that run in the kiosk and in Node 20 alike.
//
//   import { encryptBallot, systemRandom, Point } from '/assets/shared/sealed/index.js';
//   const { ballot, opening } = await encryptBallot(shapes, marks, { manifestHash, round }, Point.fromHex(K), systemRandom);

export { G, IDENTITY, L, Point, FixedBase, fixedBase, baseMultiply, multiScalar, modL, scalarFromBytes, scalarFromHex, scalarFromWide, scalarToBytes, scalarToHex } from './ristretto.js';
export { DOMAIN, item, transcript, challenge, encodeItems } from './transcript.js';
export { Ciphertext, encrypt, sum, countReader, discreteLog } from './elgamal.js';
export { proveSchnorr, verifySchnorr, proveRange, verifyRange, verifyRangeBatch, proveDleq, verifyDleq, dleqCombination, schnorrToJSON, schnorrFromJSON, rangeToJSON, rangeFromJSON } from './proofs.js';
export { seal, sealWith, boxKeyBytes, open, openWithShared, sealedToJSON, sealedFromJSON } from './kem.js';
export { FORMAT as KEY_FILE_FORMAT, MIN_ITERATIONS, writeKeyFile, openKeyFile } from './keyfile.js';
export {
  ceremonyContext, commit, forget, readCommitment, readCommitments, makeShares, shareFor, receiveShare, checksMessage,
  answerComplaint, checkComplaintAnswer, jointKey, publicShare, sharesHeld, secretShare, holdingMessage, checkHolding, evaluate, commitmentAt,
} from './ceremony.js';
export { ROUND_BATCH, ballotContext, checkOpening, encryptSection, encryptBallot, readSection, verifySection, verifyBallot, verifyBallots, verifyRound, padName, unpadName } from './ballot.js';
export {
  TOTALS, WRITE_INS, openingContext, firstOpeningList, secondOpeningList, partialDecrypt, verifyPartial, lagrange,
  combineShares, combine, readCounts, checkCounts, readWriteIn,
} from './opening.js';
export { systemRandom, counterRandom } from './random.js';
