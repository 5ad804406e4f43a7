// Short receipts (docs/record-format.md §11), read and made exactly as the server does
// (src/record/receipt.rs): the receipt's first 60 bits — its first 15 hex digits — as 12
// Crockford base32 symbols, most significant first, shown XXXX-XXXX-XXXX. Read in any case,
// with dashes or spaces anywhere (full-width ones too), I and L as 1, O as 0.

/** The 32 symbols, value 0 first: Crockford's base32, without I, L, O and U. */
export const SYMBOLS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Symbols in a short receipt. */
export const SHORT_LENGTH = 12;

/** The short receipt `XXXX-XXXX-XXXX` of a receipt given as 64 hex digits. */
export function shortReceipt(hex) {
  // 15 hex digits are 60 bits: a BigInt keeps them exact.
  let value = BigInt(`0x${hex.slice(0, 15)}`);
  let symbols = '';
  for (let i = 0; i < SHORT_LENGTH; i += 1) {
    symbols = SYMBOLS[Number(value & 31n)] + symbols;
    value >>= 5n;
  }
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;
}

/**
 * Reads a short receipt as typed: `{ ok: true, short: 'XXXX-XXXX-XXXX' }`, or
 * `{ ok: false, error: 'length' | 'character', length?, character? }`.
 */
export function readShortReceipt(text) {
  const symbols = [...String(text ?? '').normalize('NFKC')]
    .filter((c) => !/\s/.test(c) && c !== '-')
    .map((c) => {
      const upper = c.toUpperCase();
      if (upper === 'I' || upper === 'L') return '1';
      if (upper === 'O') return '0';
      return upper;
    });
  if (symbols.length !== SHORT_LENGTH) return { ok: false, error: 'length', length: symbols.length };
  const bad = symbols.find((c) => !SYMBOLS.includes(c));
  if (bad) return { ok: false, error: 'character', character: bad };
  const joined = symbols.join('');
  return { ok: true, short: `${joined.slice(0, 4)}-${joined.slice(4, 8)}-${joined.slice(8)}` };
}
