/** One contributing property of a standard id (data-model.md §3.2). */
export type IdPart = {
  /** Key read from the input data. */
  readonly src: string;
  /** Key written in the hashed JSON when it differs from `src`. */
  readonly dest?: string;
  /** `x⇐y`: the property only counts when every dependency is non-empty; otherwise the way fails. */
  readonly dependencies?: readonly string[];
  /** A constant hashed whatever the input says (sightings hash `type: "sighting"`). */
  readonly constant?: string;
};

/** An ordered list of contributing properties; a type may have alternative ways (`A | B`). */
export type IdWay = readonly IdPart[];

/** How a type's standard id is made. */
export type IdContribution =
  | { readonly kind: 'ways'; readonly ways: readonly IdWay[] }
  | { readonly kind: 'whole' }
  | { readonly kind: 'fixed'; readonly uuid: string }
  | { readonly kind: 'random' };

export type IdResolver = (value: unknown) => unknown;
