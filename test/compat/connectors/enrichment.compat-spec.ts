import { PYCTI_VENVS } from '../pycti/pycti-runner.util';
import { waitFor } from '../../support/distributed.util';
import { registered, spawnConnector, usePlatform, workDone } from './connector-platform.util';

// pycti's OpenCTIConnectorHelper, unmodified, as an INTERNAL_ENRICHMENT connector: it is asked
// to enrich an IPv4 by an analyst (askEnrichment) and automatically when one is created; it reads
// the entity back through the API and sends a bundle (an autonomous system and a relationship).
// Embedded: jobs POSTed to its HTTP callback (pycti 7 checks the platform's JWT), bundles over
// HTTP. Distributed: it consumes its listen queue and publishes to its push queue on RabbitMQ.

type Work = { status: string; errors: { message: string }[] };

describe.each([
  ['embedded', 'api'],
  ['distributed', 'amqp'],
] as const)('pycti INTERNAL_ENRICHMENT connector on the %s profile (%s mode)', (profile, mode) => {
  const platform = usePlatform(profile, `ce${profile.slice(0, 4)}${Date.now().toString(36)}`, {
    THREATLOOM_CONNECTOR_DISCOVERY_S: '1',
  });
  const query = <T>(q: string, v: Record<string, unknown> = {}) => platform.query<T>(q, v);

  const addIp = async (value: string) =>
    (
      await query<{ stixCyberObservableAdd: { id: string } }>(
        `mutation($v: String!) { stixCyberObservableAdd(type: "IPv4-Addr", IPv4Addr: { value: $v }) { id } }`,
        { v: value },
      )
    ).stixCyberObservableAdd.id;

  const enrichedAs = (number: number) =>
    waitFor(
      `AS${number} and its relationship`,
      async () => {
        const { stixCyberObservables, stixCoreRelationships } = await query<{
          stixCyberObservables: { edges: { node: { observable_value: string } }[] };
          stixCoreRelationships: { edges: { node: { relationship_type: string } }[] };
        }>(
          `{
            stixCyberObservables(first: 100, filters: { mode: and, filterGroups: [], filters: [{ key: "entity_type", values: ["Autonomous-System"] }] }) { edges { node { observable_value } } }
            stixCoreRelationships(first: 100) { edges { node { relationship_type } } } }`,
        );
        const values = stixCyberObservables.edges.map((e) => e.node.observable_value);
        return values.includes(`AS${number}`) ? stixCoreRelationships : undefined;
      },
      60_000,
    );

  it.each(PYCTI_VENVS.map((venv, i) => [venv, i] as const))(
    'enriches on request and on creation with %s',
    async (venv, index) => {
      const id = `enrich-${venv.replace(/[^a-z0-9]/g, '')}-${mode}`;
      const octet = 10 + index * 10;
      const asked = await addIp(`198.51.100.${octet}`);
      const connector = await spawnConnector(platform, venv, 'internal_enrichment.py', mode, {
        CONNECTOR_ID: id,
        CONNECTOR_NAME: `Compat ${id}`,
        CONNECTOR_SCOPE: 'IPv4-Addr',
        CONNECTOR_AUTO: 'true',
      });
      try {
        await registered(platform, id);

        const { stixCoreObjectEdit } = await query<{
          stixCoreObjectEdit: { askEnrichment: { id: string; status: string } };
        }>(
          `mutation($id: ID!, $c: ID!) { stixCoreObjectEdit(id: $id) { askEnrichment(connectorId: $c) { id status } } }`,
          { id: asked, c: id },
        );
        expect(stixCoreObjectEdit.askEnrichment.status).toBe('wait');
        const manual = await workDone(platform, stixCoreObjectEdit.askEnrichment.id);
        expect(manual.errors).toEqual([]);
        const relationships = await enrichedAs(64500 + octet);
        expect(relationships.edges.map((e) => e.node.relationship_type)).toContain('belongs-to');

        // Created after the connector registered: enriched without being asked.
        await addIp(`198.51.100.${octet + 1}`);
        await enrichedAs(64500 + octet + 1);
        const { connector: status } = await query<{
          connector: { works: Work[]; health_flags: string[] };
        }>(
          `query($id: String!) { connector(id: $id) { health_flags works { status errors { message } } } }`,
          { id },
        );
        expect(status.health_flags).toEqual([]);
        await waitFor(
          'every work to complete',
          async () => {
            const { connector: c } = await query<{ connector: { works: Work[] } }>(
              `query($id: String!) { connector(id: $id) { works { status } } }`,
              { id },
            );
            return c.works.length === 2 && c.works.every((w) => w.status === 'complete')
              ? true
              : undefined;
          },
          60_000,
        );
      } catch (error) {
        throw new Error(`${String(error)}\nconnector stderr:\n${connector.stderr()}`);
      } finally {
        connector.stop();
      }
    },
    180_000,
  );
});
