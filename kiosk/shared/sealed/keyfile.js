// A trustee's key file (docs/sealed-ballots.md §6): the secret share s_ℓ encrypted under a
// passphrase with PBKDF2-HMAC-SHA256 and AES-256-GCM, by WebCrypto, in the trustee's browser.
// The server never sees the passphrase or the share.

import { fromHex, isLowerHex, toHex, utf8 } from '../verifier/bytes.js';
import { Point, baseMultiply, scalarFromBytes, scalarToBytes } from './ristretto.js';
import { encodeItems, item } from './transcript.js';

/** The format's name. */
export const FORMAT = 'ballotbox-trustee-key/1';
/** The fewest PBKDF2 iterations a key file may ask for (§6). */
export const MIN_ITERATIONS = 600000;
/** The fewest characters (after NFC) a new key file's passphrase may have (§6). */
export const MIN_PASSPHRASE_CHARS = 12;

const subtle = globalThis.crypto?.subtle;

const MEMBERS = ['format', 'congress', 'trustee', 'n', 't', 'joint_key', 'public_share', 'kdf', 'nonce', 'box'];
const KDF_MEMBERS = ['name', 'iterations', 'salt'];

/** Whether `object` has exactly the members `names` (§6: none missing, none unknown). */
function sameMembers(object, names) {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return false;
  const keys = Object.keys(object);
  return keys.length === names.length && names.every((name) => Object.hasOwn(object, name));
}

async function passphraseKey(passphrase, salt, iterations) {
  if (!subtle) throw new Error('a key file needs WebCrypto (a secure context)');
  const secret = utf8(passphrase.normalize('NFC'));
  const material = await subtle.importKey('raw', secret, 'PBKDF2', false, ['deriveBits']);
  secret.fill(0);
  const bits = new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256));
  const key = await subtle.importKey('raw', bits, 'AES-GCM', false, ['encrypt', 'decrypt']);
  bits.fill(0);
  return key;
}

function associatedData(file) {
  return encodeItems([
    item.text(file.congress),
    item.integer(file.trustee),
    item.integer(file.n),
    item.integer(file.t),
    item.point(Point.fromHex(file.joint_key)),
    item.point(Point.fromHex(file.public_share)),
  ]);
}

/**
 * The key file of trustee `trustee` holding `secret` (s_ℓ), under `passphrase`: the JSON object
 * of §6. Draws a 16-byte salt then a 12-byte nonce from `rng`. Throws when s_ℓ·G ≠ P_ℓ.
 */
export async function writeKeyFile({ congress, trustee, n, t, jointKey, publicShare, secret }, passphrase, rng, { iterations = MIN_ITERATIONS } = {}) {
  if (iterations < MIN_ITERATIONS) throw new Error(`a key file asks for at least ${MIN_ITERATIONS} iterations`);
  if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_CHARS) throw new Error(`a passphrase needs at least ${MIN_PASSPHRASE_CHARS} characters`);
  if (!baseMultiply(secret).equals(publicShare)) throw new Error('the secret share does not match the public share');
  const salt = await rng.bytes(16);
  const nonce = await rng.bytes(12);
  const file = {
    format: FORMAT,
    congress,
    trustee,
    n,
    t,
    joint_key: jointKey.toHex(),
    public_share: publicShare.toHex(),
    kdf: { name: 'PBKDF2-HMAC-SHA256', iterations, salt: toHex(salt) },
    nonce: toHex(nonce),
    box: '',
  };
  const key = await passphraseKey(passphrase, salt, iterations);
  const plaintext = scalarToBytes(secret);
  const box = await subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: associatedData(file), tagLength: 128 }, key, plaintext);
  plaintext.fill(0);
  file.box = toHex(new Uint8Array(box));
  return file;
}

/**
 * Opens a key file with `passphrase`: `{ congress, trustee, n, t, jointKey, publicShare, secret }`.
 * Throws 'wrong passphrase…' when the tag fails, and on a malformed file or a share that does
 * not match its public share.
 */
export async function openKeyFile(file, passphrase) {
  if (file === null || typeof file !== 'object' || file.format !== FORMAT) throw new Error(`not a ${FORMAT} file`);
  if (!sameMembers(file, MEMBERS) || !sameMembers(file.kdf, KDF_MEMBERS)) throw new Error('the key file has members missing or unknown');
  const { congress, trustee, n, t, kdf } = file;
  if (typeof congress !== 'string' || ![trustee, n, t].every(Number.isInteger) || !(trustee >= 1 && trustee <= n && t >= 1 && t <= n)) {
    throw new Error('the key file names no congress, trustee, n and t');
  }
  if (kdf?.name !== 'PBKDF2-HMAC-SHA256' || !Number.isInteger(kdf.iterations) || !isLowerHex(kdf.salt, 32)) throw new Error('the key file has no PBKDF2 parameters');
  if (kdf.iterations < MIN_ITERATIONS) throw new Error(`the key file asks for fewer than ${MIN_ITERATIONS} iterations`);
  if (!isLowerHex(file.nonce, 24) || !isLowerHex(file.box, 96)) throw new Error('the key file has no nonce or box');
  const jointKey = Point.fromHex(file.joint_key);
  const publicShare = Point.fromHex(file.public_share);
  const key = await passphraseKey(passphrase, fromHex(kdf.salt), kdf.iterations);
  let plaintext;
  try {
    plaintext = new Uint8Array(
      await subtle.decrypt({ name: 'AES-GCM', iv: fromHex(file.nonce), additionalData: associatedData(file), tagLength: 128 }, key, fromHex(file.box)),
    );
  } catch {
    throw new Error('wrong passphrase (or the file was altered)');
  }
  const secret = scalarFromBytes(plaintext);
  plaintext.fill(0);
  if (!baseMultiply(secret).equals(publicShare)) throw new Error('the secret share does not match the public share');
  return { congress, trustee, n, t, jointKey, publicShare, secret };
}
