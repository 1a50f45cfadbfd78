import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { SqliteModule } from '@lib/sqlite';
import { EventStreamModule } from './event-stream.module';
import { EventStream } from './event-stream.port';

describe(EventStreamModule.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tl-stream-module-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('provides the sqlite adapter and ends subscriptions on shutdown', async () => {
    const app = await Test.createTestingModule({
      imports: [
        SqliteModule.forRoot({ path: join(dir, 'db.sqlite'), cacheSizeMb: 8, mmapMb: 0 }),
        EventStreamModule.forRoot({ driver: 'sqlite', maxEvents: 1000 }),
      ],
    })
      .compile()
      .then((moduleRef) => moduleRef.init());
    const sut = app.get(EventStream);
    const iterator = sut
      .subscribe({ signal: new AbortController().signal })
      [Symbol.asyncIterator]();
    const next = iterator.next();
    await app.close();
    expect(await next).toMatchObject({ done: true });
  });
});
