import { OCTI_EXTENSION_ID } from '@lib/stix';
import { cefMessage, syslogLine } from './syslog-output.connector';
import { hecEvent } from './splunk-hec-output.connector';

const message = {
  id: '1764806400000-3',
  event: 'update',
  data: {
    version: '4',
    type: 'update',
    message: 'updates a Malware `a=b|c`',
    data: {
      id: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
      type: 'malware',
      name: 'Back\\slash = pipe|line\nbreak',
      extensions: { [OCTI_EXTENSION_ID]: { type: 'Malware' } },
    },
  },
};

describe('stream output formats', () => {
  it('writes CEF with escaped header and extension values', () => {
    const cef = cefMessage(message);
    expect(
      cef.startsWith('CEF:0|Threatloom|Threatloom|1|threatloom:update|update Malware|3|'),
    ).toBe(true);
    expect(cef).toContain('rt=1764806400000');
    expect(cef).toContain('cs2=Back\\\\slash \\= pipe|line\\nbreak');
    expect(cef).toContain('msg=updates a Malware `a\\=b|c`');
  });

  it('frames an RFC 5424 message with the event type as MSGID', () => {
    const line = syslogLine(message, 'rfc5424');
    expect(line).toMatch(/^<134>1 2025-12-04T00:00:00\.000Z \S+ threatloom \d+ update - \{/);
    expect(JSON.parse(line.slice(line.indexOf(' - ') + 3))).toEqual(
      expect.objectContaining({ id: message.id, event: 'update', type: 'update' }),
    );
  });

  it('gives HEC events the commit time in seconds', () => {
    expect(hecEvent(message, undefined)).toEqual(
      expect.objectContaining({ time: 1764806400, sourcetype: '_json' }),
    );
    expect(hecEvent(message, 'cti').index).toBe('cti');
  });
});
