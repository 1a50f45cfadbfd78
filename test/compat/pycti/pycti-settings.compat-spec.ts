import { useEmbeddedPlatform } from '../../support/embedded-platform.util';
import { PYCTI_VENVS, runPyctiScript } from './pycti-runner.util';

const TOKEN = '5d8e1f3a-2c4b-4a6e-8f90-1b3c5d7e9f24';
const PUBLIC_URL = 'https://cti.threatloom.example';

type Message = { message: string; activated: boolean; dismissible: boolean; color: string };

type SettingsOut = {
  read: {
    entity_type: string;
    platform_title: string;
    platform_email: string;
    platform_url: string;
    platform_organization: unknown;
    platform_cluster: { instances_number: number };
    platform_providers: unknown[];
    platform_modules: unknown[];
    platform_ai_enabled: boolean;
    password_policy_min_length: number;
    otp_mandatory: boolean;
    license_validated: boolean;
    theme: string;
    has_dates: boolean;
  };
  title: string;
  title_read_back: string;
  min_length: number;
  unknown_key_error: string;
  negative_error: string;
  message_added: Message;
  message_shown: string[];
  message_changed: [string, boolean][];
  messages_after_delete: unknown[];
  before_sees: string[];
  organization_set: string;
  organization_set_id: boolean;
  segregated_sees: string[];
  admin_segregated_sees: string[];
  reader_reads_organization: string;
  reader_messages: string[];
  admin_messages: [string, string[]][];
  reader_messages_administration: unknown[];
  reader_edit_error: string;
  organization_cleared: unknown;
  after_clear_sees: string[];
  not_an_organization_error: string;
};

describe('pycti reads and edits the platform settings', () => {
  const platform = useEmbeddedPlatform(TOKEN, {
    THREATLOOM_ADMIN_EMAIL: 'admin@threatloom.example',
    THREATLOOM_PUBLIC_URL: PUBLIC_URL,
  });

  it.each(PYCTI_VENVS)(
    '%s: fields, password policy, messages; the platform organization segregates a user outside it',
    async (venv) => {
      const suffix = venv.replace(/[^0-9a-z]/gi, '');
      const out = await runPyctiScript<SettingsOut>(venv, 'pycti_settings.py', [
        platform.url,
        TOKEN,
        suffix,
      ]);
      const m = (name: string) => `seg-${suffix}-${name}`;
      // Both virtualenvs edit the same platform: the title is the bootstrap's or the last run's.
      expect(out.read).toEqual({
        entity_type: 'Settings',
        platform_title: expect.stringMatching(/^Threatloom/) as unknown,
        platform_email: 'admin@threatloom.example',
        platform_url: PUBLIC_URL,
        platform_organization: null,
        platform_cluster: { instances_number: 1 },
        platform_providers: [],
        platform_modules: [],
        platform_ai_enabled: false,
        password_policy_min_length: expect.any(Number) as unknown,
        otp_mandatory: false,
        platform_messages: [],
        license_validated: false,
        theme: 'Dark',
        has_dates: true,
      });
      expect(out.title).toBe(`Threatloom ${suffix}`);
      expect(out.title_read_back).toBe(`Threatloom ${suffix}`);
      expect(out.min_length).toBe(12);
      expect(out.unknown_key_error).toContain('platform_nonsense');
      expect(out.negative_error).toContain('password_policy_min_length');

      expect(out.message_added).toEqual({
        message: `Maintenance ${suffix}`,
        activated: true,
        dismissible: true,
        color: '#d04040',
      });
      expect(out.message_shown).toEqual([`Maintenance ${suffix}`]);
      expect(out.message_changed).toEqual([[`Done ${suffix}`, false]]);
      expect(out.messages_after_delete).toEqual([]);

      // data-model.md §4.3: outside the platform organization, only what is granted to his own.
      expect(out.before_sees).toEqual([m('branch'), m('open'), m('platform')]);
      expect(out.organization_set).toBe(`Platform org ${suffix}`);
      expect(out.organization_set_id).toBe(true);
      expect(out.segregated_sees).toEqual([m('branch')]);
      expect(out.admin_segregated_sees).toEqual([m('branch'), m('open'), m('platform')]);
      expect(out.reader_reads_organization).toBe(`Platform org ${suffix}`);
      // A reader sees the messages for everyone and for his groups; never their administration.
      expect(out.reader_messages).toEqual([`For all ${suffix}`, `For readers ${suffix}`]);
      expect(out.admin_messages).toEqual([
        [`For all ${suffix}`, []],
        [`For others ${suffix}`, [`Others ${suffix}`]],
        [`For readers ${suffix}`, [`Red readers ${suffix}`]],
      ]);
      expect(out.reader_messages_administration).toEqual([]);
      expect(out.reader_edit_error).toContain('FORBIDDEN');
      expect(out.organization_cleared).toBeNull();
      expect(out.after_clear_sees).toEqual([m('branch'), m('open'), m('platform')]);
      expect(out.not_an_organization_error).toContain('platform_organization');
    },
    300_000,
  );
});
