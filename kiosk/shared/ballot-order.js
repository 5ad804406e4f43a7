// Stroke order of names (RULES.md §2), the same as src/election/ballot_order.rs and from the
// same data (data/strokes.tsv, served at /assets/shared/strokes.tsv; data/README.md). Names
// compare character by character; under `surname_strokes` a two-character name has a blank
// after its first character, which comes before every character; a name that ends first comes
// first. Characters compare by stroke count, then (a known sequence before an unknown one) the
// sequence stroke by stroke in the classes 横 1 竖 2 撇 3 点 4 折 5, then structure (左右, 上下,
// 整体, not known), then code point; a character without data comes after every character with
// data, by code point. docs/record-format.md §10 says the same for other verifiers.
//
//   const order = await loadBallotOrder();
//   order.compare('田富', '田大利', 'surname_strokes');   // < 0

const STRUCTURE = { l: 0, t: 1, w: 2, '-': 3 };

let loading = null;

/** Resolves to the stroke data's text: read from the source tree in Node, fetched in a browser. */
async function dataText() {
  if (typeof process !== 'undefined' && process.versions?.node && typeof window === 'undefined') {
    const { readFile } = await import('node:fs/promises');
    return readFile(new URL('../../data/strokes.tsv', import.meta.url), 'utf8');
  }
  const response = await fetch(new URL('./strokes.tsv', import.meta.url));
  if (!response.ok) throw new Error(`the stroke data could not be loaded (${response.status})`);
  return response.text();
}

function parse(text) {
  const table = new Map();
  for (const line of text.split('\n')) {
    const [ch, count, sequence, structure] = line.split('\t');
    if (!ch || !count) continue;
    table.set(ch, { count: Number(count), sequence: sequence === '-' ? '' : sequence, structure: STRUCTURE[structure] ?? 3 });
  }
  return table;
}

function orderOf(table) {
  const compareChars = (a, b) => {
    if (a === b) return 0;
    const x = table.get(a);
    const y = table.get(b);
    if (x && y) {
      if (x.count !== y.count) return x.count - y.count;
      if ((x.sequence === '') !== (y.sequence === '')) return x.sequence === '' ? 1 : -1;
      if (x.sequence !== y.sequence) return x.sequence < y.sequence ? -1 : 1;
      if (x.structure !== y.structure) return x.structure - y.structure;
    } else if (x) return -1;
    else if (y) return 1;
    return a.codePointAt(0) - b.codePointAt(0);
  };
  const slots = (name, method) => {
    const chars = [...name];
    return method === 'surname_strokes' && chars.length === 2 ? [chars[0], null, chars[1]] : chars;
  };
  const compare = (a, b, method) => {
    const x = slots(a, method);
    const y = slots(b, method);
    for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
      if (x[i] === y[i]) continue;
      if (x[i] === null) return -1;
      if (y[i] === null) return 1;
      const c = compareChars(x[i], y[i]);
      if (c !== 0) return c;
    }
    return x.length - y.length;
  };
  return {
    compare,
    /** The stroke count of one character, or null. */
    count: (ch) => table.get(ch)?.count ?? null,
    /** The first place (from 0) where `names` are out of order, or null. */
    firstOutOfOrder(names, method) {
      for (let i = 1; i < names.length; i += 1) if (compare(names[i - 1], names[i], method) > 0) return i;
      return null;
    },
    /** A sorted copy of `items` by `name(item)`; equal names keep their order. */
    sorted: (items, method, name = (x) => x) => [...items].sort((a, b) => compare(name(a), name(b), method)),
  };
}

/** Resolves to the ballot order, loading the data once. */
export function loadBallotOrder() {
  loading ??= dataText()
    .then((text) => orderOf(parse(text)))
    .catch((error) => {
      loading = null;
      throw error;
    });
  return loading;
}
