import type { TranslationMessages } from 'ra-core';
import englishMessages from 'ra-language-english';

/** react-admin's own texts (ra.*), as published by react-admin. */
const ra: TranslationMessages = englishMessages;

export default ra;
