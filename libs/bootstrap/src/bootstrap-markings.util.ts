import { BOOTSTRAP_MARKINGS } from '@lib/stix';

/** The TLP and PAP marking definitions of data-model.md §4.1, as STIX objects to ingest. */
export function bootstrapMarkingObjects(created: string): Record<string, unknown>[] {
  return BOOTSTRAP_MARKINGS.map((marking) => ({
    type: 'marking-definition',
    spec_version: '2.1',
    id: marking.standardId,
    created,
    name: marking.definition,
    x_opencti_definition_type: marking.definitionType,
    x_opencti_definition: marking.definition,
    x_opencti_order: marking.order,
    x_opencti_color: marking.color,
  }));
}
