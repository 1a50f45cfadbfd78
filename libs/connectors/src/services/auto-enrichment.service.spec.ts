import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStream } from '@lib/event-stream';
import type { StreamEventDraft } from '@lib/kernel';
import { SqliteDatabase } from '@lib/sqlite';
import type { Connector } from '../connector.types';
import { AutoEnrichmentService } from './auto-enrichment.service';
import type { ConnectorJobsService } from './connector-jobs.service';
import type { ConnectorRegistryService } from './connector-registry.service';

const enricher = {
  id: 'c0ffee00-0000-4000-8000-000000000001',
  type: 'INTERNAL_ENRICHMENT',
  active: true,
  auto: true,
  autoUpdate: false,
  scope: ['Malware'],
  userId: null,
} as unknown as Connector;

const created = (name: string): StreamEventDraft => ({
  type: 'create',
  scope: 'external',
  elementId: `element-${name}`,
  entityType: 'Malware',
  origin: {},
  message: `creates a Malware \`${name}\``,
  data: { id: `malware--${name}`, type: 'malware', name },
});

async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// The live stream on a real embedded database; the registry and the jobs are stand-ins.
describe(AutoEnrichmentService.name, () => {
  let dir: string;
  let database: SqliteDatabase;
  let events: SqliteEventStream;
  let connectors: Connector[];
  let enriched: string[];
  let sut: AutoEnrichmentService;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tl-auto-enrich-'));
    database = new SqliteDatabase({ path: join(dir, 'test.db') });
    events = new SqliteEventStream(database, { driver: 'sqlite', maxEvents: 10_000 });
    connectors = [];
    enriched = [];
    const registry = {
      onRegistered: () => undefined,
      list: () => Promise.resolve(connectors),
    } as unknown as ConnectorRegistryService;
    const jobs = {
      enrich: (_user: string, _connector: Connector, element: { standardId: string }) => {
        enriched.push(element.standardId);
        return Promise.resolve();
      },
    } as unknown as ConnectorJobsService;
    sut = new AutoEnrichmentService(events, registry, jobs);
    sut.idleMs = 20;
  });

  afterEach(async () => {
    await sut.onModuleDestroy();
    events.onModuleDestroy();
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not read the stream while no connector enriches automatically', async () => {
    const subscribe = jest.spyOn(events, 'subscribe');
    sut.onApplicationBootstrap();
    await events.append([created('a'), created('b')]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(subscribe).not.toHaveBeenCalled();
    expect(enriched).toEqual([]);
  });

  it('sends a connector registered while idle what was created since, and nothing before', async () => {
    sut.onApplicationBootstrap();
    await events.append([created('before')]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Registered, then an element created before the watcher looks again.
    connectors = [enricher];
    await events.append([created('after')]);
    await until(() => enriched.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(enriched).toEqual(['malware--after']);
  });
});
