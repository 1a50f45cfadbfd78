/** The pycti major lines the suite runs against. */
export type PyctiLine = '6.9' | '7';

/**
 * What pycti yields for a case, compared with Threatloom's standard id:
 * - `same`: the same id;
 * - `none`: pycti cannot compute a deterministic id (reason given);
 * - `differs`: a documented difference (data-model.md §3.3, §7); pycti's id is the UUIDv5 of
 *   `pyctiHashes` (its own rule), which the suite recomputes to prove the difference is exactly
 *   the documented one.
 */
export type PyctiExpectation =
  | { readonly kind: 'same' }
  | { readonly kind: 'none'; readonly reason: string }
  | {
      readonly kind: 'differs';
      readonly reason: string;
      readonly prefix: string;
      readonly pyctiHashes: Readonly<Record<string, unknown>>;
    };

export type CompatCase = {
  readonly name: string;
  readonly entityType: string;
  /** Data keyed by OpenCTI attribute names, sent unchanged to both implementations. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Expectation for every pycti line, or per line; `same` when omitted. */
  readonly expect?: PyctiExpectation | Readonly<Partial<Record<PyctiLine, PyctiExpectation>>>;
};
