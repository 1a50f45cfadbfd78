import { StixInvalidBundleError } from '../parse/stix-parse.error';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const OBJECTS_KEY = Buffer.from('objects');

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Splits a STIX bundle arriving as byte chunks into its objects without ever holding the whole text:
 * a byte-level state machine (quotes, escapes and brackets are ASCII, so UTF-8 is safe to scan)
 * finds each element of the top-level `objects` array and hands its bytes to JSON.parse. Everything
 * else of the top level (type, id, spec_version…) is kept as a small skeleton. Strings are skipped
 * with indexOf, so the scan costs little next to JSON.parse itself.
 */
export class BundleScanner {
  /** Elements parsed and not taken yet (see take). */
  private parsed: unknown[] = [];
  /** Elements taken so far, for the index an error names. */
  private taken = 0;
  private depth = 0;
  private inString = false;
  /** A backslash ended the previous chunk inside a string. */
  private escaped = false;
  private inObjects = false;
  /** Bytes of the current element collected from earlier chunks (undefined: no element open). */
  private element: Buffer[] | undefined;
  private readonly skeleton: Buffer[] = [];
  /** The top level up to the `objects` array's bracket, once it has opened. */
  private headText: string | undefined;
  /** Bytes of the last top-level string (a key candidate), possibly spanning chunks. */
  private key: Buffer[] = [];
  private keyIsObjects = false;

  write(chunk: Buffer): void {
    const n = chunk.length;
    let i = 0;
    let elementStart = this.element ? 0 : -1;
    let skeletonStart = this.inObjects ? -1 : 0;
    let keyStart = this.inString && this.depth === 1 && !this.inObjects ? 0 : -1;
    // The next backslash at or after i (-1: none left in the chunk), searched again only once
    // passed: most strings hold none, and searching from each string would scan to the chunk's
    // end every time (a 1 MiB chunk without escapes read in seconds instead of milliseconds).
    let backslash = -2;
    while (i < n) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          i += 1;
          continue;
        }
        const quote = chunk.indexOf(QUOTE, i);
        if (backslash !== -1 && backslash < i) {
          backslash = chunk.indexOf(BACKSLASH, i);
        }
        if (backslash !== -1 && (quote === -1 || backslash < quote)) {
          i = backslash + 2;
          this.escaped = i > n;
          continue;
        }
        if (quote === -1) {
          i = n;
          break;
        }
        this.inString = false;
        if (keyStart >= 0) {
          this.key.push(chunk.subarray(keyStart, quote));
          const key = this.key.length === 1 ? (this.key[0] as Buffer) : Buffer.concat(this.key);
          this.keyIsObjects = key.equals(OBJECTS_KEY);
          this.key = [];
          keyStart = -1;
        }
        i = quote + 1;
        continue;
      }
      const b = chunk[i] as number;
      if (this.inObjects && this.depth === 2) {
        if (b === COMMA || b === CLOSE_ARRAY) {
          if (elementStart >= 0) {
            this.closeElement(chunk.subarray(elementStart, i));
            elementStart = -1;
          }
          if (b === CLOSE_ARRAY) {
            this.inObjects = false;
            this.depth = 1;
            skeletonStart = i;
          }
          i += 1;
          continue;
        }
        if (elementStart < 0 && !isSpace(b)) {
          elementStart = i;
          this.element = [];
        }
      }
      switch (b) {
        case QUOTE:
          this.inString = true;
          if (this.depth === 1 && !this.inObjects) {
            keyStart = i + 1;
          }
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          this.depth += 1;
          if (b === OPEN_ARRAY && this.depth === 2 && this.keyIsObjects && !this.inObjects) {
            this.inObjects = true;
            this.skeleton.push(chunk.subarray(skeletonStart, i));
            this.headText ??= Buffer.concat(this.skeleton).toString('utf8');
            this.skeleton.push(chunk.subarray(i, i + 1));
            skeletonStart = -1;
          }
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          this.depth -= 1;
          break;
        default:
          break;
      }
      i += 1;
    }
    if (elementStart >= 0) {
      this.element?.push(chunk.subarray(elementStart));
    }
    if (skeletonStart >= 0) {
      this.skeleton.push(chunk.subarray(skeletonStart));
    }
    if (keyStart >= 0) {
      this.key.push(chunk.subarray(keyStart));
    }
  }

  /** How many elements wait to be taken. */
  get pending(): number {
    return this.parsed.length;
  }

  /** The elements parsed since the last call, in order. */
  take(): unknown[] {
    const out = this.parsed;
    this.parsed = [];
    this.taken += out.length;
    return out;
  }

  /**
   * The keys written before `objects`, once its array has opened (undefined before, or when they
   * are not valid JSON: `end` reports that).
   */
  head(): Record<string, unknown> | undefined {
    if (this.headText === undefined) {
      return undefined;
    }
    try {
      const head: unknown = JSON.parse(`${this.headText}[]}`);
      return typeof head === 'object' && head !== null && !Array.isArray(head)
        ? (head as Record<string, unknown>)
        : undefined;
    } catch {
      return undefined;
    }
  }

  /** The top level of the bundle (objects array emptied) once every chunk was written. */
  end(): Record<string, unknown> {
    if (this.depth !== 0 || this.inString) {
      throw new StixInvalidBundleError(
        'the bundle is truncated (unbalanced brackets or an open string)',
      );
    }
    let top: unknown;
    try {
      top = JSON.parse(Buffer.concat(this.skeleton).toString('utf8'));
    } catch (cause) {
      throw new StixInvalidBundleError(
        `the bundle is not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`,
      );
    }
    if (typeof top !== 'object' || top === null || Array.isArray(top)) {
      throw new StixInvalidBundleError('the bundle is not a JSON object');
    }
    return top as Record<string, unknown>;
  }

  private closeElement(tail: Buffer): void {
    const parts = this.element ?? [];
    parts.push(tail);
    const bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
    this.element = undefined;
    try {
      this.parsed.push(JSON.parse(bytes.toString('utf8')) as unknown);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new StixInvalidBundleError(
        `objects[${this.taken + this.parsed.length}] is not valid JSON (${reason})`,
      );
    }
  }
}
