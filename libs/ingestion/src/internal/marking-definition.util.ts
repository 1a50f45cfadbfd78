// STIX marking definitions → the platform's (definition_type, definition) pair (data-model.md §4.1):
// TLP 1.0 objects `{tlp: "green"}` become `TLP:GREEN`, white becomes `TLP:CLEAR`; statements keep
// their name (or text); OpenCTI's own x_opencti_definition(_type) win when present.

const upper = (value: string) => value.trim().toUpperCase();

export function markingDefinitionAttributes(object: Record<string, unknown>): {
  definition_type?: string;
  definition?: string;
} {
  const explicitType = object.x_opencti_definition_type;
  const explicitDefinition = object.x_opencti_definition;
  if (typeof explicitType === 'string' && typeof explicitDefinition === 'string') {
    return { definition_type: explicitType, definition: explicitDefinition };
  }
  const type = typeof object.definition_type === 'string' ? object.definition_type : undefined;
  const definition = object.definition;
  if (type?.toLowerCase() === 'tlp' && definition && typeof definition === 'object') {
    const level = (definition as Record<string, unknown>).tlp;
    if (typeof level === 'string') {
      const normalized = upper(level) === 'WHITE' ? 'CLEAR' : upper(level);
      return { definition_type: 'TLP', definition: `TLP:${normalized}` };
    }
  }
  const name = typeof object.name === 'string' ? object.name : undefined;
  if (typeof definition === 'string') {
    return { definition_type: type, definition };
  }
  if (name !== undefined) {
    const tlp = /^TLP:(.+)$/i.exec(name.trim());
    if (tlp?.[1]) {
      const level = upper(tlp[1]) === 'WHITE' ? 'CLEAR' : upper(tlp[1]);
      return { definition_type: 'TLP', definition: `TLP:${level}` };
    }
    return { definition_type: type ?? 'statement', definition: name };
  }
  if (definition && typeof definition === 'object') {
    const values = Object.values(definition as Record<string, unknown>).filter(
      (v) => typeof v === 'string',
    );
    return { definition_type: type, definition: values.join(' ') || JSON.stringify(definition) };
  }
  return { definition_type: type };
}
