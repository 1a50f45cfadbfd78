import { NestFactory } from '@nestjs/core';
import { SingleBar } from 'cli-progress';
import { ADMIN_INTERNAL_ID } from '@lib/bootstrap';
import { loadConfig, processEnv } from '@lib/config';
import { IngestionService } from '@lib/ingestion';
import type { IngestionProgress, IngestionRun } from '@lib/ingestion';
import { AppError } from '@lib/kernel';
import { systemContext } from '@lib/rbac';
import { PlatformModule } from '../platform.module';
import { BUNDLE_PART_OBJECTS, expandPaths, readBundleFileParts } from './bundle-files.util';
import { importSummary } from './import-summary.util';
import type { FailedFile } from './import-summary.util';

type ImportOptions = { json?: boolean; progress?: boolean };

function progressReporter(useBar: boolean) {
  const bar = useBar
    ? new SingleBar({
        format:
          'import [{bar}] {percentage}% | {value}/{total} objects | {created} created {rejected} rejected',
        stream: process.stderr,
      })
    : undefined;
  let started = false;
  let lastLine = 0;
  return {
    grow(total: number) {
      if (!bar) {
        return;
      }
      if (!started) {
        bar.start(total, 0, { created: 0, rejected: 0 });
        started = true;
      } else {
        bar.setTotal(total);
      }
    },
    update(p: IngestionProgress) {
      if (bar && started) {
        bar.update(p.processed, { created: p.created, rejected: p.rejected });
      } else if (!bar && Date.now() - lastLine > 100) {
        lastLine = Date.now();
        process.stderr.write(
          `progress ${p.processed}/${p.expected} created=${p.created} updated=${p.updated} unchanged=${p.unchanged} rejected=${p.rejected}\n`,
        );
      }
    },
    stop() {
      bar?.stop();
    },
  };
}

/** The message of a file that could not be imported; anything but bad input is rethrown. */
function rejectionOf(error: unknown): string {
  if (!(error instanceof AppError) || error.category !== 'validation') {
    throw error;
  }
  return error.message;
}

/**
 * Reads `file` part by part into `run`. A file that turns out bad (or a part the run refuses) stops
 * there: the parts before it stay imported, and the failure says how many objects they held.
 */
async function importFile(
  run: IngestionRun,
  file: string,
  onRead: (objects: number) => void,
): Promise<FailedFile | undefined> {
  let objectsRead = 0;
  let message: string | undefined;
  try {
    for await (const part of readBundleFileParts(file, BUNDLE_PART_OBJECTS)) {
      if (part.objects.length === 0) {
        continue;
      }
      onRead(part.objects.length);
      try {
        await run.addObjects(part.objects, { specVersion: part.specVersion, name: file });
      } catch (error) {
        message = `${file}: ${rejectionOf(error)}`;
        break;
      }
      objectsRead += part.objects.length;
    }
  } catch (error) {
    message = rejectionOf(error); // the reader's errors name the file
  }
  return message === undefined ? undefined : { file, error: message, objectsRead };
}

/**
 * `threatloom import <paths…>`: the same pipeline as the workers, in this process, as one work.
 * Exit code 1 when any object or file was rejected.
 */
export async function runImport(paths: readonly string[], options: ImportOptions): Promise<number> {
  const config = loadConfig({ env: processEnv(), appFlag: 'worker' });
  const app = await NestFactory.createApplicationContext(PlatformModule.forRoot(config, []), {
    logger: ['error', 'warn'],
  });
  const progress = progressReporter(options.progress === true || process.stderr.isTTY === true);
  try {
    const files = await expandPaths(paths);
    const ctx = {
      ...systemContext('cli-import'),
      kind: 'user' as const,
      userId: ADMIN_INTERNAL_ID,
      userName: 'admin',
    };
    const run = await app.get(IngestionService).openRun({
      ctx,
      connectorId: 'threatloom-cli',
      workName: `CLI import of ${files.length} file(s)`,
      origin: { referer: 'cli' },
      onProgress: (p) => progress.update(p),
    });
    const failedFiles: FailedFile[] = [];
    let total = 0;
    for (const file of files) {
      const failed = await importFile(run, file, (objects) => {
        total += objects;
        progress.grow(total);
      });
      if (failed) {
        failedFiles.push(failed);
      }
    }
    const report = await run.finish();
    progress.stop();
    process.stdout.write(
      options.json
        ? `${JSON.stringify({ ...report, failedFiles })}\n`
        : `${importSummary(report, files.length, failedFiles)}\n`,
    );
    return report.rejected > 0 || failedFiles.length > 0 ? 1 : 0;
  } finally {
    progress.stop();
    await app.close();
  }
}
