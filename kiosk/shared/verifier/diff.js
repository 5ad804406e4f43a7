// The first place where two JSON values differ, said in words: where a recount departs from a
// signed result's tally, or a rebuilt publication from the recorded one.

import { OddNumber } from './json.js';
import { EXPLANATION } from './tally.js';
import { listed, person, say } from './say.js';

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof OddNumber);
}

/**
 * The first difference between `ours` (computed) and `theirs` (recorded): { path, ours, theirs }
 * with `undefined` for a missing value, or null when they agree. Members are visited in sorted
 * order, then those only `theirs` has. Where `ours` holds EXPLANATION, any string agrees.
 */
export function firstDifference(ours, theirs, path = []) {
  if (ours === EXPLANATION) return typeof theirs === 'string' ? null : { path, ours, theirs };
  if (isObject(ours) && isObject(theirs)) {
    for (const key of Object.keys(ours).sort()) {
      if (!Object.prototype.hasOwnProperty.call(theirs, key)) return { path: [...path, key], ours: ours[key], theirs: undefined };
      const found = firstDifference(ours[key], theirs[key], [...path, key]);
      if (found) return found;
    }
    for (const key of Object.keys(theirs).sort()) {
      if (!Object.prototype.hasOwnProperty.call(ours, key)) return { path: [...path, key], ours: undefined, theirs: theirs[key] };
    }
    return null;
  }
  if (Array.isArray(ours) && Array.isArray(theirs)) {
    const n = Math.max(ours.length, theirs.length);
    for (let i = 0; i < n; i += 1) {
      if (i >= ours.length || i >= theirs.length) return { path: [...path, i], ours: ours[i], theirs: theirs[i] };
      const found = firstDifference(ours[i], theirs[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (ours === theirs) return null;
  return { path, ours, theirs };
}

/** A path as people write it: `contests[0].candidates[2].for`; `.` for the top. */
export function pathWords(path) {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else text += text ? `.${step}` : step;
  }
  return text || '.';
}

function json(value) {
  if (value === EXPLANATION) return 'a sentence';
  if (value instanceof OddNumber) return value.text;
  return JSON.stringify(value, (_, v) => (v instanceof OddNumber ? Number(v.text) : v === EXPLANATION ? 'a sentence' : v));
}

/** A value in a message: compact JSON, cut short when long; `nothing` for a missing value. */
export function short(value) {
  if (value === undefined) return 'nothing';
  const text = json(value);
  const chars = [...text];
  return chars.length <= 80 ? text : `${chars.slice(0, 80).join('')}…`;
}

function personWords(value) {
  if (!isObject(value) || typeof value.name !== 'string') return null;
  return typeof value.id === 'string' ? `${value.name} (${value.id})` : `${value.name} (written in)`;
}

function personSay(value) {
  if (!isObject(value) || typeof value.name !== 'string') return null;
  return person(value.name, typeof value.id === 'string' ? value.id : null);
}

const FIELD_WORDS = {
  issued: 'ballots issued (发出)',
  returned: 'ballots returned (收回)',
  valid: 'valid sections (有效)',
  invalid: 'invalid sections (无效)',
  entitled: 'entitled voters (应到)',
  majority: 'as the majority',
  threshold: 'as the threshold',
  seats: 'seats',
  open_seats: 'open seats',
  status: 'as the status',
  elected: 'as those elected',
  tied: 'as those tied',
  next: 'as the next step',
};

/** A member of a candidate or an elected person (`for`, `round`, `write_in`…) as people call it. */
const fieldSay = (path) => (path.length === 1 ? listed('verifier.personField.', path[0]) : pathWords(path));

const at = (value, ...steps) => steps.reduce((v, s) => (v === null || v === undefined ? undefined : v[s]), value);

/**
 * A recount that differs from a result's tally, in words, naming the contest and candidate:
 * { text, say }, the English and what people read (./say.js). `title(id)` names a contest.
 */
export function describeTallyDifference(difference, recount, result, title = (id) => id) {
  const ours = short(difference.ours);
  const theirs = short(difference.theirs);
  const values = { ours, theirs };
  const [top, i, ...rest] = difference.path;
  if (top !== 'contests' || typeof i !== 'number') {
    const path = pathWords(difference.path);
    return { text: `${path}: the recount gives ${ours}, the result says ${theirs}`, say: say('problem.recount.path', { path, ...values }) };
  }
  const id = at(recount, 'contests', i, 'id') ?? at(result, 'contests', i, 'id');
  const contest = typeof id === 'string' ? `contest "${id}"` : `contest ${i + 1}`;
  const named = typeof id === 'string' ? title(id) : `${i + 1}`;
  let said;
  let told;
  if (rest.length === 0) {
    const left = difference.theirs === undefined;
    said = left ? 'the recount counts it, the result leaves it out' : 'the result counts it, but the round does not hold it';
    told = say(left ? 'problem.recount.contest_left_out' : 'problem.recount.contest_extra', { contest: named });
  } else if (rest[0] === 'candidates' && typeof rest[1] === 'number') {
    const j = rest[1];
    const field = rest.slice(2);
    const who = personWords(at(recount, 'contests', i, 'candidates', j)) ?? personWords(at(result, 'contests', i, 'candidates', j)) ?? `candidate ${j + 1}`;
    const whom = personSay(at(recount, 'contests', i, 'candidates', j)) ?? personSay(at(result, 'contests', i, 'candidates', j)) ?? say('person.nth', { n: j + 1 });
    const about = (key) => say(`problem.recount.${key}`, { contest: named, person: whom, ...values });
    if (field.length === 0) {
      if (difference.theirs === undefined) [said, told] = [`the recount finds ${who}, the result does not`, about('person_left_out')];
      else if (difference.ours === undefined) [said, told] = [`the result lists ${who}, the recount does not`, about('person_extra')];
      else [said, told] = [`the recount gives ${ours} for ${who}, the result says ${theirs}`, about('person')];
    } else if (field.length === 1 && field[0] === 'for') [said, told] = [`the recount gives ${ours} for ${who}, the result says ${theirs}`, about('for')];
    else if (field.length === 1 && field[0] === 'against') [said, told] = [`the recount gives ${ours} against ${who}, the result says ${theirs}`, about('against')];
    else if (field.length === 1 && field[0] === 'abstain') [said, told] = [`the recount gives ${ours} abstaining on ${who}, the result says ${theirs}`, about('abstain')];
    else if (field.length === 1 && field[0] === 'elected') [said, told] = [`the recount has ${who} elected: ${ours}, the result says ${theirs}`, about('elected')];
    else {
      said = `${who}: ${pathWords(field)}: the recount gives ${ours}, the result says ${theirs}`;
      told = say('problem.recount.person_field', { contest: named, person: whom, field: fieldSay(field), ...values });
    }
  } else if (rest.length === 1) {
    const words = FIELD_WORDS[rest[0]];
    said = words ? `the recount gives ${ours} ${words}, the result says ${theirs}` : `the recount gives ${rest[0]} ${ours}, the result says ${theirs}`;
    told = say('problem.recount.field', { contest: named, field: listed('verifier.field.', rest[0]), ...values });
  } else {
    said = `${pathWords(rest)}: the recount gives ${ours}, the result says ${theirs}`;
    told = say('problem.recount.field', { contest: named, field: pathWords(rest), ...values });
  }
  return { text: `${contest}: ${said}`, say: told };
}

/** A publication that differs from the one the verified rounds give, in words: { text, say }. */
export function describePublicationDifference(difference, rebuilt, recorded, title = (id) => id) {
  const ours = short(difference.ours);
  const theirs = short(difference.theirs);
  const [top, i, ...rest] = difference.path;
  let place;
  let where;
  if (top === 'bodies' && typeof i === 'number') {
    const id = at(rebuilt, 'bodies', i, 'contest') ?? at(recorded, 'bodies', i, 'contest');
    const body = typeof id === 'string' ? `body "${id}"` : `body ${i + 1}`;
    const named = typeof id === 'string' ? title(id) : `${i + 1}`;
    if (rest[0] === 'elected' && typeof rest[1] === 'number') {
      const j = rest[1];
      const who = personWords(at(rebuilt, 'bodies', i, 'elected', j)) ?? personWords(at(recorded, 'bodies', i, 'elected', j)) ?? `person ${j + 1}`;
      const whom = personSay(at(rebuilt, 'bodies', i, 'elected', j)) ?? personSay(at(recorded, 'bodies', i, 'elected', j)) ?? say('person.nth', { n: j + 1 });
      const field = rest.slice(2);
      place = field.length === 0 ? `${body}: elected: ${who}` : `${body}: ${who}: ${pathWords(field)}`;
      where = field.length === 0
        ? say('publicationPlace.elected', { body: named, person: whom })
        : say('publicationPlace.person', { body: named, person: whom, field: fieldSay(field) });
    } else if (rest.length === 0) {
      place = body;
      where = say('publicationPlace.body', { body: named });
    } else {
      place = `${body}: ${pathWords(rest)}`;
      where = say('publicationPlace.bodyField', { body: named, field: pathWords(rest) });
    }
  } else if (top === 'rounds' && typeof i === 'number') {
    place = `round entry ${i + 1}${rest.length ? `: ${pathWords(rest)}` : ''}`;
    where = rest.length ? say('publicationPlace.roundField', { n: i + 1, field: pathWords(rest) }) : say('publicationPlace.round', { n: i + 1 });
  } else {
    place = pathWords(difference.path);
    where = say('publicationPlace.path', { path: place });
  }
  return {
    text: `${place}: the verified rounds give ${ours}, the publication says ${theirs}`,
    say: say('problem.publication.difference', { where, ours, theirs }),
  };
}
