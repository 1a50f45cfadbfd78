import { useEmbeddedPlatform } from '../../support/embedded-platform.util';
import { PYCTI_VENVS, runPyctiScript } from './pycti-runner.util';

const TOKEN = '0c9e2a54-7d1b-4f3e-9a61-5b2d8e4f7c10';

type Access = {
  role_capabilities: string[];
  group_roles: string[];
  group_markings: string[];
  token_names?: string[];
  user_groups: string[];
  user_listed: boolean;
  me_email: string;
  me_capabilities: string[];
  me_confidence: number;
  analyst_sees: string[];
  admin_sees: string[];
  analyst_reads_amber: boolean;
  analyst_lists_users: boolean | string;
  after_removal_sees: string[];
  old_token_works: boolean;
  user_deleted: boolean;
  shared_with: string[];
  after_unshare: string[];
};

describe('pycti administers users, groups and roles; markings segregate what users read', () => {
  const platform = useEmbeddedPlatform(TOKEN);

  it.each(PYCTI_VENVS)(
    '%s: role → group → user, then the user reads only what TLP:GREEN allows',
    async (venv) => {
      const suffix = venv.replace(/[^0-9a-z]/gi, '');
      const out = await runPyctiScript<Access>(venv, 'pycti_access.py', [
        platform.url,
        TOKEN,
        suffix,
      ]);
      const m = (level: string) => `malware-${level}-${suffix}`;
      expect(out.role_capabilities).toEqual(['KNOWLEDGE', 'KNOWLEDGE_KNUPDATE']);
      expect(out.group_roles).toEqual([`Analyst role ${suffix}`]);
      expect(out.group_markings).toEqual(['TLP:GREEN']);
      // Every new user joins the default group too (default_assignation).
      expect(out.user_groups).toEqual(['Default', `Green analysts ${suffix}`]);
      expect(out.user_listed).toBe(true);
      expect(out.me_email).toBe(`analyst-${suffix}@example.org`);
      expect(out.me_capabilities).toEqual(['KNOWLEDGE', 'KNOWLEDGE_KNUPDATE']);
      expect(out.me_confidence).toBe(100);
      expect(out.admin_sees).toEqual([m('amber'), m('green'), m('open'), m('red')]);
      // TLP:GREEN also grants TLP:CLEAR, never AMBER or RED.
      expect(out.analyst_sees).toEqual([m('green'), m('open')]);
      expect(out.analyst_reads_amber).toBe(false);
      expect(out.analyst_lists_users).toContain('FORBIDDEN');
      // Leaving the group takes its markings away at the next request.
      expect(out.after_removal_sees).toEqual([m('open')]);
      expect(out.old_token_works).toBe(false);
      expect(out.user_deleted).toBe(true);
      expect(out.shared_with).toEqual([`Partner ${suffix}`]);
      expect(out.after_unshare).toEqual([]);
      if (venv.startsWith('pycti-7')) expect(out.token_names).toEqual(['analysis']);
    },
    300_000,
  );
});
