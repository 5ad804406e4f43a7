// How a name, a title or a write-in is read (docs/record-format.md §1), exactly as the server
// reads it (src/election/names.rs), by the same tables (names-tables.js, generated with the
// server's from one source): refuse control and bidirectional formatting characters, remove
// default-ignorable code points, trim white space, refuse a tab or line break inside and make
// each run of spaces one space, NFC, and refuse what is then empty or too long. The kiosk, the console and the verifier all use it.

import { BIDI_CONTROL, CONTROL, DEFAULT_IGNORABLE, SPACE_SEPARATOR, UNICODE_VERSION, WHITE_SPACE } from './names-tables.js';

export { UNICODE_VERSION };

/** The most characters a name or a title may have. */
export const MAX_NAME_CHARS = 64;

function within(cp, table) {
  let lo = 0;
  let hi = table.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (table[mid][1] < cp) lo = mid + 1;
    else if (table[mid][0] > cp) hi = mid - 1;
    else return true;
  }
  return false;
}

const isWhiteSpace = (cp) => within(cp, WHITE_SPACE);

/** `U+XXXX`, as the Unicode Standard writes a code point. */
export function codePoint(cp) {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Reads a name: `{ name }` once read, or `{ error, character?, max? }` where `error` is the code
 * the server answers with for the same refusal (`name_control`, `name_bidi`, `name_line_break`,
 * `name_empty`, `name_too_long`) and `character` the code point to blame, as `U+XXXX`.
 */
export function readName(text, max = MAX_NAME_CHARS) {
  const points = [...text].map((c) => c.codePointAt(0));
  for (const cp of points) {
    if (within(cp, CONTROL) && !isWhiteSpace(cp)) return { error: 'name_control', character: codePoint(cp) };
    if (within(cp, BIDI_CONTROL)) return { error: 'name_bidi', character: codePoint(cp) };
  }
  const visible = points.filter((cp) => !within(cp, DEFAULT_IGNORABLE));
  let start = 0;
  let end = visible.length;
  while (start < end && isWhiteSpace(visible[start])) start += 1;
  while (end > start && isWhiteSpace(visible[end - 1])) end -= 1;
  const inside = visible.slice(start, end);
  const broken = inside.find((cp) => isWhiteSpace(cp) && !within(cp, SPACE_SEPARATOR));
  if (broken !== undefined) return { error: 'name_line_break', character: codePoint(broken) };
  const spaced = [];
  for (const cp of inside) {
    if (!within(cp, SPACE_SEPARATOR)) spaced.push(String.fromCodePoint(cp));
    else if (spaced[spaced.length - 1] !== ' ') spaced.push(' ');
  }
  const name = spaced.join('').normalize('NFC');
  if (name === '') return { error: 'name_empty' };
  if ([...name].length > max) return { error: 'name_too_long', max };
  return { name };
}

/**
 * What a refusal of `readName` says, completing a sentence that names the field, in the very
 * words of the server's (src/election/names.rs `NameError`): the verifiers compare them.
 */
export function nameProblem(read) {
  switch (read.error) {
    case 'name_control':
      return `holds the control character ${read.character}, which is invisible`;
    case 'name_bidi':
      return `holds the bidirectional formatting character ${read.character}, which can make it read in another order than it is stored`;
    case 'name_line_break':
      return `holds a tab or a line break (${read.character}) inside it`;
    case 'name_empty':
      return 'is empty, or holds only invisible characters';
    default:
      return `is longer than ${read.max} characters`;
  }
}

/**
 * A look-alike write-in the server noted on a closed round (`RoundView.notes[].resemblance`),
 * as [key, params] for the pages' translation table.
 */
export function resemblanceText(resemblance) {
  const scripts = (list) => (list.length ? list.join(', ') : '—');
  return [
    resemblance.candidate ? 'resemblance.candidate' : 'resemblance.writeIn',
    {
      writeIn: resemblance.write_in,
      scripts: scripts(resemblance.write_in_scripts),
      other: resemblance.resembles,
      otherScripts: scripts(resemblance.resembles_scripts),
    },
  ];
}
