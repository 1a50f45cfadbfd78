import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedData } from '@lib/testing';
import { waitFor } from '../../support/distributed.util';
import { PYCTI_VENVS, runPyctiScript } from '../pycti/pycti-runner.util';
import { usePlatform } from './connector-platform.util';

// pycti's OpenCTIConnectorHelper, unmodified, against the platform: an EXTERNAL_IMPORT connector
// registers, opens a work, sends ATT&CK ICS (split by pycti into one message per object), saves
// its state and reports itself done; the work must complete with every object counted. HTTP mode
// (stixBundlePush) on the embedded profile, AMQP mode (RabbitMQ push queue) on the distributed one.

const ICS = sharedData('mitre-attack', 'ics-attack-18.1.json');
const SCOPE = [
  'identity',
  'attack-pattern',
  'course-of-action',
  'intrusion-set',
  'malware',
  'tool',
  'campaign',
  'x-mitre-data-source',
  'x-mitre-data-component',
  'marking-definition',
];

type Run = {
  work_id: string;
  previous_state: Record<string, unknown> | null;
  bundles: number;
  objects: number;
};
// AMQP: pycti publishes one message per object it keeps (its split); HTTP: the whole bundle.
const sentObjects = (mode: 'api' | 'amqp', run: Run) =>
  mode === 'amqp' ? run.bundles : run.objects;
type Work = {
  status: string;
  errors_count: number;
  tracking: { import_expected_number: number; import_processed_number: number };
  outcomes: { created: number; updated: number; unchanged: number; rejected: number };
};

const ATTACK_PATTERNS = new Set(
  (JSON.parse(readFileSync(ICS, 'utf8')) as { objects: { type: string; id: string }[] }).objects
    .filter((o) => o.type === 'attack-pattern')
    .map((o) => o.id),
).size;

describe.each([
  ['embedded', 'api'],
  ['distributed', 'amqp'],
] as const)(
  'pycti EXTERNAL_IMPORT connector on the %s profile (%s queue mode)',
  (profile, mode) => {
    const platform = usePlatform(profile, `cx${profile.slice(0, 4)}${Date.now().toString(36)}`);
    const query = <T>(q: string, v: Record<string, unknown> = {}) => platform.query<T>(q, v);

    const connectorEnv = (id: string) => ({
      OPENCTI_URL: platform.url,
      OPENCTI_TOKEN: platform.token,
      CONNECTOR_ID: id,
      CONNECTOR_NAME: `Compat ${id}`,
      CONNECTOR_SCOPE: SCOPE.join(','),
      CONNECTOR_QUEUE_PROTOCOL: mode,
      CONNECTOR_LOG_LEVEL: 'error',
    });

    const finished = (workId: string) =>
      waitFor(
        `work ${workId} to complete`,
        async () => {
          const { work } = await query<{ work: Work }>(
            `query($id: ID!) { work(id: $id) { status errors_count
            tracking { import_expected_number import_processed_number }
            outcomes { created updated unchanged rejected } } }`,
            { id: workId },
          );
          return work.status === 'complete' ? work : undefined;
        },
        120_000,
      );

    it.each(PYCTI_VENVS)(
      'runs with %s: the work completes with every message counted, the state is kept',
      async (venv) => {
        const id = `ext-${venv.replace(/[^a-z0-9]/g, '')}-${mode}`;
        const first = await runPyctiScript<Run>(
          venv,
          join(__dirname, 'external_import.py'),
          [ICS],
          connectorEnv(id),
        );
        expect(first.previous_state).toBeNull();
        const work = await finished(first.work_id);
        expect(work.tracking.import_expected_number).toBe(sentObjects(mode, first));
        expect(work.tracking.import_processed_number).toBe(sentObjects(mode, first));
        expect(work.errors_count).toBe(0);
        const { attackPatterns, connector } = await query<{
          attackPatterns: { pageInfo: { globalCount: number } };
          connector: { connector_state: string; active: boolean; connector_type: string };
        }>(
          `query($id: String!) { attackPatterns(first: 1) { pageInfo { globalCount } }
          connector(id: $id) { connector_state active connector_type } }`,
          { id },
        );
        expect(attackPatterns.pageInfo.globalCount).toBe(ATTACK_PATTERNS);
        expect(connector).toMatchObject({ active: true, connector_type: 'EXTERNAL_IMPORT' });
        expect(JSON.parse(connector.connector_state)).toMatchObject({ runs: 1 });

        // A restart: the state comes back with the registration; the second import changes nothing.
        const second = await runPyctiScript<Run>(
          venv,
          join(__dirname, 'external_import.py'),
          [ICS],
          connectorEnv(id),
        );
        expect(second.previous_state).toMatchObject({ runs: 1 });
        const again = await finished(second.work_id);
        expect(again.tracking.import_processed_number).toBe(sentObjects(mode, second));
        expect(again.outcomes.created).toBe(0);
      },
      300_000,
    );
  },
);
