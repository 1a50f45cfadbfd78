/** Prefixes a noun phrase with `a` or `an` ("an identity identifier", "a STIX identifier"). */
export function withArticle(phrase: string): string {
  return /^[aeiox]/i.test(phrase) ? `an ${phrase}` : `a ${phrase}`;
}
