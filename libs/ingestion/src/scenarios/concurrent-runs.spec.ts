import { describeConcurrentRuns } from '../testing/concurrent-runs.scenario';

// On the embedded store; concurrent-runs.contract-spec.ts runs it on the search engines.
describeConcurrentRuns('sqlite');
