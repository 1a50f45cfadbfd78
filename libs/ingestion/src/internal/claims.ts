import { hash53 } from '@lib/kernel';

// Same-source distinctness: two objects that one author publishes in one work under two different
// ids are two objects, even when their names or aliases give the same derived ids (ATT&CK has
// distinct groups sharing an alias, CAPEC distinct mitigations sharing a name). Derived-id
// de-duplication still merges objects of different sources, as OpenCTI does.
//
// The registry remembers, per element written in this work, the author and the id it was written
// under; it is bounded so that a huge work keeps a flat memory profile (the oldest claims go first,
// and an element whose claim was forgotten is merged as OpenCTI would).

type Claim = { stixHash: number; author: string };

export class ClaimRegistry {
  // Internal id → the hash of the STIX id it was written under and its author (authors are few
  // distinct strings, shared by reference).
  private readonly claims = new Map<string, Claim>();
  // Insertion order for eviction, as a ring: asking a Map for its oldest key after many deletions
  // walks every deleted slot before it, which made eviction quadratic on large works.
  private readonly order: string[] = [];
  private oldest = 0;

  constructor(private readonly capacity = 50_000) {}

  claim(internalId: string, author: string | undefined, stixId: string): void {
    if (this.claims.has(internalId)) {
      return;
    }
    if (this.claims.size >= this.capacity) {
      this.claims.delete(this.order[this.oldest] as string);
      this.order[this.oldest] = internalId;
      this.oldest = (this.oldest + 1) % this.capacity;
    } else {
      this.order.push(internalId);
    }
    this.claims.set(internalId, { stixHash: hash53(stixId), author: author ?? '' });
  }

  /** True when the element was written in this work by the same author under another id. */
  heldByAnotherObject(internalId: string, author: string | undefined, stixId: string): boolean {
    const claim = this.claims.get(internalId);
    return (
      claim !== undefined && claim.stixHash !== hash53(stixId) && claim.author === (author ?? '')
    );
  }
}
