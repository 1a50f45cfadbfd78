import type { RefDefinition } from './model.types';
import { refDefinition as ref } from './ref-definition.util';

const SCO = 'Stix-Cyber-Observable';
const ADDRESSES = ['Domain-Name', 'IPv4-Addr', 'IPv6-Addr', 'Mac-Addr'];

// data-model.md §1.4 refs column. Where a STIX property means different things on different
// types (contains_refs, resolves_to_refs, belongs_to_ref(s)) there is one entry per owning type,
// so the per-type lookup is exact.
export const OBSERVABLE_REF_DEFINITIONS: readonly RefDefinition[] = [
  ref(
    'contains',
    { input: 'containsObservable', stix: 'contains_refs' },
    ['Directory', 'StixFile'],
    ['Directory'],
  ),
  ref(
    'contains',
    { input: 'containsObservable', stix: 'contains_refs' },
    [SCO],
    ['StixFile', 'Email-Message'],
  ),
  ref(
    'obs_resolves-to',
    { input: 'resolvesTo', stix: 'resolves_to_refs' },
    ['Domain-Name', 'IPv4-Addr', 'IPv6-Addr'],
    ['Domain-Name'],
  ),
  ref(
    'obs_resolves-to',
    { input: 'resolvesTo', stix: 'resolves_to_refs' },
    ['Mac-Addr'],
    ['IPv4-Addr', 'IPv6-Addr'],
  ),
  ref(
    'obs_belongs-to',
    { input: 'belongsTo', stix: 'belongs_to_ref' },
    ['User-Account'],
    ['Email-Addr'],
  ),
  ref(
    'obs_belongs-to',
    { input: 'belongsTo', stix: 'belongs_to_refs' },
    ['Autonomous-System'],
    ['IPv4-Addr', 'IPv6-Addr'],
  ),
  ref('from', { input: 'emailFrom', stix: 'from_ref' }, ['Email-Addr'], ['Email-Message']),
  ref('sender', { input: 'emailSender', stix: 'sender_ref' }, ['Email-Addr'], ['Email-Message']),
  ref('to', { input: 'emailTo', stix: 'to_refs' }, ['Email-Addr'], ['Email-Message']),
  ref('cc', { input: 'emailCc', stix: 'cc_refs' }, ['Email-Addr'], ['Email-Message']),
  ref('bcc', { input: 'emailBcc', stix: 'bcc_refs' }, ['Email-Addr'], ['Email-Message']),
  ref(
    'body-multipart',
    { input: 'bodyMultipart', stix: 'body_multipart' },
    ['Email-Mime-Part-Type'],
    ['Email-Message'],
  ),
  ref('raw-email', { input: 'rawEmail', stix: 'raw_email_ref' }, ['Artifact'], ['Email-Message']),
  ref(
    'body-raw',
    { input: 'bodyRaw', stix: 'body_raw_ref' },
    ['Artifact', 'StixFile'],
    ['Email-Mime-Part-Type'],
  ),
  ref(
    'parent-directory',
    { input: 'parentDirectory', stix: 'parent_directory_ref' },
    ['Directory'],
    ['StixFile'],
  ),
  ref('obs_content', { input: 'obsContent', stix: 'content_ref' }, ['Artifact'], ['StixFile']),
  ref('src', { input: 'networkSrc', stix: 'src_ref' }, ADDRESSES, ['Network-Traffic']),
  ref('dst', { input: 'networkDst', stix: 'dst_ref' }, ADDRESSES, ['Network-Traffic']),
  ref(
    'src-payload',
    { input: 'srcPayload', stix: 'src_payload_ref' },
    ['Artifact'],
    ['Network-Traffic'],
  ),
  ref(
    'dst-payload',
    { input: 'dstPayload', stix: 'dst_payload_ref' },
    ['Artifact'],
    ['Network-Traffic'],
  ),
  ref(
    'encapsulates',
    { input: 'networkEncapsulates', stix: 'encapsulates_refs' },
    ['Network-Traffic'],
    ['Network-Traffic'],
  ),
  ref(
    'encapsulated-by',
    { input: 'encapsulatedBy', stix: 'encapsulated_by_ref' },
    ['Network-Traffic'],
    ['Network-Traffic'],
  ),
  ref(
    'opened-connection',
    { input: 'openedConnections', stix: 'opened_connection_refs' },
    ['Network-Traffic'],
    ['Process'],
  ),
  ref(
    'creator-user',
    { input: 'creatorUser', stix: 'creator_user_ref' },
    ['User-Account'],
    ['Process', 'Windows-Registry-Key'],
  ),
  ref('image', { input: 'processImage', stix: 'image_ref' }, ['StixFile'], ['Process']),
  ref('parent', { input: 'processParent', stix: 'parent_ref' }, ['Process'], ['Process']),
  ref('child', { input: 'processChild', stix: 'child_refs' }, ['Process'], ['Process']),
  ref('service-dll', { input: 'serviceDlls', stix: 'service_dll_refs' }, ['StixFile'], ['Process']),
  ref(
    'values',
    { input: 'winRegValues', stix: 'values' },
    ['Windows-Registry-Value-Type'],
    ['Windows-Registry-Key'],
  ),
  // Deprecated, still accepted on input (§2.4).
  ref(
    'x_opencti_linked-to',
    { input: 'xOpenctiLinkedTo', stix: 'x_opencti_linked_to_refs' },
    [SCO],
    [SCO],
  ),
];
