import { buildElement } from '../../testing/element.factory';
import { fromElementDocument, toElementDocument } from './opensearch-element.document';

describe(toElementDocument.name, () => {
  const element = buildElement({
    attributes: {
      name: 'Emotet',
      description: 'loader turned banking trojan',
      event_scope: 'create',
      confidence: 80,
      created: '2024-01-02T00:00:00.000Z',
      labels: ['trojan'],
    },
  });

  it('projects every attribute for filters and sorting by default', () => {
    const doc = toElementDocument(element, 1);
    expect(doc.kv).toEqual([
      'name=Emotet',
      'description=loader turned banking trojan',
      'event_scope=create',
      'labels=trojan',
    ]);
    expect(doc.attr_keys).toEqual(Object.keys(element.attributes));
    // Numbers and dates are filtered on their typed copies only.
    expect(doc.num).toEqual({ confidence: 80 });
    expect(doc.date).toEqual({ created: '2024-01-02T00:00:00.000Z' });
    // Sort keys of the attributes the element has, none for the others.
    expect(doc.sort).toEqual({ name: 'Emotet' });
  });

  it('projects only the attributes the writer names, and still keeps them all', () => {
    const doc = toElementDocument(element, 1, ['event_scope', 'name', 'absent']);
    expect(doc.kv).toEqual(['event_scope=create', 'name=Emotet']);
    expect(doc.attr_keys).toEqual(['event_scope', 'name']);
    expect(doc.num).toEqual({});
    expect(doc.date).toEqual({});
    expect(toElementDocument(element, 1, ['event_scope']).sort).toEqual({});
    // Full text is not a filter: the description is still searchable.
    expect(doc.text).toContain('banking trojan');
    expect(fromElementDocument(doc)).toEqual(element);
  });
});
