import { OpenSearchSearchIndex } from '@lib/search-index';
import { eachTestSearchEngine } from '@lib/testing';
import { describeAuditLogContract } from './testing/audit-log.contract';

// The distributed profile's element indices (the event stream's adapter does not matter to the
// audit log: a SQLite one stands in). The first test creates the index layout: seconds.
jest.setTimeout(60_000);

eachTestSearchEngine('audit', (kind, open) => {
  describeAuditLogContract(kind, async () => {
    const bed = await open();
    return {
      store: bed.store,
      index: await OpenSearchSearchIndex.open({ engine: bed.engine, prefix: bed.prefix }),
      events: bed.events,
      cleanup: () => bed.close(),
    };
  });
});
