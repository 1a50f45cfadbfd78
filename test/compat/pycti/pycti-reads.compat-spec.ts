import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startPlatform } from '@app/platform';
import { loadConfig } from '@lib/config';
import { EntityStore } from '@lib/entity-store';
import { systemContext } from '@lib/rbac';
import { STIX_CORE_RELATIONSHIP_TYPES } from '@lib/stix';
import { sharedData } from '@lib/testing';
import { assertBuilt, cliEnv, runCli } from '../../support/cli.util';
import { PYCTI_VENVS, runPyctiScript } from './pycti-runner.util';

const TOKEN = 'c3d4e5f6-1234-4abc-9def-0123456789ab';
const ENTERPRISE = sharedData('mitre-attack', 'enterprise-attack-18.1.json.gz');
// Labels, locations, observables, an indicator, a sighting and a report (ATT&CK has none).
const FIXTURE = join(__dirname, 'fixtures', 'reads-bundle.json');

type Reads = {
  by_stix_id: {
    name: string;
    created_by: string;
    markings: string[];
    kill_chain: string[];
    external_ids: (string | null)[];
  };
  by_standard_id: string;
  by_internal_id: string;
  internal_id: string;
  sdo: string;
  core_object: string;
  identity: string;
  filtered: string[];
  not_eq: number;
  searched: string[];
  ordered: string[];
  all_relationships: number;
  distinct_relationships: number;
  uses_from_apt28: number;
  markings: string[];
  marking_read: string | null;
  labels: number;
  external_references: number;
  kill_chain_phases: number;
  locations: number;
  observables: number;
  sightings: number;
  reports: number;
  core_objects_typed: string[];
  label: string | null;
  labelled: string[];
  green_malwares: string[];
  by_acme: string[];
  sample_labels: string[];
  sample_marking: string[];
  location: string;
  countries: string[];
  organization: string;
  observable: string | null;
  observable_indicators: string[];
  indicator_observables: string[];
  observables_by_value: number;
  indicator_patterns: string[];
  indicator_stix_pattern: string;
  report_objects: string[];
  sightings_from_to: string[][];
  targets_france: string[];
  regarding_france: string[];
};

describe('pycti reads ATT&CK Enterprise from a live embedded instance', () => {
  let app: NestExpressApplication;
  let dir: string;
  let url: string;
  let storedRelationships: number;

  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tl-pycti-'));
    expect(runCli(['import', ENTERPRISE, FIXTURE], cliEnv(dir)).status).toBe(0);
    const config = loadConfig({
      env: {
        THREATLOOM_DATA_DIR: dir,
        THREATLOOM_PORT: '0',
        THREATLOOM_HOST: '127.0.0.1',
        THREATLOOM_ADMIN_TOKEN: TOKEN,
        THREATLOOM_ADMIN_PASSWORD: 'correct horse battery',
        THREATLOOM_LOG_LEVEL: 'silent',
      },
      appFlag: 'core',
    });
    app = await startPlatform(config);
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const counts = await app.get(EntityStore).countByType(systemContext('test'));
    storedRelationships = STIX_CORE_RELATIONSHIP_TYPES.reduce((n, t) => n + (counts[t] ?? 0), 0);
  }, 300_000);

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(PYCTI_VENVS)(
    '%s: reads, filters, searches, orders and pages through every relationship',
    async (venv) => {
      const reads = await runPyctiScript<Reads>(venv, 'pycti_reads.py', [url, TOKEN]);
      expect(reads.by_stix_id).toMatchObject({
        name: 'Phishing',
        created_by: 'The MITRE Corporation',
        markings: ['statement'],
        kill_chain: ['initial-access'],
      });
      expect(reads.by_stix_id.external_ids).toContain('T1566');
      expect(reads.by_standard_id).toBe(reads.internal_id);
      expect(reads.by_internal_id).toBe(reads.internal_id);
      expect(reads.sdo).toBe('Intrusion-Set');
      expect(reads.core_object).toBe('APT28');
      expect(reads.identity).toBe('The MITRE Corporation');
      expect(reads.filtered).toEqual(['Phishing']);
      expect(reads.not_eq).toBe(186);
      expect(reads.searched).toEqual(['APT28']);
      expect(reads.ordered).toHaveLength(20);
      expect(reads.ordered).toEqual([...reads.ordered].sort().reverse());
      expect(storedRelationships).toBeGreaterThanOrEqual(10_000);
      expect(reads.all_relationships).toBe(storedRelationships);
      expect(reads.distinct_relationships).toBe(storedRelationships);
      expect(reads.uses_from_apt28).toBeGreaterThan(50);
      expect(reads.markings).toEqual(expect.arrayContaining(['TLP', 'PAP', 'statement']));
      expect(reads.marking_read).toBe('TLP:CLEAR');
      expect(reads.external_references).toBe(10);
      expect(reads.kill_chain_phases).toBe(14);
      expect(reads.core_objects_typed).toEqual(['Campaign', 'Intrusion-Set']);
      expect(reads).toMatchObject({
        labels: 2,
        locations: 1,
        observables: 1,
        sightings: 1,
        reports: 1,
      });
      expect(reads).toMatchObject({
        label: 'test-label',
        labelled: ['Malware', 'Report'],
        green_malwares: ['Threatloom Test Malware'],
        by_acme: ['Indicator', 'Malware', 'Report'],
        sample_labels: ['ransomware', 'test-label'],
        sample_marking: ['TLP:GREEN'],
        location: 'Country',
        countries: ['France'],
        organization: 'Organization',
        observable: '198.51.100.7',
        observable_indicators: ["[ipv4-addr:value = '198.51.100.7']"],
        indicator_observables: ['198.51.100.7'],
        observables_by_value: 1,
        indicator_patterns: ["[ipv4-addr:value = '198.51.100.7']"],
        indicator_stix_pattern: "[ipv4-addr:value = '198.51.100.7']",
        report_objects: ['IPv4-Addr', 'Indicator', 'Malware'],
        sightings_from_to: [['Indicator', 'Organization']],
        targets_france: ['Threatloom Test Malware'],
        regarding_france: ['Threatloom Test Malware'],
      });
    },
    600_000,
  );
});
