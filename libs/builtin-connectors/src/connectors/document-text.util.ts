import { convert } from 'html-to-text';
import { pdfText } from './pdf-text.util';

// Loaded by the document import when a job runs (html-to-text, and pdf-parse in its own thread,
// weigh about 35 MB once required, and most platforms never import a document).

/** The text of a document: a PDF's pages, an HTML page's visible text, Markdown or text as is. */
export async function documentText(body: Buffer, mimeType: string): Promise<string> {
  if (mimeType === 'application/pdf') {
    const text = await pdfText(body);
    // pdf-parse marks page ends ("-- 1 of 3 --"): not part of the document. A line broken
    // after a hyphen goes on: `ot-` + `patch.example.org` is one host name.
    return text.replace(/^-- \d+ of \d+ --$/gm, '').replace(/-\n(?=\S)/g, '-');
  }
  const text = body.toString('utf8');
  if (mimeType === 'text/html') {
    return convert(text, {
      wordwrap: false,
      selectors: [
        { selector: 'a', options: { ignoreHref: true } },
        { selector: 'img', format: 'skip' },
      ],
    });
  }
  return text;
}
