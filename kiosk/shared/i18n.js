// The translation table and how pages use it: every visible string of every page comes from
// here, in 简体中文 first, English second, and 繁體中文 where it has been written (it falls back to
// 简体中文, never to English).
//
// The table is split by page (strings/*.js) so that pages can be written side by side; each
// part maps a key to its texts: { 'kiosk.card.heading': { 'zh-CN': '…', en: '…', 'zh-TW': '…' } }.
// Texts take named parameters in braces: t('desk.checkedIn', { name: '王芳' }).
//
// A key missing from the table, or a text missing in 简体中文 or English, is shown as ⟦key⟧ and
// remembered (missingKeys()), so that a test fails on it and a person sees it at once.
//
// In the page, an element carries its key in data-i18n (and its parameters as JSON in
// data-i18n-params); attributes are translated with data-i18n-attr="aria-label:key;placeholder:key".
// setLanguage() translates the whole page again, so nothing has to be re-rendered by hand.

import common from './strings/common.js';
import kiosk from './strings/kiosk.js';
import desk from './strings/desk.js';
import consoleStrings from './strings/console.js';
import inspectStrings from './strings/inspect.js';
import resultsStrings from './strings/results.js';
import minutesStrings from './strings/minutes.js';
import hallStrings from './strings/hall.js';
import verifierStrings from './strings/verifier.js';

/** The languages, in the order the switcher shows them. */
export const LANGUAGES = ['zh-CN', 'en', 'zh-TW'];
/** The language a page starts in. */
export const DEFAULT_LANGUAGE = 'zh-CN';
/** The languages every key must have. */
export const REQUIRED_LANGUAGES = ['zh-CN', 'en'];

/** The whole table: key → { language → text }. */
export const table = merge([common, kiosk, desk]);
// The organiser console's strings, merged with the same check against a key defined twice.
Object.assign(table, merge([table, consoleStrings]));
Object.assign(table, merge([table, inspectStrings, resultsStrings, minutesStrings, hallStrings, verifierStrings]));

let current = DEFAULT_LANGUAGE;
const missing = new Set();
const listeners = new Set();

function merge(parts) {
  const merged = Object.create(null);
  for (const part of parts) {
    for (const [key, texts] of Object.entries(part)) {
      if (key in merged) throw new Error(`translation key ${key} is defined twice`);
      merged[key] = texts;
    }
  }
  return merged;
}

/** Whether the table has `key`. */
export function hasKey(key) {
  return key in table;
}

/** The language in use. */
export function language() {
  return current;
}

/**
 * The text of `key` in the current language, with `{name}` replaced by params.name. A
 * parameter may itself be a translation: { key: 'style.female', params: {...} }, or
 * { key, raw } for a name that is shown as `raw` when the table has no such key; a list is
 * joined as the language lists words, and { clauses: [...] } as it lists clauses.
 */
export function t(key, params = {}) {
  return translate(current, key, params);
}

/** The text of `key` in `code`, whatever the page's language (for tests and printing). */
export function translate(code, key, params = {}) {
  const texts = table[key];
  let text = texts?.[code];
  if (text === undefined && texts && code === 'zh-TW') text = texts['zh-CN'];
  if (typeof text !== 'string') {
    missing.add(texts ? `${code}:${key}` : key);
    return `⟦${key}⟧`;
  }
  return text.replace(/\{(\w+)\}/g, (_, name) => {
    if (!(name in params)) {
      missing.add(`${key}{${name}}`);
      return `⟦${name}⟧`;
    }
    return formatParam(params[name], code);
  });
}

function formatParam(value, code) {
  if (Array.isArray(value)) return value.map((v) => formatParam(v, code)).join(code === 'en' ? ', ' : '、');
  if (value && typeof value === 'object' && Array.isArray(value.clauses)) {
    return value.clauses.map((v) => formatParam(v, code)).join(code === 'en' ? '; ' : '；');
  }
  if (value && typeof value === 'object' && 'key' in value) {
    if ('raw' in value && !(value.key in table)) return String(value.raw);
    return translate(code, value.key, value.params);
  }
  return formatValue(value, code);
}

function formatValue(value, code) {
  if (typeof value === 'number') return new Intl.NumberFormat(code).format(value);
  return String(value);
}

/** Keys (and missing parameters) asked for that the table could not give, so far. */
export function missingKeys() {
  return [...missing];
}

/**
 * Puts the text of `key` into `element`, and remembers the key so that a change of language
 * translates it again. Returns the element.
 */
export function setText(element, key, params) {
  element.dataset.i18n = key;
  if (params && Object.keys(params).length > 0) {
    element.dataset.i18nParams = JSON.stringify(params);
  } else {
    delete element.dataset.i18nParams;
  }
  element.textContent = t(key, params);
  return element;
}

/** Translates an attribute of `element` (such as aria-label), now and on a change of language. */
export function setAttr(element, attribute, key, params) {
  const entries = parseAttr(element.dataset.i18nAttr).filter(([a]) => a !== attribute);
  entries.push([attribute, key]);
  element.dataset.i18nAttr = entries.map(([a, k]) => `${a}:${k}`).join(';');
  if (params) element.dataset.i18nAttrParams = JSON.stringify(params);
  element.setAttribute(attribute, t(key, params));
  return element;
}

function parseAttr(spec) {
  if (!spec) return [];
  return spec
    .split(';')
    .filter(Boolean)
    .map((pair) => pair.split(':').map((s) => s.trim()));
}

function readParams(json) {
  if (!json) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/** Translates every marked element under `root` (the whole document by default). */
export function applyTranslations(root = document) {
  const scope = root.querySelectorAll ? root : document;
  const marked = [...scope.querySelectorAll('[data-i18n]')];
  if (root.dataset?.i18n) marked.push(root);
  for (const element of marked) {
    element.textContent = t(element.dataset.i18n, readParams(element.dataset.i18nParams));
  }
  for (const element of scope.querySelectorAll('[data-i18n-attr]')) {
    const params = readParams(element.dataset.i18nAttrParams);
    for (const [attribute, key] of parseAttr(element.dataset.i18nAttr)) {
      element.setAttribute(attribute, t(key, params));
    }
  }
}

/** Switches the page to `code`: the lang attribute, every marked text, and the listeners. */
export function setLanguage(code) {
  if (!LANGUAGES.includes(code)) code = DEFAULT_LANGUAGE;
  current = code;
  document.documentElement.lang = code;
  applyTranslations(document);
  for (const listener of listeners) listener(code);
}

/** Calls `listener(code)` after each change of language; returns a function that stops it. */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The language the address asks for (?lang=en), or the default. */
export function languageFromAddress() {
  const asked = new URLSearchParams(location.search).get('lang');
  return LANGUAGES.includes(asked) ? asked : DEFAULT_LANGUAGE;
}

/** A number in the current language's digits and grouping. */
export function formatNumber(value) {
  return new Intl.NumberFormat(current).format(value);
}

/** A time of day (milliseconds since the epoch) in the current language. */
export function formatTime(ms) {
  return new Intl.DateTimeFormat(current, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(
    new Date(ms),
  );
}
