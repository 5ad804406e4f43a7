// Exponential ElGamal on Ristretto255 (docs/sealed-ballots.md §3): a count m under the joint
// key K is (r·G, m·G + r·K); ciphertexts add, and are opened only in aggregate (§9).

import { G, IDENTITY, Point, baseMultiply, fixedBase, small } from './ristretto.js';

/** A ciphertext (α, β). */
export class Ciphertext {
  constructor(alpha, beta) {
    this.alpha = alpha;
    this.beta = beta;
  }

  /** Both points of a ciphertext as JSON holds them, {"alpha", "beta"}; throws unless canonical. */
  static fromJSON(json) {
    if (json === null || typeof json !== 'object') throw new Error('a ciphertext is an object');
    return new Ciphertext(Point.fromHex(json.alpha), Point.fromHex(json.beta));
  }

  toJSON() {
    return { alpha: this.alpha.toHex(), beta: this.beta.toHex() };
  }

  /** The sum of two ciphertexts: it encrypts m₁ + m₂ with randomness r₁ + r₂. */
  add(other) {
    return new Ciphertext(this.alpha.add(other.alpha), this.beta.add(other.beta));
  }

  /** (α, β − j·G): it encrypts m − j. */
  minus(j) {
    return j === 0 ? this : new Ciphertext(this.alpha, this.beta.subtract(small(j)));
  }
}

/** The sum of ciphertexts; (O, O) for none. */
export function sum(ciphertexts) {
  let alpha = IDENTITY;
  let beta = IDENTITY;
  for (const c of ciphertexts) {
    alpha = alpha.add(c.alpha);
    beta = beta.add(c.beta);
  }
  return new Ciphertext(alpha, beta);
}

/**
 * The encryption of the integer `m` under the key `key` (a point) with the random scalar `r`:
 * (r·G, m·G + r·K). K's tables are made on first use and kept, since a kiosk encrypts every
 * ballot to the same key.
 */
export function encrypt(key, m, r) {
  return new Ciphertext(baseMultiply(r), small(m).add(fixedBase(key).multiply(r)));
}

/**
 * A reader of counts in 0 … bound: a function from a point m·G to m, or null when there is no
 * such m. Baby-step giant-step (§3): √bound encodings of j·G made once, then about √bound
 * additions and encodings a point.
 */
export function countReader(bound) {
  const step = Math.max(1, Math.ceil(Math.sqrt(bound + 1)));
  const baby = new Map();
  let at = IDENTITY;
  for (let j = 0; j < step; j += 1) {
    baby.set(at.toHex(), j);
    at = at.add(G);
  }
  const giant = at; // step·G
  return (point) => {
    let rest = point;
    for (let i = 0; i * step <= bound; i += 1) {
      const j = baby.get(rest.toHex());
      if (j !== undefined) {
        const m = i * step + j;
        return m <= bound ? m : null;
      }
      rest = rest.subtract(giant);
    }
    return null;
  };
}

/** The count m in 0 … bound with m·G = `point`, or null (for one point; see countReader). */
export function discreteLog(point, bound) {
  return countReader(bound)(point);
}
