/** A generated STIX object, as plain JSON data. */
export type StixRecord = Record<string, unknown>;

export type ObservableKind =
  'ipv4-addr' | 'ipv6-addr' | 'domain-name' | 'url' | 'email-addr' | 'file';

export type SdoKind =
  | 'malware'
  | 'intrusion-set'
  | 'threat-actor'
  | 'campaign'
  | 'attack-pattern'
  | 'tool'
  | 'vulnerability'
  | 'organization'
  | 'sector'
  | 'country';

/** Pools of referenceable objects: SCO and SDO kinds plus indicators, relationships, reports. */
export type RefKind = ObservableKind | SdoKind | 'indicator' | 'relationship' | 'report';

/** What a later object needs to point at an earlier one. */
export type RefEntry = { id: string; name: string };

/** An observable waiting for an indicator whose pattern will describe it. */
export type IndicatableObservable = {
  kind: ObservableKind;
  id: string;
  value: string;
  hashAlgorithm?: 'MD5' | 'SHA-256';
};

/** A relationship decided when its source was generated, emitted by a later relationship slot. */
export type PendingRelationship = {
  relationshipType: string;
  source: RefEntry;
  target: RefEntry;
  author: string;
  marking: string;
};

export type DuplicateKind = 'exact' | 'republished' | 'updated';

export type ObjectCategory = 'observable' | 'indicator' | 'sdo' | 'relationship' | 'report';
