// A trustee at a terminal: `ballotbox trustee ceremony` and `ballotbox trustee open` run as
// processes against the test server, each with its account's password and the key file's
// passphrase on standard input.

import { spawn } from 'node:child_process';

import { BINARY, PASSWORD } from './server.mjs';

/** The key-file passphrase of the tests' trustees (strong enough for the command line's check). */
export const PASSPHRASE = 'correct horse battery staple 监票';

/**
 * Runs `ballotbox trustee <action> --server URL <args> --secrets-stdin`, the password then
 * `passphrase` on standard input; resolves to what it printed on standard output when it
 * exits, and rejects unless it succeeded.
 */
function trustee(server, action, args, passphrase) {
  return new Promise((resolve, reject) => {
    const child = spawn(BINARY, ['trustee', action, '--server', server.url, ...args, '--secrets-stdin'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let printed = '';
    let said = '';
    child.stdout.on('data', (chunk) => {
      printed += chunk;
      said += chunk;
    });
    child.stderr.on('data', (chunk) => (said += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(printed) : reject(new Error(`trustee ${action} ${args.join(' ')} exited with ${code}: ${said}`))));
    child.stdin.end(`${PASSWORD}\n${passphrase}\n`);
  });
}

/** Takes part in congress `id`'s key ceremony as `account`, writing its key to `keyFile`. */
export function runCeremony(server, id, { account, keyFile, passphrase = PASSPHRASE }) {
  return trustee(server, 'ceremony', ['--congress', id, '--account', account, '--key-file', keyFile, '--poll', '0.1'], passphrase);
}

/** Takes part in opening round `round` of congress `id` as `account`, with its key file. */
export function runOpening(server, id, round, { account, keyFile, passphrase = PASSPHRASE }) {
  return trustee(server, 'open', ['--congress', id, '--round', String(round), '--account', account, '--key-file', keyFile, '--poll', '0.1'], passphrase);
}
