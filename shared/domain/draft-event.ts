// The S3 event notification for an upload under drafts/, and the protocol id
// derived from it. One schema for every reader — the parse function, the
// dead-letter function, the generic queue logger and the local bridge, which
// writes the same shape — so the id of an upload is computed in one place.
//
// Only the fields Justera reads are required. The notification S3 sends has
// more (userIdentity, requestParameters with the uploader's IP address, …);
// a schema demanding those would reject a message for a field nobody uses
// (an IPv6 source address, or the local bridge that does not invent them).
import { createHash } from 'node:crypto';
// As a namespace import, as everywhere here: esbuild then keeps only the parts used (the named `z` object would pull in all of zod).
import * as z from 'zod';

export const DRAFTS_PREFIX = 'drafts/';

const S3Record = z.object({
  eventName: z.string(),
  eventTime: z.string().optional(),
  s3: z.object({
    bucket: z.object({ name: z.string() }),
    object: z.object({
      key: z.string(),
      size: z.number().nonnegative().optional(),
      eTag: z.string().optional(),
      versionId: z.string().optional(),
      sequencer: z.string().optional(),
    }),
  }),
});

/** What S3 (or the local bridge) puts on the parse queue. `Event` is set only on S3's test message. */
export const S3Notification = z.object({ Event: z.string().optional(), Records: z.array(S3Record).optional() });
export type S3Notification = z.infer<typeof S3Notification>;

export interface DraftObject {
  bucket: string;
  /** The key as S3 event notifications carry it: URL-encoded, spaces as '+'. */
  encodedKey: string;
  size: number;
  eTag: string;
  versionId?: string;
  sequencer?: string;
  eventTime?: string;
}

export function decodeS3Key(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

/** S3 event notifications carry keys form-encoded: spaces as '+', '/' kept. */
export function encodeS3Key(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, '+'))
    .join('/');
}

/** The created objects a notification announces (none for S3's test message or a removal). */
export function draftsOf(notification: S3Notification): DraftObject[] {
  if (notification.Event === 's3:TestEvent') return [];
  return (notification.Records ?? [])
    .filter((r) => r.eventName.startsWith('ObjectCreated'))
    .map(({ s3: { bucket, object }, eventTime }) => ({
      bucket: bucket.name,
      encodedKey: object.key,
      size: object.size ?? 0,
      eTag: object.eTag ?? '',
      versionId: object.versionId,
      sequencer: object.sequencer,
      eventTime,
    }));
}

/** Parses a parse-queue message body; throws (so the message is retried, then dead-lettered) when it is not one. */
export function parseDraftMessage(body: string): DraftObject[] {
  return draftsOf(S3Notification.parse(JSON.parse(body)));
}

/** The message the parse queue carries for one upload, as S3 writes it (the local bridge sends this). */
export function draftMessage(draft: DraftObject & { eventTime: string }): string {
  const object = { key: draft.encodedKey, size: draft.size, eTag: draft.eTag, sequencer: draft.sequencer, ...(draft.versionId ? { versionId: draft.versionId } : {}) };
  const record = {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'local',
    eventTime: draft.eventTime,
    eventName: 'ObjectCreated:Put',
    s3: { s3SchemaVersion: '1.0', configurationId: 'drafts', bucket: { name: draft.bucket, arn: `arn:aws:s3:::${draft.bucket}` }, object },
  };
  return JSON.stringify({ Records: [record] });
}

/** Stable id from the object version: the same version delivered twice is the same protocol. */
export function protocolIdFor(bucket: string, key: string, identity: string): string {
  const digest = createHash('sha256').update(`${bucket}\n${key}\n${identity}`).digest();
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 20) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** The protocol an upload becomes: its version when the bucket keeps versions, else its content and order. */
export function protocolIdOfDraft(draft: DraftObject): string {
  return protocolIdFor(draft.bucket, decodeS3Key(draft.encodedKey), draft.versionId ?? `${draft.eTag}:${draft.sequencer ?? ''}`);
}
