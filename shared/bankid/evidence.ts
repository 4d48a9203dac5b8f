// BankID's completionData is the evidence behind a BankID signature (the XML
// signature, the OCSP response, the user's name and personnummer, the device
// IP): kept, but never readable from the table alone. Envelope encryption: a
// fresh 256-bit data key per signature encrypts it with AES-256-GCM; the data
// key is kept only wrapped by a key the table never sees (KMS on AWS, a key
// file on one machine). The protocol and signer are bound in as associated
// data (and as the KMS encryption context), so a record copied onto another
// signature does not open.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import * as z from 'zod';
import { CompletionData } from './schemas';

/** Whose evidence it is: bound to the ciphertext and to the wrapped key. */
export interface EvidenceContext {
  protocolId: string;
  signerId: string;
}

/** The key that wraps data keys (KMS GenerateDataKey/Decrypt on AWS, a local key file on one machine). */
export interface DataKeys {
  generate(context: EvidenceContext): Promise<{ plaintext: Uint8Array; wrapped: Uint8Array; keyId: string }>;
  unwrap(wrapped: Uint8Array, keyId: string, context: EvidenceContext): Promise<Uint8Array>;
}

/** What is kept of one BankID signature: BankID's answer and what the order asked to be signed. */
export const Evidence = z.object({
  completionData: CompletionData,
  /** The simpleMarkdownV1 text the app showed. */
  visibleText: z.string(),
  /** The draft's SHA-256 (hex), signed unseen. */
  pdfSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Evidence = z.infer<typeof Evidence>;

/** One sealed evidence record as stored: nothing in it is readable without the wrapping key. */
export interface SealedEvidence extends EvidenceContext {
  /** SHA-256 (hex) of the signature XML: the value the audit page prints, to find the record by. */
  signatureSha256: string;
  keyId: string;
  wrappedKey: string;
  iv: string;
  tag: string;
  ciphertext: string;
  at: string;
}

/** The store of sealed evidence (a record per signature in the table). */
export interface EvidenceRecords {
  /** Keeps it once; a second put for the same signer and signature is a no-op. */
  put(record: SealedEvidence): Promise<void>;
  list(protocolId: string): Promise<SealedEvidence[]>;
}

/** Evidence kept for one signer, opened (operators only); a record that does not open says why instead. */
export type OpenedEvidence = EvidenceContext & { signatureSha256: string; at: string } & ({ evidence: Evidence } | { problem: string });

/** What the sign function keeps and the admin function reads. */
export interface EvidenceVault {
  keep(context: EvidenceContext, evidence: Evidence, at: string): Promise<SealedEvidence>;
  open(protocolId: string): Promise<OpenedEvidence[]>;
}

const aad = (c: EvidenceContext) => Buffer.from(`justera-evidence\u0000${c.protocolId}\u0000${c.signerId}`, 'utf8');

/** SHA-256 (hex) of the signature XML in completionData, as the audit page prints it. */
export function signatureSha256(data: CompletionData): string {
  return createHash('sha256').update(Buffer.from(data.signature, 'base64')).digest('hex');
}

export async function sealEvidence(keys: DataKeys, context: EvidenceContext, evidence: Evidence, at: string): Promise<SealedEvidence> {
  const { plaintext, wrapped, keyId } = await keys.generate(context);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', plaintext, iv);
  cipher.setAAD(aad(context));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(evidence), 'utf8'), cipher.final()]);
  plaintext.fill(0);
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return {
    ...context,
    signatureSha256: signatureSha256(evidence.completionData),
    keyId,
    wrappedKey: b64(wrapped),
    iv: b64(iv),
    tag: b64(cipher.getAuthTag()),
    ciphertext: b64(ciphertext),
    at,
  };
}

/** Decrypts and checks the shape; a changed byte anywhere (or another signer's record) fails loudly. */
export async function openEvidence(keys: DataKeys, sealed: SealedEvidence): Promise<Evidence> {
  const context = { protocolId: sealed.protocolId, signerId: sealed.signerId };
  const key = await keys.unwrap(Buffer.from(sealed.wrappedKey, 'base64'), sealed.keyId, context);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(aad(context));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  let text: string;
  try {
    text = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(`the evidence of signer ${sealed.signerId} does not decrypt: changed, or kept for another signature`);
  } finally {
    Buffer.from(key).fill(0);
  }
  return Evidence.parse(JSON.parse(text));
}

export function evidenceVault(keys: DataKeys, records: EvidenceRecords): EvidenceVault {
  return {
    async keep(context, evidence, at) {
      const sealed = await sealEvidence(keys, context, evidence, at);
      await records.put(sealed);
      return sealed;
    },
    async open(protocolId) {
      const sealed = await records.list(protocolId);
      return Promise.all(
        sealed.map(async (s): Promise<OpenedEvidence> => {
          const about = { protocolId: s.protocolId, signerId: s.signerId, signatureSha256: s.signatureSha256, at: s.at };
          try {
            return { ...about, evidence: await openEvidence(keys, s) };
          } catch (error) {
            return { ...about, problem: (error as Error).message };
          }
        }),
      );
    },
  };
}

/** A data key wrapped with AES-256-GCM under a 32-byte key (the local key file; KMS does the same inside its HSMs). */
export function aesDataKeys(wrappingKey: Uint8Array, keyId: string): DataKeys {
  if (wrappingKey.length !== 32) throw new Error('the evidence wrapping key is not 32 bytes');
  const keyAad = (c: EvidenceContext) => Buffer.concat([Buffer.from('data-key\u0000'), aad(c)]);
  return {
    async generate(context) {
      const plaintext = randomBytes(32);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv);
      cipher.setAAD(keyAad(context));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return { plaintext, wrapped: Buffer.concat([iv, cipher.getAuthTag(), body]), keyId };
    },
    async unwrap(wrapped, wantedKeyId, context) {
      if (wantedKeyId !== keyId) throw new Error(`the evidence was wrapped with key ${wantedKeyId}, not ${keyId}`);
      const bytes = Buffer.from(wrapped);
      const decipher = createDecipheriv('aes-256-gcm', wrappingKey, bytes.subarray(0, 12));
      decipher.setAAD(keyAad(context));
      decipher.setAuthTag(bytes.subarray(12, 28));
      try {
        return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
      } catch {
        throw new Error('the evidence data key does not unwrap: changed, or kept for another signature');
      }
    },
  };
}
