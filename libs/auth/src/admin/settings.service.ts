import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SETTINGS_INTERNAL_ID } from '@lib/bootstrap';
import { HTTP_CONFIG } from '@lib/config';
import type { HttpConfig } from '@lib/config';
import type { StoredElement } from '@lib/entity-store';
import { AppError, textOf } from '@lib/kernel';
import { GROUP_TYPE, MEMBER_OF, SETTINGS_TYPE, USER_TYPE } from '@lib/rbac';
import { AccessDirectory, notFound } from './access-directory.service';
import { count, flag, readPatch, text } from './field-values.util';
import type { FieldReader } from './field-values.util';

const ORGANIZATION_TYPE = 'Organization';
const BANNER_LEVELS = ['', 'GREEN', 'YELLOW', 'RED'];

const bannerLevel: FieldReader = (values, key) => {
  const value = (text(values, key) as string).toUpperCase();
  if (!BANNER_LEVELS.includes(value)) {
    throw new AppError({
      code: 'ACCESS_FIELD_INVALID',
      category: 'validation',
      message: `Field ${key} expects one of GREEN, YELLOW, RED or an empty string`,
      details: { key },
    });
  }
  return value;
};

// platform_organization is read apart: its value is resolved to an Organization first.
const EDITABLE: Readonly<Record<string, FieldReader>> = {
  platform_title: text,
  platform_email: text,
  platform_url: text,
  platform_language: text,
  platform_theme: text,
  platform_favicon: text,
  platform_login_message: text,
  platform_consent_message: text,
  platform_consent_confirm_text: text,
  platform_banner_text: text,
  platform_banner_level: bannerLevel,
  platform_session_idle_timeout: count,
  platform_session_timeout: count,
  platform_whitemark: flag,
  platform_trash_enabled: flag,
  analytics_google_analytics_v4: text,
  otp_mandatory: flag,
  view_all_users: flag,
  password_policy_min_length: count,
  password_policy_max_length: count,
  password_policy_min_symbols: count,
  password_policy_min_numbers: count,
  password_policy_min_words: count,
  password_policy_min_lowercase: count,
  password_policy_min_uppercase: count,
};

/** A message shown to users (all of them, or the members of `recipients` groups). */
export type PlatformMessage = {
  id: string;
  message: string;
  activated: boolean;
  dismissible: boolean;
  color: string | null;
  /** Group internal ids; empty for everyone. */
  recipients: string[];
  updated_at: string;
};

export type PlatformMessageInput = {
  id?: string | null;
  message: string;
  activated: boolean;
  dismissible: boolean;
  color?: string | null;
  recipients?: readonly string[] | null;
};

type FieldPatch = readonly { key: string; value: readonly unknown[] }[];

/**
 * The settings singleton (data-model.md §4.3 for platform_organization). Every change goes
 * through AccessDirectory.update, which drops the cached access contexts: setting or clearing
 * the platform organization turns organization segregation on or off at the next request.
 */
@Injectable()
export class SettingsService {
  constructor(
    @Inject(AccessDirectory) private readonly directory: AccessDirectory,
    @Inject(HTTP_CONFIG) private readonly http: HttpConfig,
  ) {}

  read(): Promise<StoredElement> {
    return this.directory.require(SETTINGS_TYPE, SETTINGS_INTERNAL_ID);
  }

  /** The URL users reach the platform at: as edited, else THREATLOOM_PUBLIC_URL. */
  platformUrl(settings: StoredElement): string {
    return textOf(settings.attributes.platform_url) || this.http.publicUrl;
  }

  /** `id` is the settings' internal or standard id (pycti passes the one it read). */
  async edit(id: string, input: FieldPatch): Promise<StoredElement> {
    const organization = input.find((i) => i.key === 'platform_organization');
    const changes = readPatch(
      'settings object',
      EDITABLE,
      input.filter((i) => i.key !== 'platform_organization'),
    );
    if (organization) {
      changes.platform_organization = await this.organizationOf(organization.value ?? []);
    }
    return this.directory.update(SETTINGS_TYPE, id, (el) => ({
      ...el,
      attributes: { ...el.attributes, ...changes },
    }));
  }

