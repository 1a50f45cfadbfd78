import { PYCTI_VENVS } from '../pycti/pycti-runner.util';
import { waitFor } from '../../support/distributed.util';
import { spawnConnector, usePlatform } from './connector-platform.util';
import type { RunningConnector } from './connector-platform.util';

// pycti's OpenCTIConnectorHelper, unmodified, as a STREAM connector: `listen_stream` on a stream
// collection (Malware only). On its first run it recovers what exists (recover = now), then
// follows creates, updates and deletes; killed and restarted, it resumes from the position it
// saved and receives what happened while it was away, and nothing twice.

/** Whether event id `a` comes before `b` (`<ms>-<seq>`). */
const before = (a: string, b: string) => {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am < bm || (am === bm && as < bs);
};

type Line = {
  event: string;
  id: string;
  stix_id: string;
  type: string;
  name: string | null;
  referer?: string | null;
  collection?: { id: string; name: string; stream_live: boolean };
};

describe.each([
  ['embedded', 'api'],
  ['distributed', 'amqp'],
] as const)('pycti STREAM connector on the %s profile (%s mode)', (profile, mode) => {
  const platform = usePlatform(profile, `cs${profile.slice(0, 4)}${Date.now().toString(36)}`, {
    THREATLOOM_STREAM_HEARTBEAT_MS: '1000',
  });
  const query = <T>(q: string, v: Record<string, unknown> = {}) => platform.query<T>(q, v);

  const create = async (mutation: 'malwareAdd' | 'intrusionSetAdd', name: string) =>
    (
      await query<Record<string, { id: string; standard_id: string }>>(
        `mutation($input: ${mutation === 'malwareAdd' ? 'MalwareAddInput' : 'IntrusionSetAddInput'}!) {
          ${mutation}(input: $input) { id standard_id } }`,
        { input: { name } },
      )
    )[mutation] as { id: string; standard_id: string };

  const seen = (connector: RunningConnector, what: string, match: (l: Line) => boolean) =>
    waitFor(what, () => Promise.resolve(connector.lines<Line>().find(match)), 60_000);

  it.each(PYCTI_VENVS)(
    'follows a stream collection and resumes after a restart with %s',
    async (venv) => {
      const tag = venv.replace(/[^a-z0-9]/g, '');
      const { streamCollectionAdd: collection } = await query<{
        streamCollectionAdd: { id: string };
      }>(
        `mutation($input: StreamCollectionAddInput!) { streamCollectionAdd(input: $input) { id } }`,
        {
          input: {
            name: `Malware ${tag}`,
            stream_live: true,
            filters: JSON.stringify({
              mode: 'and',
              filters: [{ key: ['entity_type'], values: ['Malware'] }],
              filterGroups: [],
            }),
          },
        },
      );
      const existing = await create('malwareAdd', `Before ${tag}`);
      // pycti's recovery date is now to the second: the element must be older than that.
      await new Promise((r) => setTimeout(r, 1100));
      const env = {
        CONNECTOR_ID: `stream-${tag}-${mode}`,
        CONNECTOR_NAME: `Compat stream ${tag}`,
        CONNECTOR_SCOPE: 'Malware',
        CONNECTOR_LIVE_STREAM_ID: collection.id,
        CONNECTOR_LIVE_STREAM_LISTEN_DELETE: 'true',
        CONNECTOR_LIVE_STREAM_NO_DEPENDENCIES: 'true',
      };
      let connector = await spawnConnector(platform, venv, 'stream.py', mode, env);
      try {
        const described = await seen(connector, 'the collection', (l) => !!l.collection);
        expect(described.collection).toEqual(
          expect.objectContaining({ id: collection.id, stream_live: true }),
        );
        const recovered = await seen(
          connector,
          'the recovered malware',
          (l) => l.stix_id === existing.standard_id,
        );
        expect(recovered).toEqual(
          expect.objectContaining({ event: 'create', referer: 'init-create' }),
        );

        const live = await create('malwareAdd', `Live ${tag}`);
        await create('intrusionSetAdd', `Filtered out ${tag}`);
        await seen(connector, 'the live create', (l) => l.stix_id === live.standard_id);
        await query(
          `mutation($id: ID!) { stixDomainObjectEdit(id: $id) { fieldPatch(input: [{ key: "description", value: ["changed"] }]) { id } } }`,
          { id: live.id },
        );
        await seen(
          connector,
          'the update',
          (l) => l.stix_id === live.standard_id && l.event === 'update',
        );
        await query(`mutation($id: ID!) { stixDomainObjectEdit(id: $id) { delete } }`, {
          id: live.id,
        });
        const deleted = await seen(
          connector,
          'the delete',
          (l) => l.stix_id === live.standard_id && l.event === 'delete',
        );
        expect(connector.lines<Line>().some((l) => l.name === `Filtered out ${tag}`)).toBe(false);
        // Its position reached the platform (its pings carry its state).
        await waitFor(
          'the saved position',
          async () => {
            const { connector: c } = await query<{ connector: { connector_state: string } }>(
              `query($id: String!) { connector(id: $id) { connector_state } }`,
              { id: env.CONNECTOR_ID },
            );
            const state = (JSON.parse(c.connector_state || 'null') ?? {}) as {
              start_from?: string;
            };
            return state.start_from && !before(state.start_from, deleted.id) ? true : undefined;
          },
          30_000,
        );

        connector.stop();
        const away = await create('malwareAdd', `Away ${tag}`);
        connector = await spawnConnector(platform, venv, 'stream.py', mode, env);
        await seen(connector, 'what happened while away', (l) => l.stix_id === away.standard_id);
        const again = connector.lines<Line>().filter((l) => l.stix_id !== undefined);
        expect(again.some((l) => l.stix_id === existing.standard_id)).toBe(false);
        expect(again.some((l) => l.stix_id === live.standard_id)).toBe(false);
      } catch (error) {
        throw new Error(`${String(error)}\nconnector stderr:\n${connector.stderr()}`);
      } finally {
        connector.stop();
      }
    },
    180_000,
  );
});
