import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { JWK, KeyLike } from 'jose';
import { SETTINGS_INTERNAL_ID } from '@lib/bootstrap';
import { EntityStore, updateElement } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import { systemContext } from '@lib/rbac';

const ALG = 'EdDSA';
const KEY_ATTRIBUTE = 'connector_signing_key';
/** pycti 7 checks these claims on the platform's callbacks (connector-protocol.md §1.9). */
const ISSUER = 'opencti';
const SUBJECT = 'connector';
const LIFETIME = '1h';

type SigningKey = { kid: string; privateJwk: JWK; publicJwk: JWK };

/**
 * The platform's Ed25519 key for connectors (pycti 7): its public half is handed out at
 * registration as a JWK set, and the HTTP callbacks to connectors carry JWTs signed with it. One
 * key for every replica, kept in the settings element (created by the first replica that needs it).
 */
@Injectable()
export class ConnectorKeysService {
  private readonly system = systemContext('connector-keys');
  private cached: Promise<SigningKey> | undefined;

  constructor(@Inject(EntityStore) private readonly store: EntityStore) {}

  /** The JWK set (as JSON text, which is what pycti 7 expects in `jwks`). */
  async jwks(): Promise<string> {
    const key = await this.key();
    return JSON.stringify({ keys: [{ ...key.publicJwk, kid: key.kid, alg: ALG, use: 'sig' }] });
  }

  /** A JWT for one callback to a connector (`connectorJWT`, HTTP listen mode of pycti 7). */
  async connectorJwt(): Promise<string> {
    const key = await this.key();
    const privateKey = (await importJWK(key.privateJwk, ALG)) as KeyLike;
    return new SignJWT({})
      .setProtectedHeader({ alg: ALG, kid: key.kid, typ: 'JWT' })
      .setIssuer(ISSUER)
      .setSubject(SUBJECT)
      .setIssuedAt()
      .setExpirationTime(LIFETIME)
      .sign(privateKey);
  }

  private key(): Promise<SigningKey> {
    this.cached ??= this.loadOrCreate().catch((error: unknown) => {
      this.cached = undefined;
      throw error;
    });
    return this.cached;
  }

  private async loadOrCreate(): Promise<SigningKey> {
    const fresh = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
    const candidate: SigningKey = {
      kid: randomUUID(),
      privateJwk: await exportJWK(fresh.privateKey),
      publicJwk: await exportJWK(fresh.publicKey),
    };
    // Replicas racing here: the first commit wins, the others read its key.
    const settings = await updateElement(
      this.store,
      this.system,
      SETTINGS_INTERNAL_ID,
      (el, now) =>
        el.attributes[KEY_ATTRIBUTE]
          ? undefined
          : { ...el, attributes: { ...el.attributes, [KEY_ATTRIBUTE]: candidate }, updatedAt: now },
    );
    const stored = settings?.attributes[KEY_ATTRIBUTE] as SigningKey | undefined;
    if (!stored) {
      throw new AppError({
        code: 'SETTINGS_MISSING',
        category: 'unavailable',
        message: 'The platform settings do not exist yet (the bootstrap has not run)',
      });
    }
    return stored;
  }
}
