import { ElementTable } from './element-table';
import { renderMarkdown } from './markdown.util';
import { typeLabel } from './format.util';

describe('UI components', () => {
  it('escapes names, labels and markings taken from the knowledge', async () => {
    const html = await ElementTable({
      caption: 'Malware',
      rows: [
        {
          id: 'a"b',
          name: '<script>alert(1)</script>',
          entityType: 'Malware',
          labels: [{ value: '<b>label</b>' }],
          markings: [{ id: 'm', definition: 'TLP:<i>AMBER</i>' }],
        },
      ],
    });
    // Text escapes `<` (enough to open no tag); attributes escape quotes.
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<(script|b|i)>/);
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect(html).toContain('&lt;b>label&lt;/b>');
    expect(html).toContain('>TLP:&lt;i>AMBER&lt;/i></span>');
    expect(html).toContain('href="/entity/a%22b"');
  });

  it('renders Markdown without raw HTML or script links', () => {
    const html = renderMarkdown(
      '**x** <img src=x onerror=alert(1)> [t](javascript:alert(1)) [u](https://a.example)',
    );
    expect(html).toContain('<strong>x</strong>');
    expect(html).toContain('&lt;img');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<a href="https://a.example" rel="noopener noreferrer nofollow">u</a>');
  });

  it('names types for people', () => {
    expect(typeLabel('Attack-Pattern')).toBe('Attack pattern');
    expect(typeLabel('IPv4-Addr')).toBe('IPv4 addr');
    expect(typeLabel('Threat-Actor-Group')).toBe('Threat actor group');
  });
});
