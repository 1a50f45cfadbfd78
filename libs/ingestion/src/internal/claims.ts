import { hash53 } from '@lib/kernel';

// Same-source distinctness: two objects that one author publishes in one work under two different
// ids are two objects, even when their names or aliases give the same derived ids (ATT&CK has
// distinct groups sharing an alias, CAPEC distinct mitigations sharing a name). Derived-id
// de-duplication still merges objects of different sources, as OpenCTI does.
//
// The registry remembers, per element written in this work, the author and the id it was written
// under; it is bounded so that a huge work keeps a flat memory profile (the oldest claims go first,
// and an element whose claim was forgotten is merged as OpenCTI would).

export class ClaimRegistry {
  // Internal id → hash of the STIX id it was written under: a number per claim keeps it small.
  private readonly claims = new Map<string, number>();
  // Authors are few distinct strings, shared by reference.
  private readonly authors = new Map<string, string>();

  constructor(private readonly capacity = 50_000) {}

  claim(internalId: string, author: string | undefined, stixId: string): void {
    if (this.claims.has(internalId)) {
      return;
    }
    if (this.claims.size >= this.capacity) {
      const oldest = this.claims.keys().next();
      if (!oldest.done) {
        this.claims.delete(oldest.value);
        this.authors.delete(oldest.value);
      }
    }
    this.claims.set(internalId, hash53(stixId));
    this.authors.set(internalId, author ?? '');
  }

  /** True when the element was written in this work by the same author under another id. */
  heldByAnotherObject(internalId: string, author: string | undefined, stixId: string): boolean {
    const claim = this.claims.get(internalId);
    return (
      claim !== undefined &&
      claim !== hash53(stixId) &&
      this.authors.get(internalId) === (author ?? '')
    );
  }
}
