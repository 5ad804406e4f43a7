// The index page (/): the list of pages, in the language the address asks for.

import { languageFromAddress, setLanguage } from './shared/i18n.js';
import { byId } from './shared/dom.js';
import { mountToolbar } from './shared/toolbar.js';

setLanguage(languageFromAddress());
mountToolbar(byId('toolbar'));
