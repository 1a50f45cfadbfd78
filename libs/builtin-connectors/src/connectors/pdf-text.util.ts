import { Worker } from 'node:worker_threads';
import { AppError } from '@lib/kernel';

// pdf-parse bundles core-js, which replaces built-ins of the realm that loads it (JSON.parse,
// Array.prototype.push, Function.prototype.toString, Set methods, globalThis.navigator…) with
// slower polyfills: loaded in the platform's own thread it slowed every later ingestion by a
// tenth. Each PDF is therefore read in a short-lived worker thread, a realm of its own.

const PDF_TIMEOUT_MS = 120_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PDFParse } = require(workerData.module);
(async () => {
  const parser = new PDFParse({ data: workerData.data });
  try {
    const { text } = await parser.getText();
    parentPort.postMessage({ ok: true, text });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String((error && error.message) || error) });
  } finally {
    await parser.destroy();
  }
})();
`;

type PdfOutcome = { ok: true; text: string } | { ok: false; message: string };

/** The text of a PDF, pdf-parse's page markers included, read off the calling realm. */
export function pdfText(body: Buffer): Promise<string> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { module: require.resolve('pdf-parse'), data: new Uint8Array(body) },
  });
  return new Promise<string>((resolve, reject) => {
    const fail = (message: string, cause?: unknown) =>
      reject(
        new AppError({
          code: 'PDF_UNREADABLE',
          category: 'validation',
          message: `The PDF could not be read: ${message}`,
          cause,
        }),
      );
    const timer = setTimeout(() => {
      fail(`no text after ${PDF_TIMEOUT_MS / 1000} s`);
      void worker.terminate();
    }, PDF_TIMEOUT_MS);
    worker.once('message', (outcome: PdfOutcome) => {
      clearTimeout(timer);
      if (outcome.ok) {
        resolve(outcome.text);
      } else {
        fail(outcome.message);
      }
      void worker.terminate();
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      fail(error.message, error);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      fail(`the reader stopped (exit code ${code})`);
    });
  });
}
