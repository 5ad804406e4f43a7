// An inspector's own Ed25519 key and countersignature (docs/record-format.md §§4, 6.7): made in
// the browser with WebCrypto, exported for the inspector to keep (JWK or PKCS#8), imported again
// from such a file; the signature is of `ballotbox/v1/countersignature || 0x00 ||
// JCS({"congress", "result_hash"})`. Nothing here stores anything.
//
// Where WebCrypto has no Ed25519 (an old browser, or a page that is not a secure context) the
// key is a random 32-byte seed signed with the plain-JS arithmetic of ed25519.js instead.

import { fromHex, toHex } from './bytes.js';
import { hasWebCryptoEd25519, publicKeyOfSeed, signWithSeed } from './ed25519.js';
import { signedMessage } from './verify.js';

const PKCS8_PREFIX = fromHex('302e020100300506032b657004220420');

function base64url(bytes) {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64(text) {
  const clean = text.replace(/-/g, '+').replace(/_/g, '/').replace(/\s+/g, '');
  const padded = clean + '='.repeat((4 - (clean.length % 4)) % 4);
  const raw = atob(padded);
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/** A key the inspector holds: { publicKey (hex), sign(bytes) → bytes, jwk(), pem() }. */
class InspectorKey {
  constructor({ publicKey, privateKey, seed }) {
    this.publicKey = publicKey;
    this.privateKey = privateKey; // a CryptoKey, or null
    this.seed = seed; // bytes, or null
  }

  async sign(message) {
    if (this.privateKey) {
      return new Uint8Array(await globalThis.crypto.subtle.sign({ name: 'Ed25519' }, this.privateKey, message));
    }
    return signWithSeed(this.seed, message);
  }

  /** The private key as a JWK (RFC 8037), for the inspector to keep. */
  async jwk() {
    if (this.privateKey) {
      const jwk = await globalThis.crypto.subtle.exportKey('jwk', this.privateKey);
      return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, d: jwk.d };
    }
    return { kty: 'OKP', crv: 'Ed25519', x: base64url(fromHex(this.publicKey)), d: base64url(this.seed) };
  }

  /** The private key as a PKCS#8 PEM file. */
  async pem() {
    let der;
    if (this.privateKey) der = new Uint8Array(await globalThis.crypto.subtle.exportKey('pkcs8', this.privateKey));
    else {
      der = new Uint8Array(48);
      der.set(PKCS8_PREFIX);
      der.set(this.seed, 16);
    }
    const body = base64url(der).replace(/-/g, '+').replace(/_/g, '/');
    const padded = body + '='.repeat((4 - (body.length % 4)) % 4);
    return `-----BEGIN PRIVATE KEY-----\n${padded.match(/.{1,64}/g).join('\n')}\n-----END PRIVATE KEY-----\n`;
  }
}

async function fromSeed(seed) {
  if (await hasWebCryptoEd25519()) {
    const der = new Uint8Array(48);
    der.set(PKCS8_PREFIX);
    der.set(seed, 16);
    return fromPkcs8(der);
  }
  return new InspectorKey({ publicKey: toHex(await publicKeyOfSeed(seed)), privateKey: null, seed });
}

async function fromPkcs8(der) {
  if (!(await hasWebCryptoEd25519())) {
    if (der.length !== 48 || toHex(der.subarray(0, 16)) !== toHex(PKCS8_PREFIX)) throw new Error('not an Ed25519 PKCS#8 key');
    return fromSeed(der.slice(16));
  }
  const subtle = globalThis.crypto.subtle;
  const privateKey = await subtle.importKey('pkcs8', der, { name: 'Ed25519' }, true, ['sign']);
  const jwk = await subtle.exportKey('jwk', privateKey);
  return new InspectorKey({ publicKey: toHex(fromBase64(jwk.x)), privateKey, seed: null });
}

/** A new key, made here. */
export async function generateKey() {
  if (await hasWebCryptoEd25519()) {
    const subtle = globalThis.crypto.subtle;
    const pair = await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
    const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
    return new InspectorKey({ publicKey: toHex(raw), privateKey: pair.privateKey, seed: null });
  }
  const seed = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return fromSeed(seed);
}

/** A key from a file the inspector kept: a JWK (JSON) or a PKCS#8 PEM; throws if it is neither. */
export async function importKeyFile(text) {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN PRIVATE KEY-----')) {
    const body = trimmed.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, '');
    return fromPkcs8(fromBase64(body));
  }
  const jwk = JSON.parse(trimmed);
  if (!jwk || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string') {
    throw new Error('not an Ed25519 private JWK');
  }
  const seed = fromBase64(jwk.d);
  if (seed.length !== 32) throw new Error('not an Ed25519 private JWK');
  const key = await fromSeed(seed);
  if (typeof jwk.x === 'string' && toHex(fromBase64(jwk.x)) !== key.publicKey) {
    throw new Error('the JWK\'s public key does not belong to its private key');
  }
  return key;
}

/**
 * The countersignature of `resultHash` for `congress` with `key`: the body of
 * POST /api/v1/congresses/{id}/countersignatures, { public_key, signature } in hex.
 */
export async function countersign(key, congress, resultHash) {
  const message = signedMessage('countersignature', { congress, result_hash: resultHash });
  return { public_key: key.publicKey, signature: toHex(await key.sign(message)) };
}
