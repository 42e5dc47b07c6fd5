/**
 * The global banned-password list, which always applies (as Entra's does).
 * Entra's own list is not published; this one is built from MIT-licensed data:
 *
 * - @zxcvbn-ts/language-common's `passwords-common`: about 49,000 of the most
 *   common passwords of public breach corpora, ranked by frequency; the terms
 *   password sprays try first ("password", "qwerty", "dragon", "summer"...);
 * - the years 1900–2099: zxcvbn leaves years out of its dictionaries because its
 *   own date matcher finds them, so they are added back here ("Winter2024" is
 *   the pattern Entra's list catches with "winter" plus a year).
 *
 * Not the English dictionaries of @zxcvbn-ts/language-en: with fifty thousand
 * more words matched within one edit, nearly every four-letter piece of any
 * password is "a word" (measured: passphrases of three unusual words and the
 * app's own random passwords were then refused), which punishes the passphrases
 * NIST SP 800-63B recommends. The common passwords already hold the words people
 * actually put in passwords.
 *
 * Loaded lazily, once per process (decompressing and indexing takes ~250 ms and
 * ~20 MB): the first check pays, every keystroke after it looks up a hash map.
 */
import { TermIndex } from '../domain/banned-passwords';

const FIRST_YEAR = 1900;
const LAST_YEAR = 2099;

let loading: Promise<TermIndex> | null = null;

/** Only letters and digits after normalisation: the list's few entries with other characters are noise. */
const PLAIN = /^[a-z0-9]+$/;

export function globalBannedTerms(): Promise<TermIndex> {
  loading ??= (async () => {
    const { dictionary } = await import('@zxcvbn-ts/language-common');
    const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => String(FIRST_YEAR + i));
    const terms = [...dictionary['passwords-common'], ...years].filter((term) => PLAIN.test(term.toLowerCase()));
    return new TermIndex(terms);
  })();
  return loading;
}
