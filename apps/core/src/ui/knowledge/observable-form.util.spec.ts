import { observableInputOf, parseObservableForm } from './observable-form.util';

describe('the observable create form', () => {
  it('checks the value of each address type', () => {
    const errorOf = (type: string, value: string) =>
      parseObservableForm({ type, value }).errors.value;
    expect(errorOf('IPv4-Addr', '203.0.113.7')).toBeUndefined();
    expect(errorOf('IPv4-Addr', '10.0.0.0/24')).toBeUndefined();
    expect(errorOf('IPv4-Addr', '300.1.1.1')).toContain('IPv4');
    expect(errorOf('IPv4-Addr', '10.0.0.0/33')).toContain('IPv4');
    expect(errorOf('IPv6-Addr', '2001:db8::1')).toBeUndefined();
    expect(errorOf('IPv6-Addr', '2001:db8::zz')).toContain('IPv6');
    expect(errorOf('Domain-Name', 'example.com')).toBeUndefined();
    expect(errorOf('Domain-Name', 'not a domain')).toContain('domain');
    expect(errorOf('Url', 'https://example.com/a')).toBeUndefined();
    expect(errorOf('Url', 'example')).toContain('URL');
    expect(errorOf('Email-Addr', 'a@example.com')).toBeUndefined();
    expect(errorOf('Email-Addr', 'nobody')).toContain('email');
    expect(errorOf('IPv4-Addr', '')).toBe('A value is required.');
  });

  it('refuses an unknown type and a score out of range', () => {
    const { errors } = parseObservableForm({ type: 'Malware', value: 'x', score: '101' });
    expect(errors.type).toBeDefined();
    expect(errors.score).toContain('0 to 100');
  });

  it('asks a file for a name or a hash, and checks the hashes', () => {
    expect(parseObservableForm({ type: 'StixFile' }).errors.file_name).toBeDefined();
    const bad = parseObservableForm({ type: 'StixFile', md5: 'abc', sha256: 'f'.repeat(64) });
    expect(bad.errors.md5).toContain('32');
    expect(bad.errors.sha256).toBeUndefined();
    expect(bad.errors.file_name).toBeUndefined();
  });

  it('becomes the stixCyberObservableAdd arguments', () => {
    const file = parseObservableForm({
      type: 'StixFile',
      file_name: 'dropper.exe',
      sha256: 'A'.repeat(64),
      score: '80',
      objectMarking: ['m1'],
      objectLabel: ['l1', 'l1'],
      createdBy: 'org',
      description: 'seen',
    });
    expect(file.errors).toEqual({});
    expect(observableInputOf(file.values)).toEqual({
      type: 'StixFile',
      StixFile: { name: 'dropper.exe', hashes: { 'SHA-256': 'a'.repeat(64) } },
      x_opencti_score: 80,
      x_opencti_description: 'seen',
      createdBy: 'org',
      objectMarking: ['m1'],
      objectLabel: ['l1'],
    });
    const ip = parseObservableForm({ type: 'IPv4-Addr', value: ' 198.51.100.4 ' });
    expect(observableInputOf(ip.values)).toEqual({
      type: 'IPv4-Addr',
      IPv4Addr: { value: '198.51.100.4' },
      objectMarking: [],
    });
  });
});
