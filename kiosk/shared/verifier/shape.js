// The record's one spelling (docs/record-format.md §1, §6): every member listed is present, no
// other appears, and each has its type. A record that departs from it is not a record of this
// format (ballotbox verify exits 2), and the error names the JSON path.

import { JsonError, OddNumber, pathText } from './json.js';
import { L, Point, littleEndian } from '../sealed/ristretto.js';
import { fromHex } from './bytes.js';

const U32 = 4294967295;
const U53 = Number.MAX_SAFE_INTEGER;

const string = { kind: 'string' };
const bool = { kind: 'bool' };
const u32 = { kind: 'int', max: U32 };
const u64 = { kind: 'int', max: U53 };
const digest = { kind: 'hex', digits: 64, what: 'a digest' };
const key = { kind: 'hex', digits: 64, what: 'a public key' };
const signature = { kind: 'hex', digits: 128, what: 'a signature' };
const salt = { kind: 'hex', digits: 32, what: 'a salt' };
const any = { kind: 'any' };
const list = (of) => ({ kind: 'list', of });
const map = (of) => ({ kind: 'map', of });
const nullable = (of) => ({ kind: 'nullable', of });
const oneOf = (...values) => ({ kind: 'enum', values });
const object = (members) => ({ kind: 'object', members });
/** A member a document may leave out (only a sealed manifest's `sealing` and a sealed round's `sealed`). */
const optional = (of) => ({ kind: 'optional', of });
/** A point of the group (sealed-ballots.md §1): 64 lowercase hex digits that decode. */
const point = { kind: 'point' };
/** A scalar: 64 lowercase hex digits, little-endian, below the group order ℓ. */
const scalar = { kind: 'scalar' };
const schnorr = object({ challenge: scalar, response: scalar });
/** Bytes of any length as lowercase hex (an AES-256-GCM box). */
const bytes = { kind: 'bytes' };
/** A contest's or candidate's id (§1): 1–64 characters of A–Z a–z 0–9 - _ . (or `~n`, a written-in person in a tie re-vote). */
const id = { kind: 'id' };

const candidate = object({ id: string, name: string, unit: string });
const kind = oneOf(
  'chair',
  'vice_chair',
  'committee',
  'audit_committee',
  'women_committee',
  'standing_committee',
  'audit_director',
  'audit_deputy_director',
  'women_director',
  'other',
);

const manifest = object({
  format: string,
  congress: object({ id: string, name: string, union_name: string, date: string, venue: string, members: u32 }),
  profile: object({
    quorum: oneOf('at_least_two_thirds', 'more_than_two_thirds'),
    tie_revote_needs_majority: bool,
    chair_margin: oneOf('equal_allowed', 'competitive_required'),
    ballot_order: oneOf('surname_strokes', 'name_strokes'),
  }),
  size_table: string,
  electorates: list(object({ id: string, entitled: u32 })),
  contests: list(
    object({ id: string, kind, title: string, seats: u32, electorate: string, order: oneOf('strokes', 'as_listed'), candidates: list(candidate) }),
  ),
  styles: list(object({ id: string, electorate: string, contests: list(string) })),
  scrutineers: list(object({ number: string, name: string, role: string })),
  roster_hash: string,
  sealing: optional(
    object({
      threshold: u32,
      joint_key: point,
      trustees: list(object({ trustee: u32, number: string, name: string })),
      commitments: list(object({ trustee: u32, transport_key: point, transport_proof: schnorr, commitments: list(point), proofs: list(schnorr) })),
    }),
  ),
});

