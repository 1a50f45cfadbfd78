import { describeConcurrentRuns } from '../testing/concurrent-runs.scenario';

// Index setup takes seconds on a busy machine.
jest.setTimeout(120_000);

describeConcurrentRuns('opensearch');
describeConcurrentRuns('elasticsearch');
