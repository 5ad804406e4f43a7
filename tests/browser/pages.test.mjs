// How the pages are served: from the binary, with their content types, a strict
// Content-Security-Policy, never framed, the kiosk never cached.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { t } from '../../kiosk/shared/i18n.js';
import { checkpoint, launchBrowser, newPage } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

let server;
let browser;

before(async () => {
  server = await startServer('pages');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the index page leads to the kiosk and the desk', async () => {
  const page = await newPage(browser, { suite: 'pages' });
  await page.goto(`${server.url}/`);
  await checkpoint(page, 'index');
  await page.getByRole('link', { name: t('index.desk'), exact: true }).click();
  await page.waitForURL(`${server.url}/desk`);
  await page.goBack();
  await page.getByRole('link', { name: t('index.kiosk'), exact: true }).click();
  await page.waitForURL(`${server.url}/kiosk`);
  await page.close();
});

const PAGES = ['/', '/kiosk', '/desk'];

function assertSecure(response, path) {
  const csp = response.headers.get('content-security-policy') ?? '';
  for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"]) {
    assert.ok(csp.includes(directive), `${path}: ${directive} in ${csp}`);
  }
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), `${path}: no inline script or eval`);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer', path);
  assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
}

test('each page is HTML, never stored, under a strict Content-Security-Policy', async () => {
  for (const path of PAGES) {
    const response = await fetch(server.url + path);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8', path);
    assert.equal(response.headers.get('cache-control'), 'no-store', path);
    assertSecure(response, path);
    const html = await response.text();
    assert.match(html, /<html lang="zh-CN"/, path);
    assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), `${path}: no inline script`);
    assert.ok(!/\sstyle="/.test(html), `${path}: no inline style`);
    assert.ok(!/\son[a-z]+="/.test(html), `${path}: no inline event handler`);
  }
});

test('every script and style a page names is served with its content type', async () => {
  const seen = new Set();
  const queue = [];
  for (const path of PAGES) {
    const html = await (await fetch(server.url + path)).text();
    for (const [, asset] of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) queue.push(asset);
  }
  // Modules import modules: follow them.
  while (queue.length > 0) {
    const asset = queue.pop();
    if (seen.has(asset)) continue;
    seen.add(asset);
    const response = await fetch(server.url + asset);
    assert.equal(response.status, 200, asset);
    assertSecure(response, asset);
    assert.equal(response.headers.get('cache-control'), 'no-cache', asset);
    const type = asset.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8';
    assert.equal(response.headers.get('content-type'), type, asset);
    if (asset.endsWith('.js')) {
      const source = await response.text();
      for (const [, spec] of source.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        queue.push(new URL(spec, `http://x${asset}`).pathname);
      }
    }
  }
  assert.ok(seen.has('/assets/shared/i18n.js') && seen.has('/assets/shared/strings/kiosk.js') && seen.has('/assets/shared/tokens.css'));
});

test('an asset that has not changed is not sent again', async () => {
  const first = await fetch(`${server.url}/assets/shared/i18n.js`);
  const etag = first.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{64}"$/);
  const again = await fetch(`${server.url}/assets/shared/i18n.js`, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), '');
});

test('the stroke data of the ballot order is served from the binary, the same bytes as data/strokes.tsv', async () => {
  const response = await fetch(`${server.url}/assets/shared/strokes.tsv`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/tab-separated-values; charset=utf-8');
  assert.match(response.headers.get('content-security-policy'), /default-src 'self'/);
  const text = await response.text();
  assert.equal(text, readFileSync(new URL('../../data/strokes.tsv', import.meta.url), 'utf8'));
  const etag = response.headers.get('etag');
  const again = await fetch(`${server.url}/assets/shared/strokes.tsv`, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
});

test('an unknown asset is a 404 with the API’s error body', async () => {
  const response = await fetch(`${server.url}/assets/no-such-file.js`);
  assert.equal(response.status, 404);
  const body = await response.json();
  assert.equal(body.error.code, 'not_found');
  assertSecure(response, '/assets/no-such-file.js');
  assert.equal((await fetch(`${server.url}/assets/../Cargo.toml`)).status, 404);
  const elsewhere = await fetch(`${server.url}/no-such-page`);
  assert.equal(elsewhere.status, 404);
  assert.equal((await elsewhere.json()).error.code, 'not_found');
  assertSecure(elsewhere, '/no-such-page');
  // The API keeps its own answer for its unknown routes.
  const api = await fetch(`${server.url}/api/v1/no-such-route`);
  assert.equal(api.status, 404);
  assert.equal((await api.json()).error.code, 'not_found');
});
