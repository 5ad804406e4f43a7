// A sealed congress set up as organisers and trustees do it, through the API and the command
// line: the courier union's congress with three scrutineers named trustees, the key ceremony
// run by three `ballotbox trustee ceremony` processes at once (each with its account's password
// and a passphrase on standard input), then frozen under the joint key.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { CONTESTS, rosterCsv } from './api.mjs';
import { BINARY, PASSWORD } from './server.mjs';

/** The scrutineers: the chief and two scrutineers are the trustees; the teller is not. */
export const SCRUTINEERS = [
  { number: 'D020', role: 'chief' },
  { number: 'D021', role: 'scrutineer' },
  { number: 'D022', role: 'scrutineer' },
  { number: 'D024', role: 'teller' },
];
/** The trustees in their order, each with the inspector account bound to them. */
export const TRUSTEES = [
  { scrutineer: 'D020', account: 'trustee-1' },
  { scrutineer: 'D021', account: 'trustee-2' },
  { scrutineer: 'D022', account: 'trustee-3' },
];
/** Every trustee's key-file passphrase (strong enough for the command line's check). */
export const PASSPHRASE = 'correct horse battery staple 监票';

/**
 * Runs `ballotbox trustee ceremony` for `account`; resolves when it exits, with its output,
 * and rejects unless it succeeded.
 */
function ceremony(server, id, account, keyFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      BINARY,
      ['trustee', 'ceremony', '--server', server.url, '--congress', id, '--account', account, '--key-file', keyFile, '--poll', '0.1', '--secrets-stdin'],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let said = '';
    child.stdout.on('data', (chunk) => (said += chunk));
    child.stderr.on('data', (chunk) => (said += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(said) : reject(new Error(`trustee ceremony for ${account} exited with ${code}: ${said}`))));
    child.stdin.end(`${PASSWORD}\n${PASSPHRASE}\n`);
  });
}

/**
 * The courier union's congress, sealed: its trustees' inspector accounts made, the ceremony
 * run, and the setup frozen. Resolves to { id, manifest, keyFiles }.
 */
export async function sealedCongress(server, organiser, name = '江城市快递员工会成立大会') {
  for (const { account } of TRUSTEES) server.addUser('inspector', account);
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
  for (const [contest, body] of Object.entries(CONTESTS)) {
    await organiser.expect(200, 'PUT', `/congresses/${id}/contests/${contest}`, body);
  }
  await organiser.expect(200, 'PUT', `/congresses/${id}/scrutineers`, SCRUTINEERS);
  const named = await organiser.expect(200, 'PUT', `/congresses/${id}/trustees`, { trustees: TRUSTEES });
  assert.equal(named.threshold, 2, 'a majority of three');
  const keyFiles = TRUSTEES.map((_, i) => join(server.artifacts, `trustee-${i + 1}.json`));
  await Promise.all(TRUSTEES.map(({ account }, i) => ceremony(server, id, account, keyFiles[i])));
  await organiser.expect(200, 'POST', `/congresses/${id}/freeze`);
  const manifest = await organiser.expect(200, 'GET', `/congresses/${id}/manifest`);
  assert.ok(manifest.sealing?.joint_key, 'the frozen manifest holds the joint key');
  return { id, manifest, keyFiles };
}
