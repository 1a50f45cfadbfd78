import { randomUUID } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { generate } from 'selfsigned';
import { SignedXml } from 'xml-crypto';

/** A signing key pair of the test identity provider: a self-signed certificate and its key. */
export type SamlTestKey = { cert: string; privateKey: string };

export async function samlTestKey(commonName: string): Promise<SamlTestKey> {
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    algorithm: 'sha256',
  });
  return { cert: pems.cert, privateKey: pems.private };
}

/** The ID of the AuthnRequest a HTTP-Redirect binding URL carries (deflated, base64). */
export function authnRequestId(redirectUrl: string): string {
  const encoded = new URL(redirectUrl).searchParams.get('SAMLRequest') ?? '';
  const xml = inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');
  const id = /\sID="([^"]+)"/.exec(xml)?.[1];
  if (!id) throw new Error(`No ID in the AuthnRequest: ${xml}`);
  return id;
}

export type SamlAssertionInput = {
  idpIssuer: string;
  /** The AuthnRequest answered (absent: an unsolicited response). */
  inResponseTo?: string;
  destination: string;
  audience: string;
  nameId: string;
  attributes: Record<string, string[]>;
  /** Validity window around now, in seconds (default -60 … +300). */
  notBefore?: number;
  notOnOrAfter?: number;
  /** The bearer confirmation's end, in seconds from now (default: `notOnOrAfter`). */
  confirmationNotOnOrAfter?: number;
  /** Signs the assertion with this key (absent: unsigned). */
  signWith?: SamlTestKey;
};

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const at = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

/** A SAML 2.0 Response whose assertion says who signed in, signed as an IdP signs it. */
export function samlResponse(input: SamlAssertionInput): string {
  const replyTo = input.inResponseTo ? ` InResponseTo="${escape(input.inResponseTo)}"` : '';
  const notBefore = at(input.notBefore ?? -60);
  const notOnOrAfter = at(input.notOnOrAfter ?? 300);
  const confirmationEnd = at(input.confirmationNotOnOrAfter ?? input.notOnOrAfter ?? 300);
  const attributes = Object.entries(input.attributes)
    .map(
      ([name, values]) =>
        `<saml:Attribute Name="${escape(name)}">${values
          .map((v) => `<saml:AttributeValue>${escape(v)}</saml:AttributeValue>`)
          .join('')}</saml:Attribute>`,
    )
    .join('');
  const assertion =
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a${randomUUID()}" Version="2.0" IssueInstant="${at(0)}">` +
    `<saml:Issuer>${escape(input.idpIssuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${escape(input.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml:SubjectConfirmationData${replyTo} NotOnOrAfter="${confirmationEnd}" Recipient="${escape(input.destination)}"/>` +
    `</saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}">` +
    `<saml:AudienceRestriction><saml:Audience>${escape(input.audience)}</saml:Audience></saml:AudienceRestriction>` +
    `</saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${at(0)}" SessionIndex="_s${randomUUID()}"><saml:AuthnContext>` +
    `<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef>` +
    `</saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` +
    `</saml:Assertion>`;
  const response =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomUUID()}" Version="2.0" IssueInstant="${at(0)}" Destination="${escape(input.destination)}"${replyTo}>` +
    `<saml:Issuer>${escape(input.idpIssuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `${assertion}</samlp:Response>`;
  return input.signWith ? signAssertion(response, input.signWith) : response;
}

/** Signs the Assertion element (enveloped, exclusive c14n, RSA-SHA256), the signature after its Issuer. */
function signAssertion(xml: string, key: SamlTestKey): string {
  const assertion = "//*[local-name(.)='Assertion']";
  const signer = new SignedXml({
    privateKey: key.privateKey,
    publicCert: key.cert,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  signer.addReference({
    xpath: assertion,
    transforms: [
      'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
      'http://www.w3.org/2001/10/xml-exc-c14n#',
    ],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  signer.computeSignature(xml, {
    location: { reference: `${assertion}/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return signer.getSignedXml();
}
