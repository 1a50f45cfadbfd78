import { useEmbeddedPlatform } from '../../support/embedded-platform.util';
import { PYCTI_VENVS, runPyctiScript } from './pycti-runner.util';

const TOKEN = 'e5f6a7b8-1234-4abc-9def-0123456789ab';

type Writes = {
  ids: Record<string, string>;
  expected_ids: Record<string, string>;
  malware_upsert_same: boolean;
  malware_read: {
    created_by: string;
    markings: string[];
    labels: string[];
    external_ids: string[];
    kill_chain: string[];
    malware_types: string[];
  };
  vulnerability_score: number;
  file_hashes: string[];
  report_objects: string[];
  report_expected_objects: string[];
  after_add: { labels: number; markings: number; external_references: number; created_by: boolean };
  after_remove: { labels: number; markings: number };
  malware_description: string;
  ip_score: number;
  relationship_description: string;
  filtered: string[];
  files: string[];
  file_body: string;
  merged_id: boolean;
  duplicate_gone: boolean;
  merged_aliases: string[];
  actor_deleted: boolean;
  vulnerability_deleted: boolean;
};

type InputFields = { input_types: number; keys: number; missing: Record<string, string[]> };

describe('pycti writes to a live embedded instance', () => {
  const platform = useEmbeddedPlatform(TOKEN);

  it.each(PYCTI_VENVS)('%s: every input key pycti sends is in the schema', async (venv) => {
    const fields = await runPyctiScript<InputFields>(venv, 'pycti_input_fields.py', [
      platform.url,
      TOKEN,
    ]);
    expect(fields.input_types).toBeGreaterThan(60);
    expect(fields.keys).toBeGreaterThan(1000);
    expect(fields.missing).toEqual({});
  });

  it.each(PYCTI_VENVS)(
    '%s: creates, upserts, edits, links, uploads, merges and deletes',
    async (venv) => {
      const suffix = venv.replace(/[^0-9]/g, '').slice(0, 4);
      const w = await runPyctiScript<Writes>(venv, 'pycti_writes.py', [
        platform.url,
        TOKEN,
        suffix,
      ]);
      expect(Object.keys(w.ids).sort()).toEqual(Object.keys(w.expected_ids).sort());
      expect(Object.keys(w.ids)).toHaveLength(20);
      expect(w.ids).toEqual(w.expected_ids);
      expect(w.malware_upsert_same).toBe(true);
      expect(w.malware_read).toEqual({
        created_by: `Org ${suffix}`,
        markings: [`Copyright ${suffix}`],
        labels: [`label-${suffix}`],
        external_ids: [`EX-${suffix}`],
        kill_chain: ['phase'],
        malware_types: ['trojan'],
      });
      expect(w.vulnerability_score).toBe(9.8);
      expect(w.file_hashes).toEqual(['SHA-256']);
      expect(w.report_objects).toEqual(w.report_expected_objects);
      expect(w.after_add).toEqual({
        labels: 1,
        markings: 1,
        external_references: 1,
        created_by: true,
      });
      expect(w.after_remove).toEqual({ labels: 0, markings: 0 });
      expect(w.malware_description).toBe('second');
      expect(w.ip_score).toBe(80);
      expect(w.relationship_description).toBe('edited');
      expect(w.filtered).toEqual([`Malware ${suffix}`]);
      expect(w.files).toEqual(['notes.txt']);
      expect(w.file_body).toBe(`notes of ${suffix}`);
      expect(w.merged_id).toBe(true);
      expect(w.duplicate_gone).toBe(true);
      expect(w.merged_aliases).toContain(`Malware ${suffix} copy`);
      expect(w.actor_deleted).toBe(true);
      expect(w.vulnerability_deleted).toBe(true);
    },
    300_000,
  );
});
