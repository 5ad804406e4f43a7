// A sealed congress set up as organisers and trustees do it, through the API and the command
// line: the courier union's congress with three scrutineers named trustees, the key ceremony
// run by three `ballotbox trustee ceremony` processes at once (each with its account's password
// and a passphrase on standard input), then frozen under the joint key.

import assert from 'node:assert/strict';
import { join } from 'node:path';

import { setUpCongress } from './api.mjs';
import { PASSPHRASE, runCeremony } from './trustee.mjs';

export { PASSPHRASE };

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

/**
 * The courier union's congress, sealed: its trustees' inspector accounts made, the ceremony
 * run, and the setup frozen. Resolves to { id, manifest, keyFiles }.
 */
export async function sealedCongress(server, organiser, name = '江城市快递员工会成立大会') {
  for (const { account } of TRUSTEES) server.addUser('inspector', account);
  const id = await setUpCongress(organiser, { name, scrutineers: SCRUTINEERS });
  const named = await organiser.expect(200, 'PUT', `/congresses/${id}/trustees`, { trustees: TRUSTEES });
  assert.equal(named.threshold, 2, 'a majority of three');
  const keyFiles = TRUSTEES.map((_, i) => join(server.artifacts, `trustee-${i + 1}.json`));
  await Promise.all(TRUSTEES.map(({ account }, i) => runCeremony(server, id, { account, keyFile: keyFiles[i] })));
  await organiser.expect(200, 'POST', `/congresses/${id}/freeze`);
  const manifest = await organiser.expect(200, 'GET', `/congresses/${id}/manifest`);
  assert.ok(manifest.sealing?.joint_key, 'the frozen manifest holds the joint key');
  return { id, manifest, keyFiles };
}
