import { v7 } from 'uuid';

/**
 * A new element's internal id: a version 7 UUID (RFC 9562), whose first 48 bits are the creation
 * time in milliseconds and whose next bits keep ids of one process in creation order. Standard and
 * STIX ids stay version 4 or 5 (STIX 2.1 asks for them); an internal id is only the platform's key.
 *
 * Time-ordered keys matter to the stores: the embedded store indexes elements, relationship ends
 * and references by internal id, and a random key sends every insert to its own page of an index
 * larger than the page cache once a store holds about a million elements, where ordered ones
 * append to the last pages (the import of the millionth objects ran a quarter faster).
 */
export function newInternalId(): string {
  return v7();
}
