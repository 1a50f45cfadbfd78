import PDFDocument from 'pdfkit';

/** A GraphQL multipart request with one file as `variables.file`; answers `data`. */
export async function uploadGraphql<T>(
  platform: { url: string; token: string },
  query: string,
  variables: Record<string, unknown>,
  file: { name: string; type: string; body: string | Uint8Array },
): Promise<T> {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables: { ...variables, file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new Blob([file.body], { type: file.type }), file.name);
  const response = await fetch(`${platform.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${platform.token}` },
    body: form,
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) {
    throw new Error(`upload failed: ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

/** A PDF of these lines (pdfkit), as a document an analyst would upload. */
export async function pdfOf(lines: readonly string[]): Promise<Buffer> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  lines.forEach((line) => doc.text(line));
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
