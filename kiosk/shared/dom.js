// Small helpers for building pages without a framework: elements, views, messages, focus.

import { setAttr, setText } from './i18n.js';

/**
 * A new element. `props` may hold:
 *   text: [key, params] or key   translated text (data-i18n);
 *   data: 'raw text'             text that is data, not interface (a name, a number);
 *   attrs: { name: value }       attributes;
 *   i18nAttrs: { name: key }     translated attributes (aria-label, title, placeholder…);
 *   on: { event: handler }       listeners;
 *   class, id, hidden            as usual.
 * Children are elements or data strings.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.id) element.id = props.id;
  if (props.hidden) element.hidden = true;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, key] of Object.entries(props.i18nAttrs ?? {})) {
    const [k, params] = Array.isArray(key) ? key : [key, undefined];
    setAttr(element, name, k, params);
  }
  if (props.text) {
    const [key, params] = Array.isArray(props.text) ? props.text : [props.text, undefined];
    setText(element, key, params);
  }
  if (props.data !== undefined) setData(element, props.data);
  for (const [event, handler] of Object.entries(props.on ?? {})) {
    element.addEventListener(event, handler);
  }
  element.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return element;
}

/**
 * Puts data (a name, a number, a code: not interface text) into `element`. It is marked
 * data-raw, so that a test can tell every visible text apart as either translated or data.
 */
export function setData(element, value) {
  delete element.dataset.i18n;
  delete element.dataset.i18nParams;
  element.dataset.raw = '';
  element.textContent = String(value);
  return element;
}

/** The element with `id`; throws when the page lacks it, which is a bug in the page. */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element;
}

/**
 * Shows the view (a `[data-view]` element) with `id` and hides the others; moves the focus to
 * its heading (`[data-focus]`, or the first h1/h2) so that a screen reader announces it and the
 * keyboard starts there, unless `focus` is false or names another element.
 */
export function showView(id, { focus = true } = {}) {
  for (const view of document.querySelectorAll('[data-view]')) {
    view.hidden = view.id !== id;
  }
  const view = byId(id);
  if (focus === false) return view;
  const target =
    typeof focus === 'string'
      ? byId(focus)
      : view.querySelector('[data-focus]') ?? view.querySelector('h1, h2');
  if (target) {
    if (!target.hasAttribute('tabindex') && !isFocusable(target)) target.setAttribute('tabindex', '-1');
    target.focus();
  }
  return view;
}

function isFocusable(element) {
  return element.matches('a[href], button, input, select, textarea, [tabindex]');
}

/** The id of the view shown now. */
export function currentView() {
  return document.querySelector('[data-view]:not([hidden])')?.id ?? '';
}

/**
 * Shows a translated message in `element` (kind: error, success, info, warning), or hides it
 * when key is null. Errors are role=alert in the HTML, so that they are read out at once.
 */
export function showMessage(element, key, params, kind = 'info') {
  if (!key) {
    element.hidden = true;
    element.textContent = '';
    // Parameters can hold ballot contents (a written-in name): they go with the text.
    delete element.dataset.i18n;
    delete element.dataset.i18nParams;
    delete element.dataset.kind;
    return;
  }
  element.dataset.kind = kind;
  setText(element, key, params);
  element.hidden = false;
}

/** Removes every child of `element`. */
export function clear(element) {
  element.replaceChildren();
}

/** The address's query parameter `name` as a positive number of seconds, or `fallback`. */
export function secondsParam(name, fallback) {
  const value = Number(new URLSearchParams(location.search).get(name));
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * Marks `form` busy while a request is under way: its buttons say they are disabled
 * (aria-disabled, which keeps the keyboard focus where it is) and isBusy(form) tells a submit
 * handler to ignore a second press.
 */
export function setBusy(form, busy) {
  form.setAttribute('aria-busy', busy ? 'true' : 'false');
  for (const button of form.querySelectorAll('button')) {
    if (busy) button.setAttribute('aria-disabled', 'true');
    else button.removeAttribute('aria-disabled');
  }
}

/** Whether setBusy(form, true) is in force. */
export function isBusy(form) {
  return form.getAttribute('aria-busy') === 'true';
}
