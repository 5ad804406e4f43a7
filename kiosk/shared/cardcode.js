// Ballot-card codes as a person types them, read exactly as the server reads them
// (src/record/card.rs): 20 Crockford base32 symbols and one check symbol, the code's value
// mod 37 from 0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U. Any case; dashes and spaces anywhere;
// I and L are 1, O is 0. Because 37 is prime and larger than 32, the check symbol catches every
// mistyped character and every swap of neighbours, so a typo is caught here, before any request.
//
// A scanned QR payload (BB1.…) is passed through: its signature is checked by the server.
// Beyond card.rs, full-width characters (typed with a Chinese input method in full-width mode)
// are read as their ASCII forms; anything card.rs accepts is read identically.

/** The 32 data symbols. */
export const DATA_SYMBOLS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The 37 check symbols: the data symbols and *~$=U. */
export const CHECK_SYMBOLS = `${DATA_SYMBOLS}*~$=U`;
/** Data symbols in a code. */
export const DATA_LENGTH = 20;
/** What a scanned card's QR payload starts with. */
export const QR_PREFIX = 'BB1.';

/** The check value of data symbol values (each 0–31): the number they spell, mod 37. */
export function checkValue(values) {
  return values.reduce((m, v) => (m * 32 + v) % 37, 0);
}

/** The canonical symbols (no dashes) in groups of four: XXXX-XXXX-XXXX-XXXX-XXXX-C. */
export function groupCode(canonical) {
  return canonical.match(/.{1,4}/g).join('-');
}

/**
 * Reads what was typed or scanned. Returns
 *   { ok: true, kind: 'code', card: 'XXXX-…-C' }   a code whose check symbol holds;
 *   { ok: true, kind: 'qr', card: 'BB1.…' }        a QR payload, for the server to verify;
 *   { ok: false, error: 'empty' | 'length' | 'character' | 'check', length?, character? }.
 */
export function readCard(text) {
  const input = String(text ?? '').normalize('NFKC').trim();
  if (input === '') return { ok: false, error: 'empty' };
  if (input.startsWith(QR_PREFIX)) return { ok: true, kind: 'qr', card: input };
  const symbols = [...input]
    .filter((c) => c !== '-' && c !== ' ' && c !== '\u3000')
    .map((c) => {
      const upper = /^[a-z]$/.test(c) ? c.toUpperCase() : c;
      if (upper === 'I' || upper === 'L') return '1';
      if (upper === 'O') return '0';
      return upper;
    });
  if (symbols.length !== DATA_LENGTH + 1) {
    return { ok: false, error: 'length', length: symbols.length };
  }
  const values = [];
  for (const c of symbols.slice(0, DATA_LENGTH)) {
    const value = DATA_SYMBOLS.indexOf(c);
    if (value < 0) return { ok: false, error: 'character', character: c };
    values.push(value);
  }
  const check = symbols[DATA_LENGTH];
  const found = CHECK_SYMBOLS.indexOf(check);
  if (found < 0) return { ok: false, error: 'character', character: check };
  if (checkValue(values) !== found) return { ok: false, error: 'check' };
  return { ok: true, kind: 'code', card: groupCode(symbols.join('')) };
}

/** The translation of a reading that failed, as [key, params] for setText. */
export function cardErrorText(reading) {
  switch (reading.error) {
    case 'empty':
      return ['card.empty', {}];
    case 'length':
      return ['card.length', { length: reading.length }];
    case 'character':
      return ['card.character', { character: reading.character }];
    default:
      return ['card.check', {}];
  }
}
