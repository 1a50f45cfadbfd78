import type { StoredElement } from '@lib/entity-store';
import { textOf } from '@lib/kernel';
import type { SettingsModel } from './settings.model';
import type { ProtectedConfigPartModel, ThemeModel } from './settings-parts.model';

const str = (value: unknown): string | null => textOf(value) ?? null;
const bool = (value: unknown, fallback: boolean): boolean =>
  typeof value === 'boolean' ? value : fallback;
const int = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) ? value : null;

// Two built-in themes; platform_theme stores the name ('dark' unless edited).
const THEMES: Record<'dark' | 'light', Omit<ThemeModel, 'id' | 'standard_id' | 'entity_type'>> = {
  dark: {
    name: 'Dark',
    parent_types: ['Basic-Object', 'Internal-Object'],
    theme_background: '#0b1220',
    theme_paper: '#111a2e',
    theme_nav: '#0b1220',
    theme_primary: '#3fa9f5',
    theme_secondary: '#36c6a0',
    theme_accent: '#1c2a45',
    theme_logo: null,
    theme_logo_collapsed: null,
    theme_logo_login: null,
    theme_text_color: '#e8edf5',
    built_in: true,
  },
  light: {
    name: 'Light',
    parent_types: ['Basic-Object', 'Internal-Object'],
    theme_background: '#f4f6fa',
    theme_paper: '#ffffff',
    theme_nav: '#ffffff',
    theme_primary: '#1f6fd1',
    theme_secondary: '#168f70',
    theme_accent: '#dde4ef',
    theme_logo: null,
    theme_logo_collapsed: null,
    theme_logo_login: null,
    theme_text_color: '#1b2330',
    built_in: true,
  },
};

function themeOf(stored: string | null): ThemeModel {
  const key = stored?.toLowerCase() === 'light' ? 'light' : 'dark';
  return { id: `theme-${key}`, standard_id: `theme--${key}`, entity_type: 'Theme', ...THEMES[key] };
}

const unprotected = (): ProtectedConfigPartModel => ({ enabled: false, protected_ids: [] });

/** The settings as pycti reads them; the signing keys and other internals never show. */
export function settingsView(element: StoredElement, platformUrl: string): SettingsModel {
  const a = element.attributes;
  const policy = (key: string) => int(a[`password_policy_${key}`]) ?? 0;
  return {
    id: element.internalId,
    standard_id: element.standardId,
    entity_type: 'Settings',
    parent_types: ['Basic-Object', 'Internal-Object'],
    created_at: element.createdAt,
    updated_at: element.updatedAt,
    platform_title: str(a.platform_title),
    platform_favicon: str(a.platform_favicon),
    platform_email: str(a.platform_email),
    platform_url: platformUrl,
    platform_language: str(a.platform_language) ?? 'auto',
    // One process answers whatever the role split: the API reports itself.
    platform_cluster: { instances_number: 1 },
    platform_modules: [],
    platform_providers: [],
    platform_user_statuses: [],
    platform_theme: themeOf(str(a.platform_theme)),
    platform_ai_enabled: false,
    platform_ai_type: null,
    platform_ai_model: null,
    platform_ai_has_token: false,
    platform_openaev_url: null,
    platform_opengrc_url: null,
    platform_login_message: str(a.platform_login_message),
    platform_consent_message: str(a.platform_consent_message),
    platform_consent_confirm_text: str(a.platform_consent_confirm_text),
    platform_banner_text: str(a.platform_banner_text),
    platform_banner_level: str(a.platform_banner_level),
    platform_session_idle_timeout: int(a.platform_session_idle_timeout),
    platform_session_timeout: int(a.platform_session_timeout),
    platform_whitemark: bool(a.platform_whitemark, false),
    platform_demo: false,
    platform_reference_attachment: false,
    platform_feature_flags: [],
    platform_critical_alerts: [],
    platform_trash_enabled: bool(a.platform_trash_enabled, false),
    platform_protected_sensitive_config: {
      enabled: false,
      markings: unprotected(),
      groups: unprotected(),
      roles: unprotected(),
      rules: unprotected(),
      ce_ee_toggle: unprotected(),
      file_indexing: unprotected(),
      platform_organization: unprotected(),
    },
    platform_enterprise_edition: {
      license_enterprise: false,
      license_by_configuration: false,
      license_customer: null,
      license_validated: false,
      license_valid_cert: false,
      license_expired: false,
      license_expiration_prevention: false,
      license_start_date: null,
      license_expiration_date: null,
      license_platform: null,
      license_type: null,
      license_platform_match: true,
      license_creator: null,
      license_global: false,
    },
    platform_map_tile_server_dark: null,
    platform_map_tile_server_light: null,
    analytics_google_analytics_v4: str(a.analytics_google_analytics_v4),
    activity_listeners: [],
    otp_mandatory: bool(a.otp_mandatory, false),
    view_all_users: bool(a.view_all_users, false),
    password_policy_min_length: policy('min_length'),
    password_policy_max_length: policy('max_length'),
    password_policy_min_symbols: policy('min_symbols'),
    password_policy_min_numbers: policy('min_numbers'),
    password_policy_min_words: policy('min_words'),
    password_policy_min_lowercase: policy('min_lowercase'),
    password_policy_min_uppercase: policy('min_uppercase'),
    element,
  };
}
