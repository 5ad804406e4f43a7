// A real `ballotbox serve` on a random loopback port over a fresh SQLite database, as the
// product runs: the debug binary that `cargo build` made (BALLOTBOX_BIN names another).

import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository's root. */
export const ROOT = resolve(import.meta.dirname, '..', '..', '..');
/** Where screenshots, accessibility reports and server logs go (gitignored: under target/). */
export const ARTIFACTS = join(ROOT, 'target', 'browser-artifacts');
/** The `ballotbox` binary the tests run. */
export const BINARY = process.env.BALLOTBOX_BIN ?? join(ROOT, 'target', 'debug', 'ballotbox');

/** The password of every test account. */
export const PASSWORD = 'correct horse battery';

/**
 * Starts a server for the suite `suite`; resolves to { url, db, addUser(role, name), stop() }.
 * Its log goes to target/browser-artifacts/<suite>/server.log. With `tls`, it serves HTTPS with
 * a congress CA that `ballotbox tls init` made, and also gives { fingerprints: { certificate, ca } }
 * as tls init printed them. With `fresh`, it starts with no account at all, as a new
 * installation does, and gives the one-time { setupToken } it printed.
 */
export async function startServer(suite, { tls = false, fresh = false } = {}) {
  if (!existsSync(BINARY)) {
    throw new Error(`${BINARY} does not exist: run \`cargo build\` first (scripts/test does)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'ballotbox-browser-'));
  const db = `sqlite://${join(dir, 'ballotbox.db')}`;
  const artifacts = join(ARTIFACTS, suite);
  rmSync(artifacts, { recursive: true, force: true }); // only this run's pictures
  mkdirSync(artifacts, { recursive: true });
  const log = createWriteStream(join(artifacts, 'server.log'));

  const addUser = (role, name) => {
    const result = spawnSync(BINARY, ['user', 'add', '--role', role, '--name', name, '--password-stdin', '--db', db], {
      input: `${PASSWORD}\n`,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`user add ${name} failed: ${result.stderr}`);
  };
  // The first organiser before the server starts, so that it prints no setup token.
  if (!fresh) addUser('organiser', 'organiser');

  const args = ['serve', '--db', db, '--listen', '127.0.0.1:0'];
  let fingerprints = null;
  if (tls) {
    const made = spawnSync(BINARY, ['tls', 'init', join(dir, 'tls'), '--host', '127.0.0.1'], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`tls init failed: ${made.stderr}`);
    const printed = (label) => new RegExp(`${label} fingerprint \\(SHA-256\\): (.+)`).exec(made.stdout)[1].trim();
    fingerprints = { certificate: printed('server certificate'), ca: printed('congress CA') };
    args.push('--tls-cert', join(dir, 'tls', 'cert.pem'), '--tls-key', join(dir, 'tls', 'key.pem'));
  }
  const child = spawn(BINARY, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'info,sqlx=warn' },
  });
  child.stderr.pipe(log);
  let seen = '';
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${seen}`)), 20000);
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      log.write(chunk);
      const found = /ballotbox is serving on (https?:\/\/[^/\s]+)\//.exec(seen);
      if (found && (!fresh || /setup token:\n\s*[0-9a-f]{64}\n/.test(seen))) {
        clearTimeout(timer);
        resolveUrl(found[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}: ${seen}`));
    });
  });
  child.removeAllListeners('exit');
  const setupToken = fresh ? /setup token:\n\s*([0-9a-f]{64})\n/.exec(seen)[1] : null;

  return {
    url,
    db,
    setupToken,
    fingerprints,
    artifacts,
    addUser,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      log.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
