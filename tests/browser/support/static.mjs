// The browser modules served as ballotbox serves them (kiosk/ under /assets/, the same
// Content-Security-Policy) by a tiny static server on a random loopback port, for tests and
// benchmarks of modules that need no ballotbox server and so no Rust build.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { ROOT } from './server.mjs';

const KIOSK = join(ROOT, 'kiosk');
/** The policy of src/server/pages.rs: this origin only, no inline script or style. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const TYPES = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.html': 'text/html; charset=utf-8', '.json': 'application/json' };
const BLANK = '<!doctype html><html lang="en"><meta charset="utf-8"><title>ballotbox modules</title><main></main></html>';

/** Starts the server; resolves to { url, stop() }. `/` is a blank page under the policy. */
export async function startStaticServer() {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    const headers = { 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' };
    if (path === '/') {
      response.writeHead(200, { ...headers, 'Content-Type': TYPES['.html'] }).end(BLANK);
      return;
    }
    const file = normalize(join(KIOSK, path.replace(/^\/assets\//, '/')));
    if (!path.startsWith('/assets/') || !file.startsWith(`${KIOSK}/`)) {
      response.writeHead(404, headers).end();
      return;
    }
    try {
      const body = await readFile(file);
      const type = TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
      response.writeHead(200, { ...headers, 'Content-Type': type }).end(body);
    } catch {
      response.writeHead(404, headers).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => server.close(resolve)) };
}
