import { pdfOf } from '../../../../test/support/graphql-upload.util';
import { pdfText } from './pdf-text.util';

describe('pdfText', () => {
  it('reads the text of a PDF and leaves the built-ins of this realm alone', async () => {
    const builtIns = [JSON.parse, Array.prototype.push, Function.prototype.toString];
    const text = await pdfText(await pdfOf(['Beacon to 203.0.113.5', 'CVE-2024-3400']));
    expect(text).toContain('Beacon to 203.0.113.5');
    expect(text).toContain('CVE-2024-3400');
    expect([JSON.parse, Array.prototype.push, Function.prototype.toString]).toEqual(builtIns);
  });

  it('fails with an error naming the PDF when the body is not one', async () => {
    await expect(pdfText(Buffer.from('not a pdf at all'))).rejects.toMatchObject({
      code: 'PDF_UNREADABLE',
      message: expect.stringContaining('The PDF could not be read') as unknown,
    });
  });
});
