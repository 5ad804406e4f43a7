// Choosing a password, as every page that makes or resets an account does it: the refusal of a
// weak one shown with zxcvbn's reasons (the server sends them as codes in the error's details:
// a warning and suggestions, src/server/auth.rs check_password), each translated.

import { errorText } from './api.js';
import { h } from './dom.js';
import { hasKey } from './i18n.js';

/**
 * Shows a failed request in `box` (an element with role=alert): the translated message and,
 * for a weak password, why it is weak and what would help, as a list.
 */
export function showAccountError(box, error, where) {
  const [key, params] = errorText(error, where);
  const parts = [h('p', { class: 'message', attrs: { 'data-kind': 'error' }, text: [key, params] })];
  if (error?.code === 'weak_password') parts.push(...passwordFeedback(error.details));
  box.replaceChildren(...parts);
  box.dataset.code = error?.code ?? '';
}

/** zxcvbn's warning and suggestions from a weak_password refusal's details, as a list. */
export function passwordFeedback(details) {
  const keys = [];
  if (details?.warning) keys.push(`password.warning.${details.warning}`);
  for (const suggestion of details?.suggestions ?? []) keys.push(`password.suggestion.${suggestion}`);
  const known = [...new Set(keys)].filter((key) => hasKey(key));
  if (known.length === 0) return [];
  return [
    h(
      'ul',
      { class: 'password-feedback', attrs: { 'data-feedback': 'password' } },
      ...known.map((key) => h('li', { text: [key, { min: details?.min_chars ?? 10 }] })),
    ),
  ];
}

/** The problem with a new password and its repetition before anything is sent, or null. */
export function passwordMismatch(password, again) {
  return password === again ? null : 'password.mismatch';
}
