// data-model.md §4.1: TLP markings have fixed ids; TLP:WHITE is the legacy name of TLP:CLEAR.
// Keyed by the upper-cased `definition_type|definition` the id algorithm hashes.
export const STATIC_MARKING_UUIDS: ReadonlyMap<string, string> = new Map([
  ['TLP|TLP:WHITE', '613f2e26-407d-48c7-9eca-b8e91df99dc9'],
  ['TLP|TLP:CLEAR', '613f2e26-407d-48c7-9eca-b8e91df99dc9'],
  ['TLP|TLP:GREEN', '34098fce-860f-48ae-8e50-ebd3cc5e41da'],
  ['TLP|TLP:AMBER', 'f88d31f6-486f-44da-b317-01333bde0b82'],
  ['TLP|TLP:AMBER+STRICT', '826578e1-40ad-459f-bc73-ede076f81f37'],
  ['TLP|TLP:RED', '5e57c739-391a-4eb3-b6be-7d15ca92d5ed'],
]);