const marks = object({ for: list(string), against: list(string), abstain: list(string), write_ins: list(string) });
const ballot = object({ congress: string, round: u32, salt, sections: map(marks) });
const treeHead = object({ congress: string, round: u32, size: u64, root: digest });
const roundDefinition = object({
  congress: string,
  manifest_hash: digest,
  number: u32,
  sitting: oneOf('congress', 'plenary', 'audit_plenary', 'women_plenary'),
  contests: list(
    object({
      id: string,
      round: oneOf('regular', 'tie_revote', 'additional'),
      seats: u32,
      filled_earlier: u32,
      entitled: u32,
      candidates: list(candidate),
      styles: list(string),
    }),
  ),
});
const result = object({
  format: string,
  round: roundDefinition,
  tree_head: treeHead,
  turnout: list(object({ electorate: string, entitled: u32, present: u32 })),
  issued: map(u32),
  tally: any,
});
const ciphertext = object({ alpha: point, beta: point });
const rangeProof = object({ a: list(point), b: list(point), challenges: list(scalar), responses: list(scalar) });
/** A sealed section (sealed-ballots.md §7). */
const sealedSection = object({
  contest: id,
  candidates: list(object({ candidate: id, for: ciphertext, for_proof: rangeProof, against: ciphertext, against_proof: rangeProof, one_proof: rangeProof })),
  write_ins: list(object({ used: ciphertext, used_proof: rangeProof, name: object({ header: point, box: bytes }), name_proof: schnorr })),
  limit_proof: rangeProof,
});
/** A sealed ballot as the log holds it (§6.3.1): its leaf data is JCS of exactly this. */
const sealedLeaf = object({ congress: string, round: u32, salt, sealed: list(sealedSection) });
/** A kiosk's opening of a challenged ballot (sealed-ballots.md §7.1). */
const ballotOpening = object({
  salt,
  sections: list(
    object({
      contest: id,
      candidates: list(object({ candidate: id, mark: oneOf('for', 'against', 'abstain'), for_r: scalar, against_r: scalar })),
      write_ins: list(object({ name: nullable(string), used_r: scalar, name_u: scalar })),
    }),
  ),
});
const partialDecryption = object({ trustee: u32, step: oneOf('totals', 'write-ins'), shares: list(point), proof: schnorr });
/** A sealed round's log, challenged ballots and opening (`ballotbox-record/3` only). */
const sealedLog = object({
  ballots: list(sealedLeaf),
  spoiled: list(object({ ballot: sealedLeaf, opening: ballotOpening })),
  totals: list(partialDecryption),
  write_ins: list(partialDecryption),
});
/** A round; a sealed one (`ballotbox-record/3`, §6.3.1) has its `sealed` log and no ballot in the clear. */
const round = object({
  ballots: list(ballot),
  sealed: optional(sealedLog),
  tree_head: treeHead,
  tree_head_signature: signature,
  result,
  result_hash: digest,
  result_signature: signature,
});
const decision = object({
  decision: object({ format: string, congress: string, manifest_hash: digest, contest: string, after_round: u32, seats: u32, consent: string }),
  hash: digest,
  signature,
});
const publication = object({
  publication: object({
    format: string,
    congress: string,
    manifest_hash: digest,
    rounds: list(object({ number: u32, result_hash: digest })),
    decisions: list(digest),
    bodies: list(
      object({
        contest: string,
        seats: u32,
        elected: list(object({ id: nullable(string), name: string, write_in: bool, round: u32, for: u64 })),
      }),
    ),
  }),
  result_hash: digest,
  signature,
});
const countersignature = object({ inspector: string, public_key: key, signature });

/** The election record's shape. */
export const RECORD = object({
  format: string,
  manifest,
  manifest_hash: digest,
  public_key: key,
  rounds: list(round),
  decisions: list(decision),
  publication: nullable(publication),
  countersignatures: list(countersignature),
});

/** The shape of a receipt's inclusion proof as the public API answers it. */
export const INCLUSION_PROOF = object({
  receipt: digest,
  short: string,
  round: u32,
  index: u64,
  tree_head: treeHead,
  tree_head_signature: signature,
  public_key: key,
  proof: list(digest),
});

