import { hash } from 'node:crypto';

const HEX_DIGITS = '0123456789abcdef';

// Namespace bytes are parsed once per namespace, not once per id: ingestion computes tens of
// thousands of ids per second.
const namespaceBytes = new Map<string, Buffer>();

function bytesOf(namespace: string): Buffer {
  let bytes = namespaceBytes.get(namespace);
  if (!bytes) {
    bytes = Buffer.from(namespace.replaceAll('-', ''), 'hex');
    if (bytes.length !== 16 || !/^[0-9a-f]{32}$/i.test(namespace.replaceAll('-', ''))) {
      throw new RangeError(`Invalid UUID namespace: ${namespace}`);
    }
    namespaceBytes.set(namespace, bytes);
  }
  return bytes;
}

/**
 * RFC 4122 UUIDv5 of a UTF-8 name in a namespace (same result as `uuid`'s v5). One-shot
 * `crypto.hash` over a single buffer is several times faster than a streaming Hash object.
 */
export function uuidV5(name: string, namespace: string): string {
  const input = Buffer.allocUnsafe(16 + Buffer.byteLength(name, 'utf8'));
  bytesOf(namespace).copy(input, 0);
  input.write(name, 16, 'utf8');
  const hex = hash('sha1', input, 'hex');
  // Version 5 in the high nibble of byte 6, RFC 4122 variant (10xx) in the high bits of byte 8.
  const variant = HEX_DIGITS[(Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8] ?? '8';
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
