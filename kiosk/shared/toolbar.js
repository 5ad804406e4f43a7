// The display settings every page offers: the language, the size of the text, and high
// contrast. They live only in the page (nothing is stored in the browser), so a kiosk's next
// delegate starts from the defaults again: resetDisplay().

import { LANGUAGES, DEFAULT_LANGUAGE, language, setLanguage, setText, onLanguageChange } from './i18n.js';
import { h } from './dom.js';

/** Text sizes, as multiples of the page's own size. */
export const FONT_SCALES = [1, 1.25, 1.5, 1.75, 2];

let fontLevel = 0;
let contrast = false;
const controls = [];

function applyDisplay() {
  const root = document.documentElement;
  root.style.setProperty('--font-scale', String(FONT_SCALES[fontLevel]));
  root.dataset.contrast = contrast ? 'high' : 'normal';
  for (const control of controls) control.refresh();
}

/** Sets the text size level (an index into FONT_SCALES). */
export function setFontLevel(level) {
  fontLevel = Math.min(Math.max(level, 0), FONT_SCALES.length - 1);
  applyDisplay();
}

/** Turns high contrast on or off. */
export function setContrast(on) {
  contrast = Boolean(on);
  applyDisplay();
}

/** Back to the default language, text size and contrast. */
export function resetDisplay() {
  fontLevel = 0;
  contrast = false;
  applyDisplay();
  if (language() !== DEFAULT_LANGUAGE) setLanguage(DEFAULT_LANGUAGE);
}

/**
 * Builds the settings into `container` (an element of the page's header): a group of language
 * buttons, smaller/larger text buttons with the current size, and a high-contrast switch.
 */
export function mountToolbar(container) {
  const languageButtons = LANGUAGES.map((code) =>
    h('button', {
      class: 'toolbar-button',
      text: `language.${code}`,
      attrs: { type: 'button', lang: code, 'data-language': code },
      on: { click: () => setLanguage(code) },
    }),
  );
  const smaller = h('button', {
    class: 'toolbar-button',
    text: 'display.smaller',
    i18nAttrs: { 'aria-label': 'display.smallerLabel' },
    attrs: { type: 'button', 'data-font': 'smaller' },
    on: { click: () => setFontLevel(fontLevel - 1) },
  });
  const larger = h('button', {
    class: 'toolbar-button',
    text: 'display.larger',
    i18nAttrs: { 'aria-label': 'display.largerLabel' },
    attrs: { type: 'button', 'data-font': 'larger' },
    on: { click: () => setFontLevel(fontLevel + 1) },
  });
  const size = h('span', { class: 'toolbar-value', attrs: { 'aria-live': 'polite' } });
  const contrastButton = h('button', {
    class: 'toolbar-button',
    text: 'display.contrast',
    attrs: { type: 'button', 'data-contrast': 'toggle' },
    on: { click: () => setContrast(!contrast) },
  });
  const languageLabel = h('span', { class: 'toolbar-label', id: 'toolbar-language-label', text: 'display.language' });
  const sizeLabel = h('span', { class: 'toolbar-label', id: 'toolbar-size-label', text: 'display.textSize' });
  const nav = h(
    'div',
    { class: 'toolbar', attrs: { role: 'group' }, i18nAttrs: { 'aria-label': 'display.settings' } },
    h('div', { class: 'toolbar-group', attrs: { role: 'group', 'aria-labelledby': 'toolbar-language-label' } }, languageLabel, ...languageButtons),
    h('div', { class: 'toolbar-group', attrs: { role: 'group', 'aria-labelledby': 'toolbar-size-label' } }, sizeLabel, smaller, size, larger),
    h('div', { class: 'toolbar-group' }, contrastButton),
  );
  container.replaceChildren(nav);
  const control = {
    refresh() {
      for (const button of languageButtons) {
        button.setAttribute('aria-pressed', String(button.dataset.language === language()));
      }
      setText(size, 'display.percent', { percent: Math.round(FONT_SCALES[fontLevel] * 100) });
      // aria-disabled rather than disabled, so that the focus stays on the button.
      smaller.setAttribute('aria-disabled', String(fontLevel === 0));
      larger.setAttribute('aria-disabled', String(fontLevel === FONT_SCALES.length - 1));
      contrastButton.setAttribute('aria-pressed', String(contrast));
    },
  };
  controls.push(control);
  onLanguageChange(() => control.refresh());
  applyDisplay();
  return nav;
}
