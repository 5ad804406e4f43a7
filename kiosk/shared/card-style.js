// How each ballot-card style looks, at a glance and to one who cannot tell colours apart: a
// colour band, a pattern that survives a black-and-white printer, and a large mark (a character
// of its name). The general card has neither, so that any band means "not the usual card". The
// same badge is on the printed card sheet and at the desk (card-style.css).

import { h } from './dom.js';

/** The styles with a band and a large mark (`styleMark.<style>` in the table); the general card has none. */
export const STYLE_MARKS = {
  female: 'styleMark.female',
  plenary: 'styleMark.plenary',
  audit_plenary: 'styleMark.audit_plenary',
  women_plenary: 'styleMark.women_plenary',
};

/** The style's translation key and parameters. */
export function styleName(style) {
  const known = ['general', 'female', 'plenary', 'audit_plenary', 'women_plenary'];
  return { key: `style.${known.includes(style) ? style : 'other'}`, params: { style } };
}

/**
 * A badge for `style`: the mark in the style's colour beside the style's name. The mark is
 * aria-hidden: the name says the same in words.
 */
export function styleBadge(style, { className = '' } = {}) {
  const name = styleName(style);
  const mark = STYLE_MARKS[style];
  return h(
    'span',
    { class: `style-badge ${className}`.trim(), attrs: { 'data-card-style': style } },
    mark ? h('span', { class: 'style-mark', attrs: { 'aria-hidden': 'true' }, text: mark }) : null,
    h('span', { class: 'style-name', text: [name.key, name.params] }),
  );
}
