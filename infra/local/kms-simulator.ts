// AWS KMS on loopback, for tests and one machine: the JSON 1.1 protocol the
// SDK's KMSClient speaks (POST /, X-Amz-Target: TrentService.<Operation>),
// with the operations Justera calls — GetPublicKey, Sign (RAW or DIGEST),
// GenerateMac, GenerateDataKey and Decrypt — their shapes, their validation and their error types, over
// keys the caller provides. The production adapters (shared/adapters/
// kms-signer.ts, bankid-kms-hasher.ts) talk to it through the real client
// pointed at its endpoint, and do not know it is not KMS.
import { constants, createCipheriv, createDecipheriv, createHash, createHmac, createPublicKey, privateEncrypt, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signDigestEcdsa } from './kms-ecdsa';

export type SimulatedKey =
  | { keySpec: 'RSA_2048' | 'RSA_3072' | 'RSA_4096' | 'ECC_NIST_P256' | 'ECC_NIST_P384'; privateKey: KeyObject }
  | { keySpec: 'HMAC_256'; secret: Uint8Array }
  | { keySpec: 'SYMMETRIC_DEFAULT'; secret: Uint8Array };

export interface KmsSimulator {
  endpoint: string;
  /** Every call as received: operation and input (blobs as base64, as on the wire). */
  calls: { operation: string; input: Record<string, unknown> }[];
  close(): Promise<void>;
}

const ACCOUNT = '111122223333';
const HASH = { SHA_256: ['sha256', 32], SHA_384: ['sha384', 48], SHA_512: ['sha512', 64] } as const;
/** DER DigestInfo prefixes for RSASSA-PKCS1-v1_5 (RFC 8017, 9.2 note 1). */
const DIGEST_INFO = {
  SHA_256: '3031300d060960864801650304020105000420',
  SHA_384: '3041300d060960864801650304020205000430',
  SHA_512: '3051300d060960864801650304020305000440',
} as const;

class KmsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function algorithmsOf(keySpec: SimulatedKey['keySpec']): string[] {
  if (keySpec.startsWith('RSA_')) return ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512'];
  if (keySpec === 'ECC_NIST_P256') return ['ECDSA_SHA_256'];
  if (keySpec === 'ECC_NIST_P384') return ['ECDSA_SHA_384'];
  return [];
}

export async function startKmsSimulator(keys: Record<string, SimulatedKey>, region = 'eu-north-1'): Promise<KmsSimulator> {
  // Every alias gets a key id and an ARN, and answers to all three, as KMS keys do.
  const byName = new Map<string, { arn: string; key: SimulatedKey }>();
  for (const [alias, key] of Object.entries(keys)) {
    const id = randomUUID();
    const entry = { arn: `arn:aws:kms:${region}:${ACCOUNT}:key/${id}`, key };
    for (const name of [alias, id, entry.arn, `arn:aws:kms:${region}:${ACCOUNT}:${alias}`]) byName.set(name, entry);
  }
  const calls: KmsSimulator['calls'] = [];
  const find = (keyId: unknown) => {
    const entry = typeof keyId === 'string' ? byName.get(keyId) : undefined;
    if (!entry) throw new KmsError('NotFoundException', `Key '${String(keyId)}' does not exist`);
    return entry;
  };
  const operations: Record<string, (input: Record<string, unknown>) => Record<string, unknown>> = {
    GetPublicKey: (input) => getPublicKey(find(input.KeyId)),
    Sign: (input) => sign(find(input.KeyId), input),
    GenerateMac: (input) => generateMac(find(input.KeyId), input),
    GenerateDataKey: (input) => generateDataKey(find(input.KeyId), input),
    // KMS finds the key from the ciphertext; a KeyId given must be that key.
    Decrypt: (input) => decrypt(input, (arn) => [...byName.values()].find((e) => e.arn === arn)),
  };

  const server = createServer((request, response) => {
    void handle(request, response, operations, calls);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  operations: Record<string, (input: Record<string, unknown>) => Record<string, unknown>>,
  calls: KmsSimulator['calls'],
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const answer = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() });
    response.end(JSON.stringify(body));
  };
  try {
    const target = String(request.headers['x-amz-target'] ?? '');
    if (request.method !== 'POST' || !target.startsWith('TrentService.')) throw new KmsError('UnknownOperationException', 'Unknown operation');
    if (!String(request.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 '))
      throw new KmsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
    const operation = target.slice('TrentService.'.length);
    const run = operations[operation];
    if (!run) throw new KmsError('UnknownOperationException', `Unknown operation ${operation}`);
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      throw new KmsError('SerializationException', 'Start of structure or map found where not expected');
    }
    calls.push({ operation, input });
    answer(200, run(input));
  } catch (error) {
    if (error instanceof KmsError) answer(400, { __type: error.type, message: error.message });
    else answer(500, { __type: 'KMSInternalException', message: (error as Error).message });
  }
}

function getPublicKey({ arn, key }: { arn: string; key: SimulatedKey }): Record<string, unknown> {
  if (key.keySpec === 'SYMMETRIC_DEFAULT') throw new KmsError('UnsupportedOperationException', `${arn} key usage is ENCRYPT_DECRYPT which is not valid for GetPublicKey.`);
  if (key.keySpec === 'HMAC_256') throw new KmsError('UnsupportedOperationException', `${arn} key usage is GENERATE_VERIFY_MAC which is not valid for GetPublicKey.`);
  return {
    KeyId: arn,
    KeySpec: key.keySpec,
    KeyUsage: 'SIGN_VERIFY',
    PublicKey: createPublicKey(key.privateKey).export({ format: 'der', type: 'spki' }).toString('base64'),
    SigningAlgorithms: algorithmsOf(key.keySpec),
  };
}

