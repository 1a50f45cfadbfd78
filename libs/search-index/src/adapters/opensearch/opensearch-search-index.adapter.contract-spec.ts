import { eachTestSearchEngine } from '@lib/testing';
import { describeSearchIndexContract } from '../../testing/search-index.contract';
import { OpenSearchSearchIndex } from './opensearch-search-index.adapter';

// The first test creates the index layout (template, six indices): seconds on a busy machine.
jest.setTimeout(60_000);

// Per engine, one index layout per run, emptied between tests and deleted at the end.
eachTestSearchEngine('search', (kind, open) => {
  describeSearchIndexContract(kind, async () => {
    const bed = await open();
    return {
      store: bed.store,
      sut: await OpenSearchSearchIndex.open({ engine: bed.engine, prefix: bed.prefix }),
      cleanup: () => bed.close(),
    };
  });
});