  /** Adds a message (no id) or replaces the message with that id. */
  async editMessage(id: string, input: PlatformMessageInput): Promise<StoredElement> {
    const message = input.message.trim();
    if (!message) {
      throw new AppError({
        code: 'ACCESS_FIELD_INVALID',
        category: 'validation',
        message: 'A platform message needs a text',
        details: { key: 'message' },
      });
    }
    const recipients = await Promise.all(
      (input.recipients ?? []).map(
        async (r) => (await this.directory.require(GROUP_TYPE, r)).internalId,
      ),
    );
    return this.directory.update(SETTINGS_TYPE, id, (el, now) => {
      const messages = messagesOf(el);
      const next: PlatformMessage = {
        id: input.id ?? randomUUID(),
        message,
        activated: input.activated,
        dismissible: input.dismissible,
        color: input.color ?? null,
        recipients: [...new Set(recipients)],
        updated_at: now,
      };
      if (input.id && !messages.some((m) => m.id === input.id)) {
        throw notFound('platform message', input.id);
      }
      const list = input.id
        ? messages.map((m) => (m.id === input.id ? next : m))
        : [...messages, next];
      return { ...el, attributes: { ...el.attributes, platform_messages: list } };
    });
  }

  deleteMessage(id: string, messageId: string): Promise<StoredElement> {
    return this.directory.update(SETTINGS_TYPE, id, (el) => {
      const messages = messagesOf(el);
      if (!messages.some((m) => m.id === messageId)) {
        throw notFound('platform message', messageId);
      }
      const list = messages.filter((m) => m.id !== messageId);
      return { ...el, attributes: { ...el.attributes, platform_messages: list } };
    });
  }

  /** Every platform message (their administration). */
  messages(settings: StoredElement): PlatformMessage[] {
    return messagesOf(settings);
  }

  /** The messages a user is shown: those for everyone and those for one of his groups. */
  async messagesFor(settings: StoredElement, userId: string): Promise<PlatformMessage[]> {
    const messages = messagesOf(settings);
    if (messages.every((m) => m.recipients.length === 0)) return messages;
    const user = await this.directory.find(USER_TYPE, userId);
    const groups = new Set(user?.refs[MEMBER_OF] ?? []);
    return messages.filter(
      (m) => m.recipients.length === 0 || m.recipients.some((g) => groups.has(g)),
    );
  }

  /** The platform organization (segregation is on), read as the platform: every user sees it. */
  async platformOrganization(settings: StoredElement): Promise<StoredElement | undefined> {
    const id = textOf(settings.attributes.platform_organization);
    return id ? (await this.directory.many([id]))[0] : undefined;
  }

  /** Groups by internal id (the recipients of a message). */
  groups(ids: readonly string[]): Promise<StoredElement[]> {
    return this.directory.many(ids);
  }

  /** An Organization's internal id, or null (empty value) to turn segregation off. */
  private async organizationOf(values: readonly unknown[]): Promise<string | null> {
    const value = values[0];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string') {
      throw new AppError({
        code: 'ACCESS_FIELD_INVALID',
        category: 'validation',
        message: 'Field platform_organization expects an Organization id',
        details: { key: 'platform_organization' },
      });
    }
    const found = await this.directory.find(ORGANIZATION_TYPE, value);
    if (!found) {
      throw new AppError({
        code: 'ACCESS_FIELD_INVALID',
        category: 'validation',
        message: `Field platform_organization expects an Organization id; ${value} is none`,
        details: { key: 'platform_organization', value },
      });
    }
    return found.internalId;
  }
}

function messagesOf(settings: StoredElement): PlatformMessage[] {
  const stored = settings.attributes.platform_messages;
  return Array.isArray(stored) ? (stored as PlatformMessage[]) : [];
}
