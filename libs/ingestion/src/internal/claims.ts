// Same-source distinctness: two objects that one author publishes in one work under two different
// ids are two objects, even when their names or aliases give the same derived ids (ATT&CK has
// distinct groups sharing an alias, CAPEC distinct mitigations sharing a name). Derived-id
// de-duplication still merges objects of different sources, as OpenCTI does.
//
// The registry remembers, per element written in this work, the author and the id it was written
// under; it is bounded so that a huge work keeps a flat memory profile (the oldest claims go first,
// and an element whose claim was forgotten is merged as OpenCTI would).

export class ClaimRegistry {
  private readonly claims = new Map<string, string>();

  constructor(private readonly capacity = 300_000) {}

  claim(internalId: string, author: string | undefined, stixId: string): void {
    if (this.claims.has(internalId)) {
      return;
    }
    if (this.claims.size >= this.capacity) {
      const oldest = this.claims.keys().next();
      if (!oldest.done) {
        this.claims.delete(oldest.value);
      }
    }
    this.claims.set(internalId, `${author ?? ''}|${stixId}`);
  }

  /** True when the element was written in this work by the same author under another id. */
  heldByAnotherObject(internalId: string, author: string | undefined, stixId: string): boolean {
    const claim = this.claims.get(internalId);
    if (claim === undefined) {
      return false;
    }
    const separator = claim.indexOf('|');
    return claim.slice(0, separator) === (author ?? '') && claim.slice(separator + 1) !== stixId;
  }
}
