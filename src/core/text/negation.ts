/**
 * The one list of words that negate what follows them, in every language the text pipeline reads
 * (English, German, Spanish, French, Portuguese, Indonesian). Detection turns them into a negation
 * mark before phrases are matched ("not offline" is no outage); the checklist marks a phrase found
 * just after one as negated.
 */
export const NEGATIONS: ReadonlySet<string> = new Set([
  // English
  'not', 'no', 'never', 'without', 'none', 'nor', 'neither', 'cannot', 'unable',
  // German, Spanish, French, Portuguese
  'nicht', 'kein', 'keine', 'keinen', 'nunca', 'pas', 'jamais', 'nao', 'sem',
  // Indonesian
  'tidak', 'tak', 'bukan', 'tanpa', 'belum', 'jangan', 'gak', 'nggak', 'enggak', 'ga',
]);
