// Real Chromium (Debian's package, never a downloaded build) driven by playwright-core; each page
// fails its test on a script error or a Content-Security-Policy violation; screenshots and
// accessibility reports go to target/browser-artifacts/.

import assert from 'node:assert/strict';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ARTIFACTS } from './server.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Where Debian installs Chromium; CHROMIUM names another. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Launches headless Chromium. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page in a fresh context (its own cookies) whose script errors, CSP violations and console
 * errors are collected in page.problems; assertNoProblems(page) fails on any.
 */
export async function newPage(browser, { suite, viewport = { width: 1280, height: 900 }, ignoreHTTPSErrors = false } = {}) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', ignoreHTTPSErrors });
  const page = await context.newPage();
  page.problems = [];
  page.suite = suite;
  page.on('pageerror', (error) => page.problems.push(`script error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // A refused request (401, 409…) is logged by Chromium; the page handles those itself.
    if (text.startsWith('Failed to load resource')) return;
    page.problems.push(`console error: ${text}`);
  });
  return page;
}

/** Fails when the page had a script error, a CSP violation or a console error. */
export function assertNoProblems(page) {
  assert.deepEqual(page.problems, [], 'the page ran without script errors or policy violations');
}

const shots = new Map();

/** Saves a screenshot as target/browser-artifacts/<suite>/<nn>-<name>.png. */
export async function screenshot(page, name, options = {}) {
  const dir = join(ARTIFACTS, page.suite ?? 'misc');
  mkdirSync(dir, { recursive: true });
  const n = (shots.get(dir) ?? 0) + 1;
  shots.set(dir, n);
  const file = join(dir, `${String(n).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true, ...options });
  return file;
}

/**
 * Runs axe-core on the page as it is now and fails on any serious or critical violation. The
 * page's own Content-Security-Policy stays on: axe is evaluated through the DevTools protocol,
 * not injected as a script tag. Every finding is written to <suite>/axe-<name>.json.
 */
export async function checkAccessibility(page, name) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }),
  );
  const dir = join(ARTIFACTS, page.suite ?? 'misc');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `axe-${name}.json`), JSON.stringify(results.violations, null, 2));
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `axe finds no serious or critical violation on ${name}`);
}

/** Fails when the page shows a translation key the table lacks (⟦key⟧), in text or attributes. */
export async function assertTranslated(page) {
  const marked = await page.evaluate(() => {
    const found = [];
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      if (walker.currentNode.nodeValue.includes('⟦')) found.push(walker.currentNode.nodeValue.trim());
    }
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        if (attribute.value.includes('⟦')) found.push(`${element.tagName.toLowerCase()}[${attribute.name}]=${attribute.value}`);
      }
    }
    return found;
  });
  assert.deepEqual(marked, [], 'every visible string comes from the translation table');
}

/** The accessible name of the focused element, as a screen reader would announce it. */
export async function focusedName(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element) return '';
    const labelledBy = element.getAttribute('aria-labelledby');
    if (labelledBy) return labelledBy.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
    if (element.getAttribute('aria-label')) return element.getAttribute('aria-label');
    if (element.labels && element.labels.length > 0) return element.labels[0].textContent.trim();
    return element.textContent.trim();
  });
}

/**
 * What every step of a page is held to: a screenshot, every string translated, no serious or
 * critical accessibility violation, no script error.
 */
export async function checkpoint(page, name, { axe = true } = {}) {
  await screenshot(page, name);
  await assertTranslated(page);
  await assertAllTextAccountedFor(page);
  if (axe) await checkAccessibility(page, name);
  assertNoProblems(page);
}

/**
 * Fails when visible text is neither translated (inside data-i18n) nor data (inside data-raw,
 * such as a name or a code), or when a labelling attribute is not translated: so no string can
 * bypass the translation table.
 */
export async function assertAllTextAccountedFor(page) {
  const stray = await page.evaluate(() => {
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!node.nodeValue.trim()) continue;
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style')) continue;
      if (parent.closest('[data-i18n], [data-raw]')) continue;
      found.push(node.nodeValue.trim());
    }
    for (const element of document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
      const translated = (element.dataset.i18nAttr ?? '').split(';').map((pair) => pair.split(':')[0]);
      for (const attribute of ['aria-label', 'placeholder', 'title', 'alt']) {
        if (element.hasAttribute(attribute) && !translated.includes(attribute)) {
          found.push(`${element.tagName.toLowerCase()}[${attribute}]=${element.getAttribute(attribute)}`);
        }
      }
    }
    return found;
  });
  assert.deepEqual(stray, [], 'every visible text is translated or marked as data');
}
