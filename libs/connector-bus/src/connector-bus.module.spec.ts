import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { SqliteModule } from '@lib/sqlite';
import { ConnectorBusModule } from './connector-bus.module';
import { ConnectorBus } from './connector-bus.port';

describe(ConnectorBusModule.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tl-bus-module-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('provides the sqlite adapter and stops its consumers on shutdown', async () => {
    const app = await Test.createTestingModule({
      imports: [
        SqliteModule.forRoot({ path: join(dir, 'db.sqlite'), cacheSizeMb: 8, mmapMb: 0 }),
        ConnectorBusModule.forRoot({ driver: 'sqlite' }),
      ],
    })
      .compile()
      .then((moduleRef) => moduleRef.init());
    const sut = app.get(ConnectorBus);
    const { push } = await sut.declareConnector('c1');
    const received: string[] = [];
    await sut.consume(
      push,
      (deliveries) => {
        received.push(...deliveries.map((d) => d.body));
        return Promise.resolve();
      },
      { prefetch: 10 },
    );
    await sut.publish(push, [{ body: '{}' }]);
    while (received.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await app.close();
    expect(received).toEqual(['{}']);
  });
});
