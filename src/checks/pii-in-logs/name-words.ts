import { splitWords } from '../../analysis/identifier-words.js';
import type { SensitiveTerm, TermName } from './vocabulary.js';

export { splitWords };

export interface NameMatch {
  term: SensitiveTerm;
  /** The words of the name that matched the term. */
  matched: string[];
}

interface NameRules {
  termNames: readonly TermName[];
  suffixes: ReadonlySet<string>;
  notBefore: ReadonlySet<string>;
}

/**
 * The sensitive term a name stands for, matched by words: `userEmail` and `email_address` are
 * email addresses; `emailVerified`, `tokenExpiresAt` and `hasPassword` are not (a word after the term
 * that is not a known suffix, or a flag/count word before it, makes the name about something else).
 * The longest matching term wins; at equal length a credential beats personal data.
 */
export function matchSensitiveName(name: string, rules: NameRules): NameMatch | undefined {
  const words = splitWords(name);
  let best: NameMatch | undefined;
  for (const { term, words: termWords } of rules.termNames) {
    const at = findTerm(words, termWords, rules);
    if (at < 0) continue;
    if (term.alone && at !== 0) continue;
    if (!best || isBetter(termWords, term, best)) best = { term, matched: words.slice(at, at + termWords.length) };
  }
  return best;
}

function isBetter(termWords: string[], term: SensitiveTerm, best: NameMatch): boolean {
  if (termWords.length !== best.matched.length) return termWords.length > best.matched.length;
  return term.category === 'credential' && best.term.category !== 'credential';
}

/** Where the term's words occur such that only suffixes follow and no flag word precedes; -1 if nowhere. */
function findTerm(words: string[], termWords: string[], rules: NameRules): number {
  const last = words.length - termWords.length;
  for (let at = last; at >= 0; at--) {
    if (!termWords.every((word, i) => sameWord(words[at + i], word, i === termWords.length - 1))) continue;
    const after = words.slice(at + termWords.length);
    if (!after.every((word) => rules.suffixes.has(word))) continue;
    if (words.slice(0, at).some((word) => rules.notBefore.has(word))) continue;
    return at;
  }
  return -1;
}

/** The last word of a term also matches its plural: tokens, emails, addresses. */
function sameWord(word: string, termWord: string, last: boolean): boolean {
  if (word === termWord) return true;
  return last && (word === `${termWord}s` || word === `${termWord}es`);
}
