// ASCII codes of the two hex digits of every byte value.
const HEX_CODES = new Uint8Array(512);
for (let i = 0; i < 256; i += 1) {
  const digits = i.toString(16).padStart(2, '0');
  HEX_CODES[2 * i] = digits.charCodeAt(0);
  HEX_CODES[2 * i + 1] = digits.charCodeAt(1);
}
const DASH = 0x2d;
const scratch = Buffer.alloc(256);

/**
 * `<prefix><uuid>` from 16 bytes, in the canonical 8-4-4-4-12 lower-case form. Written into a
 * byte buffer and decoded once: string concatenation would leave a tree of about twenty
 * cons-strings (~450 bytes) behind every id until it is flattened, and ids are most of what the
 * corpus keeps in memory. The prefix must be ASCII and shorter than 200 characters.
 */
export function formatUuid(prefix: string, bytes: Uint8Array): string {
  let at = scratch.write(prefix, 0, 'latin1');
  for (let i = 0; i < 16; i += 1) {
    if (i === 4 || i === 6 || i === 8 || i === 10) {
      scratch[at] = DASH;
      at += 1;
    }
    const index = (bytes[i] ?? 0) * 2;
    scratch[at] = HEX_CODES[index] ?? 0;
    scratch[at + 1] = HEX_CODES[index + 1] ?? 0;
    at += 2;
  }
  return scratch.toString('latin1', 0, at);
}
