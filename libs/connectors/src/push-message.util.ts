import { z } from 'zod';
import { isTypeOf } from '@lib/stix';

/**
 * A message of a connector's push queue, as pycti's `send_stix2_bundle` and OpenCTI's producers
 * write it (connector-protocol.md §2.4–§2.6). Unknown keys are kept aside, never rejected.
 */
const pushMessage = z.looseObject({
  type: z.enum(['bundle', 'event']).optional(),
  bundle_type: z.string().optional(),
  applicant_id: z.string().nullish(),
  action_sequence: z.number().optional(),
  entities_types: z.union([z.array(z.string()), z.string()]).nullish(),
  content: z.string().min(1),
  update: z.boolean().nullish(),
  draft_id: z.string().nullish(),
  work_id: z.string().nullish(),
  no_split: z.boolean().nullish(),
});

export type PushMessage = z.infer<typeof pushMessage>;

export type DecodedPush = {
  message: PushMessage;
  objects: unknown[];
};

export class PushMessageError extends Error {}

/** Parses a push message and its base64 bundle; throws `PushMessageError` naming what is wrong. */
export function decodePushMessage(body: string): DecodedPush {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new PushMessageError('the message is not JSON');
  }
  const parsed = pushMessage.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new PushMessageError(`not a push message: ${issues.join('; ')}`);
  }
  const message = parsed.data;
  if ((message.type ?? 'bundle') !== 'bundle') {
    throw new PushMessageError(
      `messages of type ${message.type} (synchronizer events) are not supported`,
    );
  }
  let content: unknown;
  try {
    content = JSON.parse(Buffer.from(message.content, 'base64').toString('utf8'));
  } catch {
    throw new PushMessageError('content is not base64 of a JSON bundle');
  }
  const record = content as { type?: unknown; objects?: unknown };
  if (typeof content !== 'object' || content === null) {
    throw new PushMessageError('content is not a JSON object');
  }
  if (record.type !== 'bundle') {
    // A bare object: what some producers send.
    return { message, objects: [content] };
  }
  if (record.objects !== undefined && !Array.isArray(record.objects)) {
    throw new PushMessageError('content.objects is not a list');
  }
  return { message, objects: (record.objects as unknown[] | undefined) ?? [] };
}

// Always imported whatever the filter (§2.7): what other objects hang on.
const ALWAYS = new Set([
  'relationship',
  'sighting',
  'label',
  'vocabulary',
  'external-reference',
  'kill-chain-phase',
  'marking-definition',
]);

const IDENTITY_CLASSES: Record<string, string> = {
  class: 'identity',
  individual: 'individual',
  organization: 'organization',
  system: 'system',
};

/** The `entities_types` import filter (§2.7); an empty filter keeps everything. */
export function entitiesTypesFilter(
  types: PushMessage['entities_types'],
): (object: unknown) => boolean {
  const list = (typeof types === 'string' ? types.split(',') : (types ?? []))
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');
  if (list.length === 0) {
    return () => true;
  }
  const wanted = new Set(list);
  return (object) => {
    const o = object as Record<string, unknown>;
    const type = typeof o.type === 'string' ? o.type.toLowerCase() : '';
    if (ALWAYS.has(type) || wanted.has(type)) {
      return true;
    }
    if (isObservableStixType(type) && wanted.has('observable')) {
      return true;
    }
    if (type === 'identity') {
      const cls = typeof o.identity_class === 'string' ? o.identity_class.toLowerCase() : '';
      return wanted.has(IDENTITY_CLASSES[cls] ?? cls) || (cls === 'class' && wanted.has('sector'));
    }
    if (type === 'location') {
      const kind =
        typeof o.x_opencti_location_type === 'string'
          ? o.x_opencti_location_type.toLowerCase()
          : '';
      return kind !== '' && wanted.has(kind);
    }
    return false;
  };
}

const OBSERVABLE_STIX_TYPES = new Set([
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
]);

function isObservableStixType(type: string): boolean {
  return OBSERVABLE_STIX_TYPES.has(type) || isTypeOf(type, 'Stix-Cyber-Observable');
}
