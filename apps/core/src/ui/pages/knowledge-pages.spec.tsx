import { UiAssets } from '@lib/ui';
import type { Chrome } from '@lib/ui';
import { EntityFormPage } from './entity-form.page';
import { MessageText } from './entity-tabs.page';
import { TargetOptions } from './relationship-form.page';

const chrome: Chrome = {
  assets: new UiAssets('/nowhere', {}),
  viewer: { name: 'analyst', admin: false },
  csrfToken: 'tok"en',
  theme: 'system',
  path: '/create/Indicator',
};

describe('knowledge pages', () => {
  it('renders the form with what was typed escaped, its errors tied to their fields', async () => {
    const html = await EntityFormPage({
      chrome,
      entityType: 'Indicator',
      title: 'New indicator',
      action: '/create/Indicator',
      cancelHref: '/observations/indicators',
      submitLabel: 'Create',
      values: {
        name: '"><script>alert(1)</script>',
        description: '</textarea><script>alert(2)</script>',
        confidence: '',
        createdBy: '',
        objectMarking: ['m-2'],
        objectLabel: [],
        extra: { pattern: '', pattern_type: 'yara', valid_from: '' },
      },
      errors: { pattern: 'Pattern is required.' },
      fields: [
        { key: 'pattern', label: 'Pattern', kind: 'textarea', required: true },
        { key: 'pattern_type', label: 'Pattern type', kind: 'select', options: ['stix', 'yara'] },
      ],
      choices: {
        markings: [
          { id: 'm-1', label: 'TLP:CLEAR' },
          { id: 'm-2', label: 'TLP:<b>RED</b>' },
        ],
        labels: [],
        authors: [],
      },
    });
    // Attribute values escape their quote (a `<` inside one opens no tag); text escapes `<`.
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<script>alert/);
    expect(html).toContain('name="name" value="&#34;><script>alert(1)</script>"');
    expect(html).toContain('&lt;/textarea>&lt;script>alert(2)&lt;/script></textarea>');
    expect(html).toMatch(/<option value="m-2" selected>TLP:&lt;b>RED&lt;\/b><\/option>/);
    expect(html).toMatch(/<option value="yara" selected>yara<\/option>/);
    expect(html).toMatch(/aria-invalid="true" aria-describedby="field-pattern-error"/);
    expect(html).toContain(
      '<p class="field-error" id="field-pattern-error">Pattern is required.</p>',
    );
    expect(html).toContain('role="alert">The form has errors');
  });

  it('answers the target search with escaped options, or says nothing matched', async () => {
    const html = await TargetOptions({
      targets: [{ id: 'x"1', name: '<i>APT</i>', entityType: 'Intrusion-Set' }],
    });
    expect(html).toBe('<option value="x&#34;1">&lt;i>APT&lt;/i> (Intrusion set)</option>');
    expect(await TargetOptions({ targets: [] })).toContain('No match');
  });

  it('sets the names a message quotes as code, escaped, and keeps an unpaired backtick', async () => {
    const html = await (
      <MessageText text={'creates a Malware `<b>Emotet</b>` from `feed` `unpaired'} />
    );
    expect(html).toBe(
      '<span>creates a Malware </span><code>&lt;b>Emotet&lt;/b></code><span> from </span>' +
        '<code>feed</code><span> </span><span>`unpaired</span>',
    );
  });
});
