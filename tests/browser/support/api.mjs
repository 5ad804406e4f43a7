// The API from Node, as tests/api/helpers.rs drives it: a client with its own cookies, and the
// courier union's congress set up, sealed and frozen, with cards, check-ins, rounds and ballots
// sealed in Node; its rounds closed and opened by its trustee.

import assert from 'node:assert/strict';
import { join } from 'node:path';

import { encryptBallot, Point, systemRandom } from '../../../kiosk/shared/sealed/index.js';
import { PASSPHRASE, runCeremony, runOpening } from './trustee.mjs';

/** A client of the API with its own cookie jar. */
export class Client {
  constructor(url) {
    this.url = url;
    this.cookies = new Map();
  }

  /** Sends a request; resolves to { status, body } (body parsed when JSON). */
  async request(method, path, body, { csv = false } = {}) {
    const headers = {};
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    let payload;
    if (body !== undefined) {
      headers['content-type'] = csv ? 'text/csv' : 'application/json';
      payload = csv ? body : JSON.stringify(body);
    }
    const response = await fetch(`${this.url}/api/v1${path}`, { method, headers, body: payload });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    const text = await response.text();
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    return { status: response.status, body: parsed };
  }

  /** A request whose answer must have `status`; resolves to its body. */
  async expect(status, method, path, body, options) {
    const response = await this.request(method, path, body, options);
    assert.equal(response.status, status, `${method} ${path}: ${JSON.stringify(response.body)}`);
    return response.body;
  }
}

/** A client signed in as `name`. */
export async function signedIn(url, name, password) {
  const client = new Client(url);
  await client.expect(200, 'POST', '/session', { name, password });
  return client;
}

const PEOPLE = [
  ['王芳', '女', '顺丰速运'], ['李强', '男', '中通快递'], ['张伟', '男', '圆通速递'], ['刘洋', '男', '申通快递'],
  ['陈静', '女', '韵达快递'], ['杨磊', '男', '极兔速递'], ['赵敏', '女', '京东物流'], ['黄涛', '男', '中国邮政'],
  ['周丽', '女', '顺丰速运'], ['吴刚', '男', '中通快递'], ['郑红', '女', '圆通速递'], ['孙明', '男', '申通快递'],
  ['林燕', '女', '韵达快递'], ['何丹', '女', '极兔速递'], ['高娟', '女', '京东物流'], ['马超', '男', '中国邮政'],
  ['罗军', '男', '顺丰速运'], ['梁勇', '男', '中通快递'], ['宋杰', '男', '圆通速递'], ['谢芳', '女', '申通快递'],
  ['韩冰', '女', '韵达快递'], ['唐亮', '男', '极兔速递'], ['冯磊', '男', '京东物流'], ['于洋', '男', '中国邮政'],
  ['董强', '男', '顺丰速运'], ['萧红', '女', '中通快递'], ['程刚', '男', '圆通速递'], ['曹伟', '男', '申通快递'],
  ['袁丽', '女', '韵达快递'], ['邓超', '男', '极兔速递'],
];

/** The courier union's delegates: { number, name, gender, unit }; D030 has no vote. */
export const DELEGATES = PEOPLE.map(([name, gender, unit], i) => ({
  number: `D${String(i + 1).padStart(3, '0')}`,
  name,
  gender: gender === '女' ? 'female' : 'male',
  unit,
}));

/** The roster as the organiser's CSV. */
export function rosterCsv() {
  const lines = ['代表编号,姓名,性别,单位,选举权'];
  PEOPLE.forEach(([name, gender, unit], i) => {
    lines.push(`D${String(i + 1).padStart(3, '0')},${name},${gender},${unit},${i === 29 ? '保留会籍' : '是'}`);
  });
  return `${lines.join('\n')}\n`;
}

/** The contests of tests/api/helpers.rs's congress_ready. */
export const CONTESTS = {
  committee: { kind: 'committee', title: '工会委员会委员', seats: 7, electorate: 'all', candidates: ['D002', 'D003', 'D004', 'D006', 'D008', 'D010', 'D001', 'D005'] },
  audit: { kind: 'audit_committee', title: '经费审查委员会委员', seats: 3, electorate: 'all', candidates: ['D012', 'D016', 'D017', 'D018'] },
  women: { kind: 'women_committee', title: '女职工委员会委员', seats: 5, electorate: 'female', candidates: ['D001', 'D007', 'D009', 'D011', 'D013', 'D014'] },
};

/** The scrutineers of frozenCongress: D020, the chief scrutineer, is its one trustee. */
export const SCRUTINEERS = [
  { number: 'D020', role: 'chief' },
  { number: 'D021', role: 'scrutineer' },
  { number: 'D022', role: 'teller' },
];

/**
 * The courier union's congress of the API tests, created with its roster, the contests of
 * CONTESTS and `extra`, and `scrutineers`, not yet frozen; resolves to its id.
 */
export async function setUpCongress(organiser, { name = '江城市快递员工会成立大会', extra = {}, scrutineers = SCRUTINEERS } = {}) {
  const congress = await organiser.expect(201, 'POST', '/congresses', {
    name,
    union_name: '江城市快递员工会',
    date: '2026-11-28',
    venue: '江城市总工会大礼堂',
    members: 180,
    female_members: 64,
  });
  const id = congress.id;
  await organiser.expect(200, 'PUT', `/congresses/${id}/roster`, rosterCsv(), { csv: true });
  for (const [contest, body] of Object.entries({ ...CONTESTS, ...extra })) {
    await organiser.expect(200, 'PUT', `/congresses/${id}/contests/${contest}`, body);
  }
  await organiser.expect(200, 'PUT', `/congresses/${id}/scrutineers`, scrutineers);
  return id;
}

