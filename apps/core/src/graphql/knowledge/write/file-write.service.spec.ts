import { Readable, Writable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FileUpload } from '@lib/knowledge';
import { readUpload } from './file-write.service';
import type { UploadedFile } from './file-write.service';

/**
 * An upload as graphql-upload hands it over while the file is still arriving: what reached its
 * buffer (the capacitor) so far is all a read stream made now would give.
 */
function arriving(): { upload: UploadedFile; capacitor: Writable } {
  const chunks: Buffer[] = [];
  const capacitor = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  // graphql-upload listens for its buffer's errors (and fails the file with them).
  capacitor.on('error', () => undefined);
  const upload: UploadedFile = {
    filename: 'iocs.txt',
    mimetype: 'text/plain',
    createReadStream: () => {
      if (capacitor.errored) throw capacitor.errored;
      return Readable.from([...chunks]);
    },
    capacitor,
  };
  return { upload, capacitor };
}

const contentOf = (file: FileUpload) =>
  Buffer.isBuffer(file.body) ? file.body.toString() : text(file.body);

describe('readUpload', () => {
  it('reads the whole file when the resolver runs before the file has arrived', async () => {
    const { upload, capacitor } = arriving();
    capacitor.write('203.0.113.1\n');
    const read = readUpload(Promise.resolve(upload), ['marking--1', 3]);
    await sleep(20);
    capacitor.write('203.0.113.2\n');
    capacitor.end();
    const file = await read;
    expect(await contentOf(file)).toBe('203.0.113.1\n203.0.113.2\n');
    expect(file).toMatchObject({ fileName: 'iocs.txt', mimeType: 'text/plain' });
    expect(file.markings).toEqual(['marking--1']);
  });

  it('reads a file that had arrived before the resolver ran', async () => {
    const { upload, capacitor } = arriving();
    capacitor.end('198.51.100.7\n');
    await sleep(5);
    expect(await contentOf(await readUpload(upload))).toBe('198.51.100.7\n');
  });

  it('fails with the upload error when the file did not arrive whole', async () => {
    const { upload, capacitor } = arriving();
    capacitor.write('203.0.113.1\n');
    const read = readUpload(upload);
    capacitor.destroy(new Error('File truncated as it exceeds the 10 byte size limit.'));
    await expect(read).rejects.toThrow('exceeds the 10 byte size limit');
  });

  it('names the argument that is not a file', async () => {
    await expect(readUpload({ filename: 'x' }, undefined, 'files.0')).rejects.toThrow(
      'files.0: expected a file of a multipart request',
    );
  });
});
