import type { BootstrapMarking } from './model.types';

function marking(
  definition: string,
  standardUuid: string,
  order: number,
  color: string,
): BootstrapMarking {
  return Object.freeze({
    definitionType: definition.slice(0, definition.indexOf(':')),
    definition,
    standardId: `marking-definition--${standardUuid}`,
    order,
    color,
  });
}

// data-model.md §4.1. The TLP ids are fixed (STIX 2.1 TLP 1.0 ids reused for the TLP 2.0 names;
// AMBER+STRICT chosen by OpenCTI); the PAP ids are ordinary computed ids.
export const BOOTSTRAP_MARKINGS: readonly BootstrapMarking[] = [
  marking('TLP:CLEAR', '613f2e26-407d-48c7-9eca-b8e91df99dc9', 1, '#ffffff'),
  marking('TLP:GREEN', '34098fce-860f-48ae-8e50-ebd3cc5e41da', 2, '#2e7d32'),
  marking('TLP:AMBER', 'f88d31f6-486f-44da-b317-01333bde0b82', 3, '#d84315'),
  marking('TLP:AMBER+STRICT', '826578e1-40ad-459f-bc73-ede076f81f37', 4, '#d84315'),
  marking('TLP:RED', '5e57c739-391a-4eb3-b6be-7d15ca92d5ed', 5, '#c62828'),
  marking('PAP:CLEAR', '4cdff7eb-acb8-543f-8573-829eb9fe8b34', 1, '#ffffff'),
  marking('PAP:GREEN', '89484dde-e3d2-547f-a6c6-d14824429eb1', 2, '#2e7d32'),
  marking('PAP:AMBER', 'a6f20d4d-0360-59b6-ba22-3b48707828b1', 3, '#d84315'),
  marking('PAP:RED', '4e4e3b84-de45-53df-9d9b-b21207699fd8', 4, '#c62828'),
];
