import { relationshipPairStatus } from './relationship-pair-status.util';

const sut = relationshipPairStatus;

describe(relationshipPairStatus.name, () => {
  it.each<[string, string, string, string]>([
    // builtin pairs of the §2.2 table
    ['uses', 'Intrusion-Set', 'Malware', 'builtin'],
    ['targets', 'Attack-Pattern', 'Event', 'builtin'],
    ['located-at', 'Administrative-Area', 'Country', 'builtin'],
    ['indicates', 'Indicator', 'Threat-Actor', 'builtin'],
    ['based-on', 'Indicator', 'Observed-Data', 'builtin'],
    ['resolves-to', 'Domain-Name', 'IPv4-Addr', 'builtin'],
    ['belongs-to', 'IPv6-Addr', 'Autonomous-System', 'builtin'],
    ['analysis-of', 'Malware-Analysis', 'Malware', 'builtin'],
    ['authored-by', 'Malware', 'Threat-Actor-Individual', 'builtin'],
    ['derived-from', 'Threat-Actor-Group', 'Threat-Actor-Individual', 'builtin'],
    ['attributed-to', 'Threat-Actor-Individual', 'Organization', 'builtin'],
    ['uses', 'Threat-Actor', 'Malware', 'builtin'],
    // † (non-builtin) pairs
    ['targets', 'Campaign', 'Event', 'new'],
    ['subtechnique-of', 'Attack-Pattern', 'Attack-Pattern', 'new'],
    ['uses', 'Intrusion-Set', 'StixFile', 'new'],
    ['indicates', 'Indicator', 'Vulnerability', 'new'],
    ['indicates', 'Indicator', 'uses', 'new'],
    ['located-at', 'targets', 'Country', 'new'],
    ['citizen-of', 'Threat-Actor-Individual', 'Country', 'new'],
    ['known-as', 'Threat-Actor-Individual', 'Persona', 'new'],
    ['part-of', 'Threat-Actor-Individual', 'Threat-Actor-Group', 'new'],
    ['targets', 'Tool', 'System', 'new'],
    ['transferred-to', 'Bank-Account', 'Bank-Account', 'new'],
    ['publishes', 'Channel', 'Media-Content', 'new'],
    ['has-covered', 'Security-Coverage', 'SecurityPlatform', 'new'],
    ['technology-from', 'Infrastructure', 'Software', 'new'],
    ['derived-from', 'Media-Content', 'Media-Content', 'new'],
    // observable rule: the Stix-Cyber-Observable key
    ['based-on', 'Indicator', 'Hostname', 'new'],
    ['based-on', 'Indicator', 'StixFile', 'new'],
    ['consists-of', 'Infrastructure', 'Url', 'builtin'],
    ['consists-of', 'Infrastructure', 'Software', 'new'],
    // related-to and revoked-by between any core objects or relationships
    ['related-to', 'Report', 'IPv4-Addr', 'builtin'],
    ['related-to', 'x-mitre-tactic', 'uses', 'builtin'],
    ['related-to', 'stix-sighting-relationship', 'Malware', 'builtin'],
    ['revoked-by', 'Attack-Pattern', 'Attack-Pattern', 'new'],
    ['related-to', 'Label', 'Malware', 'outside'],
    ['revoked-by', 'User', 'Malware', 'outside'],
    // outside the table
    ['uses', 'Malware', 'Intrusion-Set', 'outside'],
    ['derived-from', 'Threat-Actor-Individual', 'Threat-Actor-Individual', 'outside'],
    ['uses', 'Report', 'Malware', 'outside'],
    ['targets', 'Threat-Actor-Group', 'Location', 'outside'],
    ['based-on', 'Malware', 'IPv4-Addr', 'outside'],
    ['object-marking', 'Malware', 'Marking-Definition', 'outside'],
    ['no-such-type', 'Malware', 'Tool', 'outside'],
  ])('%s: %s → %s is %s', (relationshipType, from, to, expected) => {
    expect(sut(relationshipType, from, to)).toBe(expected);
  });
});