/** The trustee of each congress sealCongress sealed, by id: { server, account, keyFile, passphrase }. */
const trustees = new Map();

/**
 * Seals congress `id`, set up and not yet frozen: names its scrutineer D020 (the chief in
 * SCRUTINEERS) its one trustee (threshold 1), bound to a fresh inspector account, who runs the
 * key ceremony with `ballotbox trustee ceremony`. trusteeOpens and closeRound then open its rounds as that trustee.
 */
export async function sealCongress(server, organiser, id) {
  const trustee = { account: `chief-scrutineer-${trustees.size + 1}`, keyFile: join(server.artifacts, `trustee-${id}.json`), passphrase: PASSPHRASE };
  server.addUser('inspector', trustee.account);
  await organiser.expect(200, 'PUT', `/congresses/${id}/trustees`, { trustees: [{ scrutineer: 'D020', account: trustee.account }], threshold: 1 });
  await runCeremony(server, id, trustee);
  trustees.set(id, { server, ...trustee });
}

/**
 * The congress of the API tests, set up with `extra` contests besides, sealed as sealCongress
 * does, and frozen; resolves to its id.
 */
export async function frozenCongress(server, organiser, extra = {}) {
  const id = await setUpCongress(organiser, { extra });
  await sealCongress(server, organiser, id);
  await organiser.expect(200, 'POST', `/congresses/${id}/freeze`);
  return id;
}

/** Prints `count` cards of `style`; resolves to [{ code, qr }]. */
export async function printCards(organiser, id, style, count) {
  const batch = await organiser.expect(201, 'POST', `/congresses/${id}/card-batches`, { style, count });
  return batch.cards;
}

/** Checks in the delegates with these numbers. */
export async function checkIn(client, id, numbers) {
  for (const number of numbers) {
    await client.expect(200, 'POST', `/congresses/${id}/check-ins`, { number });
  }
}

/** Activates these cards (codes or QR payloads). */
export async function activate(client, id, cards) {
  for (const card of cards) {
    await client.expect(200, 'POST', `/congresses/${id}/activations`, { card });
  }
}

/** A pairing code for a kiosk named `name`. */
export async function pairingCode(organiser, id, name) {
  const pairing = await organiser.expect(201, 'POST', `/congresses/${id}/kiosk-pairings`, { name });
  return pairing.code;
}

/** Opens a round of these contests; resolves to its number. */
export async function openRound(organiser, id, contests) {
  const round = await organiser.expect(201, 'POST', `/congresses/${id}/rounds`, {
    contests: contests.map((contest) => ({ contest })),
  });
  return round.number;
}

/**
 * Has the trustee of a congress sealCongress sealed open its closed round `number` with
 * `ballotbox trustee open`; resolves to the round's view once it has its result.
 */
export async function trusteeOpens(organiser, id, number) {
  const trustee = trustees.get(id);
  assert.ok(trustee, `congress ${id} was not sealed by sealCongress: no trustee to open its rounds`);
  await runOpening(trustee.server, id, number, trustee);
  const round = await organiser.expect(200, 'GET', `/congresses/${id}/rounds/${number}`);
  assert.ok(round.result, `round ${number} has its result once opened`);
  return round;
}

/**
 * Closes round `number` of a congress sealCongress sealed and has its trustee open it;
 * resolves to the round's view once it has its result.
 */
export async function closeRound(organiser, id, number) {
  await organiser.expect(200, 'POST', `/congresses/${id}/rounds/${number}/close`);
  return trusteeOpens(organiser, id, number);
}

/** The shapes of a fetched ballot's contests, as encryptBallot takes them. */
export function shapesOf(ballot) {
  return ballot.contests.map((c) => ({ contest: c.id, candidates: c.candidates.map((x) => x.id), lines: c.write_in_lines, seats: c.seats }));
}

/**
 * A kiosk's sealed ballot for `card`, sealed in Node by the kiosk's own modules: the ballot is
 * fetched, and `marksOf(ballot)` gives its marks by contest ({ for, against, write_ins }).
 * Resolves to { ballot, sealed, opening }: the fetched ballot, the sealed one and its opening.
 */
export async function sealBallot(kiosk, card, marksOf) {
  const ballot = await kiosk.expect(200, 'POST', '/kiosk/ballot', { card });
  const { ballot: sealed, opening } = await encryptBallot(
    shapesOf(ballot),
    marksOf(ballot),
    { manifestHash: ballot.sealing.manifest_hash, round: ballot.round },
    Point.fromHex(ballot.sealing.joint_key),
    systemRandom,
  );
  return { ballot, sealed, opening };
}

/** Seals a ballot for `card` as sealBallot does and casts it; resolves to the cast's answer. */
export async function castSealed(kiosk, card, marksOf) {
  const { ballot, sealed } = await sealBallot(kiosk, card, marksOf);
  return kiosk.expect(201, 'POST', '/kiosk/casts', { card, round: ballot.round, ballot: sealed });
}