function sign({ arn, key }: { arn: string; key: SimulatedKey }, input: Record<string, unknown>): Record<string, unknown> {
  if (key.keySpec === 'HMAC_256' || key.keySpec === 'SYMMETRIC_DEFAULT') throw new KmsError('InvalidKeyUsageException', `${arn} key usage is GENERATE_VERIFY_MAC which is not valid for Sign.`);
  const algorithm = String(input.SigningAlgorithm ?? '');
  if (!algorithmsOf(key.keySpec).includes(algorithm))
    throw new KmsError('InvalidKeyUsageException', `Algorithm ${algorithm} is incompatible with key spec ${key.keySpec}.`);
  const message = Buffer.from(String(input.Message ?? ''), 'base64');
  if (message.length < 1 || message.length > 4096) throw new KmsError('ValidationException', 'Message must be between 1 and 4096 bytes long');
  const hashName = algorithm.slice(algorithm.indexOf('SHA_')) as keyof typeof HASH;
  const [nodeHash, size] = HASH[hashName];
  const type = input.MessageType ?? 'RAW';
  if (type !== 'RAW' && type !== 'DIGEST') throw new KmsError('ValidationException', `MessageType ${String(type)} is not RAW or DIGEST`);
  if (type === 'DIGEST' && message.length !== size) throw new KmsError('ValidationException', `Digest is invalid length for algorithm ${algorithm}.`);
  const digest = type === 'DIGEST' ? message : createHash(nodeHash).update(message).digest();
  const signature = algorithm.startsWith('RSASSA_PKCS1')
    ? privateEncrypt({ key: key.privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([Buffer.from(DIGEST_INFO[hashName], 'hex'), digest]))
    : Buffer.from(signDigestEcdsa(key.privateKey, key.keySpec === 'ECC_NIST_P256' ? 'P-256' : 'P-384', digest));
  return { KeyId: arn, Signature: signature.toString('base64'), SigningAlgorithm: algorithm };
}

function generateMac({ arn, key }: { arn: string; key: SimulatedKey }, input: Record<string, unknown>): Record<string, unknown> {
  if (key.keySpec !== 'HMAC_256') throw new KmsError('InvalidKeyUsageException', `${arn} key usage is SIGN_VERIFY which is not valid for GenerateMac.`);
  if (input.MacAlgorithm !== 'HMAC_SHA_256') throw new KmsError('InvalidKeyUsageException', `Algorithm ${String(input.MacAlgorithm)} is incompatible with key spec HMAC_256.`);
  const message = Buffer.from(String(input.Message ?? ''), 'base64');
  if (message.length < 1 || message.length > 4096) throw new KmsError('ValidationException', 'Message must be between 1 and 4096 bytes long');
  return { KeyId: arn, Mac: createHmac('sha256', key.secret).update(message).digest('base64'), MacAlgorithm: 'HMAC_SHA_256' };
}

/** The encryption context as AAD: its pairs sorted, so the same context in another order still matches (as in KMS). */
function contextAad(input: Record<string, unknown>): Buffer {
  const context = (input.EncryptionContext ?? {}) as Record<string, string>;
  return Buffer.from(JSON.stringify(Object.entries(context).sort(([a], [b]) => (a < b ? -1 : 1))), 'utf8');
}

/** A ciphertext blob of this simulator: the key ARN, then AES-256-GCM (IV, tag, body) under the key, with the context as AAD. */
function generateDataKey({ arn, key }: { arn: string; key: SimulatedKey }, input: Record<string, unknown>): Record<string, unknown> {
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') throw new KmsError('InvalidKeyUsageException', `${arn} key usage is not ENCRYPT_DECRYPT, which GenerateDataKey needs.`);
  const bytes = input.KeySpec === 'AES_256' ? 32 : input.KeySpec === 'AES_128' ? 16 : Number(input.NumberOfBytes ?? 0);
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > 1024) throw new KmsError('ValidationException', 'Please specify either number of bytes or key spec.');
  const plaintext = randomBytes(bytes);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.secret, iv);
  cipher.setAAD(contextAad(input));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const arnBytes = Buffer.from(arn, 'utf8');
  const blob = Buffer.concat([Buffer.from([arnBytes.length]), arnBytes, iv, cipher.getAuthTag(), body]);
  return { KeyId: arn, Plaintext: plaintext.toString('base64'), CiphertextBlob: blob.toString('base64') };
}

function decrypt(input: Record<string, unknown>, byArn: (arn: string) => { arn: string; key: SimulatedKey } | undefined): Record<string, unknown> {
  const blob = Buffer.from(String(input.CiphertextBlob ?? ''), 'base64');
  const invalid = () => new KmsError('InvalidCiphertextException', '');
  if (blob.length < 1 + 28) throw invalid();
  const arn = blob.subarray(1, 1 + blob[0]!).toString('utf8');
  const entry = byArn(arn);
  if (!entry || entry.key.keySpec !== 'SYMMETRIC_DEFAULT') throw invalid();
  if (input.KeyId !== undefined && input.KeyId !== arn && !arn.endsWith(`/${String(input.KeyId)}`))
    throw new KmsError('IncorrectKeyException', 'The key ID in the request does not identify a CMK that can perform this operation.');
  const rest = blob.subarray(1 + blob[0]!);
  const decipher = createDecipheriv('aes-256-gcm', entry.key.secret, rest.subarray(0, 12));
  decipher.setAAD(contextAad(input));
  decipher.setAuthTag(rest.subarray(12, 28));
  try {
    const plaintext = Buffer.concat([decipher.update(rest.subarray(28)), decipher.final()]);
    return { KeyId: arn, Plaintext: plaintext.toString('base64'), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
  } catch {
    throw invalid();
  }
}
