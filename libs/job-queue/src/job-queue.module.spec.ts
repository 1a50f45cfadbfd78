import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { SqliteModule } from '@lib/sqlite';
import { JobQueueModule } from './job-queue.module';
import { JobQueue } from './job-queue.port';

describe(JobQueueModule.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tl-job-queue-module-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('provides the sqlite adapter and drains its consumers on shutdown', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        SqliteModule.forRoot({ path: join(dir, 'db.sqlite'), cacheSizeMb: 8, mmapMb: 0 }),
        JobQueueModule.forRoot({ driver: 'sqlite' }),
      ],
    }).compile();
    const app = await moduleRef.init();
    const sut = app.get(JobQueue);
    let release: () => void = () => undefined;
    let finished = false;
    const started = new Promise<void>((resolve) => {
      void sut.consume(
        'q',
        async () => {
          resolve();
          await new Promise<void>((done) => (release = done));
          finished = true;
        },
        { batchSize: 1 },
      );
    });
    await sut.enqueue('q', 'n', 1);
    await started;
    let closed = false;
    const closing = app.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    release();
    await closing;
    expect(finished).toBe(true);
  });
});
