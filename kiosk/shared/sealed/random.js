// Where the randomness of sealed ballots comes from: WebCrypto's generator, or for test vectors
// only, the counter generator of docs/sealed-ballots.md §10. Both give draws in the same way, so
// that every construction takes its generator as an argument and the order of its draws is the
// specification's.

import { scalarFromWide } from './ristretto.js';
import { item, transcriptHash } from './transcript.js';

/**
 * The system's generator: 64 bytes of `crypto.getRandomValues` reduced modulo ℓ for a scalar
 * (§1), 16 bytes for a salt. Draws resolve as promises so that it and the counter generator are
 * used alike.
 */
export const systemRandom = {
  async scalar() {
    const wide = crypto.getRandomValues(new Uint8Array(64));
    const k = scalarFromWide(wide);
    wide.fill(0);
    return k;
  },
  async bytes(length) {
    return crypto.getRandomValues(new Uint8Array(length));
  },
  async salt() {
    return this.bytes(16);
  },
};

/**
 * The counter generator of §10 for `seed` (a text): its k-th draw is SHA-512 of the transcript
 * "test-rng" over (text: seed, integer: k), reduced modulo ℓ for a scalar, its first 16 bytes
 * for a salt (its first `length` bytes for other bytes). Predictable by design: for test vectors
 * and never for a real ballot.
 */
export function counterRandom(seed) {
  let k = 0;
  const draw = () => {
    const at = k;
    k += 1;
    return transcriptHash('test-rng', [item.text(seed), item.integer(at)]);
  };
  return {
    seed,
    /** How many draws have been made. */
    get draws() {
      return k;
    },
    async scalar() {
      return scalarFromWide(await draw());
    },
    async bytes(length) {
      if (length > 64) throw new Error('a draw is 64 bytes');
      return (await draw()).slice(0, length);
    },
    async salt() {
      return this.bytes(16);
    },
  };
}