/** Whether 64 hex digits are the canonical encoding of a point. */
function decodes(hex) {
  try {
    Point.fromHex(hex);
    return true;
  } catch {
    return false;
  }
}

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof OddNumber) return `the number ${value.text}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Checks `value` against `shape`; throws a JsonError naming the path of the first departure. */
export function checkShape(value, shape = RECORD) {
  const path = [];
  const fail = (message) => {
    throw new JsonError(pathText(path), message);
  };
  const walk = (v, s) => {
    switch (s.kind) {
      case 'any':
        return;
      case 'string':
        if (typeof v !== 'string') fail(`expected a string, found ${describe(v)}`);
        return;
      case 'bool':
        if (typeof v !== 'boolean') fail(`expected true or false, found ${describe(v)}`);
        return;
      case 'int':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > s.max) {
          fail(`expected a whole number from 0 to ${s.max}, found ${describe(v)}`);
        }
        return;
      case 'hex':
        if (typeof v !== 'string' || v.length !== s.digits || !/^[0-9a-f]*$/.test(v)) {
          fail(`expected ${s.what}: exactly ${s.digits} lowercase hex digits, found ${describe(v)}`);
        }
        return;
      case 'point':
        if (typeof v !== 'string' || v.length !== 64 || !/^[0-9a-f]*$/.test(v) || !decodes(v)) {
          fail(`expected a point: the 64 lowercase hex digits of a Ristretto255 encoding, found ${describe(v)}`);
        }
        return;
      case 'scalar':
        if (typeof v !== 'string' || v.length !== 64 || !/^[0-9a-f]*$/.test(v) || littleEndian(fromHex(v)) >= L) {
          fail(`expected a scalar: 64 lowercase hex digits of a number below the group order, found ${describe(v)}`);
        }
        return;
      case 'bytes':
        if (typeof v !== 'string' || v.length % 2 !== 0 || !/^[0-9a-f]*$/.test(v)) fail(`expected lowercase hex, found ${describe(v)}`);
        return;
      case 'id':
        if (typeof v !== 'string' || !(/^[A-Za-z0-9._-]{1,64}$/.test(v) || /^~[1-9][0-9]{0,8}$/.test(v))) {
          fail(`expected an id: 1–64 characters of A–Z a–z 0–9 - _ ., found ${describe(v)}`);
        }
        return;
      case 'enum':
        if (typeof v !== 'string' || !s.values.includes(v)) {
          fail(`expected one of ${s.values.map((x) => `"${x}"`).join(', ')}, found ${describe(v)}`);
        }
        return;
      case 'nullable':
        if (v !== null) walk(v, s.of);
        return;
      case 'list':
        if (!Array.isArray(v)) fail(`expected a list, found ${describe(v)}`);
        for (let i = 0; i < v.length; i += 1) {
          path.push(i);
          walk(v[i], s.of);
          path.pop();
        }
        return;
      case 'map':
        if (!v || typeof v !== 'object' || Array.isArray(v) || v instanceof OddNumber) fail(`expected an object, found ${describe(v)}`);
        for (const name of Object.keys(v)) {
          path.push(name);
          walk(v[name], s.of);
          path.pop();
        }
        return;
      case 'object': {
        if (!v || typeof v !== 'object' || Array.isArray(v) || v instanceof OddNumber) fail(`expected an object, found ${describe(v)}`);
        for (const name of Object.keys(s.members)) {
          path.push(name);
          const member = s.members[name];
          if (!Object.prototype.hasOwnProperty.call(v, name)) {
            if (member.kind !== 'optional') fail('missing: a record writes every member, even an empty list or null');
          } else {
            walk(v[name], member.kind === 'optional' ? member.of : member);
          }
          path.pop();
        }
        for (const name of Object.keys(v)) {
          if (!Object.prototype.hasOwnProperty.call(s.members, name)) {
            path.push(name);
            fail(`unknown member "${name}": a record holds only the members of its format`);
          }
        }
        return;
      }
      default:
        throw new Error(`unknown shape ${s.kind}`);
    }
  };
  walk(value, shape);
  return value;
}
