// kiosk/shared/cardcode.js reads codes exactly as src/record/card.rs does (the kiosk suite also
// checks codes the server printed): the check symbol catches every single typo and every swap
// of neighbours, before any request.

import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { test } from 'node:test';

import { CHECK_SYMBOLS, DATA_SYMBOLS, checkValue, groupCode, readCard } from '../../kiosk/shared/cardcode.js';

function randomCode() {
  const values = Array.from({ length: 20 }, () => randomInt(32));
  return values.map((v) => DATA_SYMBOLS[v]).join('') + CHECK_SYMBOLS[checkValue(values)];
}

test('the codes of card.rs’s own tests read the same', () => {
  // CardCode::from_random(&[0; 13]) and &[0xff; 13]: 20 zeros, 20 Zs.
  assert.deepEqual(readCard('0000-0000-0000-0000-0000-0'), { ok: true, kind: 'code', card: '0000-0000-0000-0000-0000-0' });
  const zs = 'Z'.repeat(20);
  const check = CHECK_SYMBOLS[checkValue(Array(20).fill(31))];
  assert.equal(readCard(zs + check).card, groupCode(zs + check));
  assert.deepEqual(readCard('ABCD'), { ok: false, error: 'length', length: 4 });
});

test('a code is read however a person types it', () => {
  for (let i = 0; i < 200; i += 1) {
    const code = randomCode();
    const shown = groupCode(code);
    assert.equal(readCard(shown).card, shown);
    const typed = shown.toLowerCase().replace(/-/g, ' ').replace(/1/g, 'l').replace(/0/g, 'o');
    assert.equal(readCard(typed).card, shown, typed);
    assert.equal(readCard(` ${code.replace(/1/g, 'I').replace(/0/g, 'O')}\n`).card, shown);
    // A Chinese input method in full-width mode, with an ideographic space.
    const wide = [...shown].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('').replace(/－/g, '\u3000');
    assert.equal(readCard(wide).card, shown);
  }
});

test('the check symbol catches every single typo', () => {
  for (let i = 0; i < 50; i += 1) {
    const code = randomCode();
    for (let at = 0; at < 21; at += 1) {
      const set = at < 20 ? DATA_SYMBOLS : CHECK_SYMBOLS;
      for (const c of set) {
        if (c === code[at]) continue;
        const typo = code.slice(0, at) + c + code.slice(at + 1);
        assert.deepEqual(readCard(typo), { ok: false, error: 'check' }, typo);
      }
    }
  }
});

test('the check symbol catches every swap of neighbours', () => {
  for (let i = 0; i < 200; i += 1) {
    const code = randomCode();
    for (let at = 0; at < 20; at += 1) {
      if (code[at] === code[at + 1]) continue;
      const swapped = code.slice(0, at) + code[at + 1] + code[at] + code.slice(at + 2);
      assert.equal(readCard(swapped).ok, false, swapped);
    }
  }
});

test('a character no code uses is named', () => {
  const code = randomCode();
  assert.deepEqual(readCard(`U${code.slice(1)}`), { ok: false, error: 'character', character: 'U' });
  assert.deepEqual(readCard(`${code.slice(0, 20)}#`), { ok: false, error: 'character', character: '#' });
  assert.deepEqual(readCard('   '), { ok: false, error: 'empty' });
});

test('a scanned QR payload is passed through for the server to verify', () => {
  const payload = 'BB1.c0ffee.general.0000000000000000000000.abcdef';
  assert.deepEqual(readCard(`${payload}\n`), { ok: true, kind: 'qr', card: payload });
});
