import { extractFindings, refang } from './document-extraction.util';
import { documentText } from './document-text.util';

const REPORT = [
  'Operation Glass Harbor',
  'The actor staged payloads on hxxps://cdn-update[.]example[.]net/a/b.bin and 198.51.100.23,',
  'then phished admin[@]victim-corp.com. Dropper SHA-256',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 ran setup.py and README.md.',
  'It exploited CVE-2024-3400 (cve-2024-3400 again) and used T1059.001 and T1566.',
].join('\n');

describe('refang', () => {
  it('writes defanged indicators back', () => {
    expect(refang('hxxp://a[.]b(.)c{.}d [dot] x[@]y.z 10[.]0[.]0[.]1')).toBe(
      'http://a.b.c.d . x@y.z 10.0.0.1',
    );
  });
});

describe('extractFindings', () => {
  it('finds observables once, in order, CVEs and techniques, and no file names', () => {
    expect(extractFindings(REPORT)).toEqual({
      observables: [
        { type: 'Url', value: 'https://cdn-update.example.net/a/b.bin' },
        { type: 'IPv4-Addr', value: '198.51.100.23' },
        { type: 'Email-Addr', value: 'admin@victim-corp.com' },
        {
          type: 'StixFile',
          value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        },
      ],
      vulnerabilities: ['CVE-2024-3400'],
      techniques: ['T1059.001', 'T1566'],
    });
  });
});

// PDFs: pdf-text.util.spec.ts, and apps/connector-host/test/document-import.e2e-spec.ts end to end.
describe('documentText', () => {
  it('reads the visible text of an HTML page, not its scripts or link targets', async () => {
    const html =
      '<html><head><script>var x = "10.9.9.9";</script></head><body><h1>Brief</h1>' +
      '<p>C2 at <a href="http://198.51.100.1/">203.0.113.5</a></p></body></html>';
    const text = await documentText(Buffer.from(html), 'text/html');
    const values = extractFindings(text).observables.map((o) => o.value);
    expect(values).toEqual(['203.0.113.5']);
  });
});
