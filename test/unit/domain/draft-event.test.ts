// The one reader of the parse queue's messages: what it accepts, what it
// skips, and the protocol id it derives (which must never change: stored
// protocols are found by it when S3 delivers a notification again).
import { describe, expect, it } from 'vitest';
import { decodeS3Key, draftMessage, encodeS3Key, parseDraftMessage, protocolIdOfDraft } from '../../../shared/domain/draft-event';
import { protocolOfMessage } from '../../../shared/domain/queue-message';

const upload = { bucket: 'justera-local', encodedKey: encodeS3Key('drafts/ks/protokoll å+b.pdf'), size: 1234, eTag: 'abc123', sequencer: '0064', eventTime: '2025-02-19T17:56:00.000Z' };

/** As S3 itself writes it: more fields than Justera reads, an IPv6 uploader, a version id. */
const fromS3 = JSON.stringify({
  Records: [
    {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'eu-north-1',
      eventTime: '2025-02-19T17:56:00.123Z',
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: 'AWS:AIDAEXAMPLE' },
      requestParameters: { sourceIPAddress: '2001:db8::1' },
      responseElements: { 'x-amz-request-id': 'R', 'x-amz-id-2': 'I' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'drafts',
        bucket: { name: 'justera-prod', ownerIdentity: { principalId: 'O' }, arn: 'arn:aws:s3:::justera-prod' },
        object: { key: 'drafts/ks/protokoll+2025.pdf', size: 99, eTag: 'e', versionId: 'v1', sequencer: '00A' },
      },
    },
  ],
});

describe('the draft event', () => {
  it('reads what the local bridge writes back into the same upload, key decoded once', () => {
    const [draft, ...more] = parseDraftMessage(draftMessage(upload));
    expect(more).toEqual([]);
    expect(draft).toEqual({ ...upload, versionId: undefined });
    expect(decodeS3Key(draft!.encodedKey)).toBe('drafts/ks/protokoll å+b.pdf');
  });

  it('reads the notification S3 writes, whatever else it carries', () => {
    expect(parseDraftMessage(fromS3)).toEqual([
      { bucket: 'justera-prod', encodedKey: 'drafts/ks/protokoll+2025.pdf', size: 99, eTag: 'e', versionId: 'v1', sequencer: '00A', eventTime: '2025-02-19T17:56:00.123Z' },
    ]);
  });

  it('skips S3\'s test message and removals, and refuses what is not a notification', () => {
    expect(parseDraftMessage(JSON.stringify({ Event: 's3:TestEvent', Service: 'Amazon S3' }))).toEqual([]);
    const removed = JSON.parse(draftMessage(upload)) as { Records: { eventName: string }[] };
    removed.Records[0]!.eventName = 'ObjectRemoved:Delete';
    expect(parseDraftMessage(JSON.stringify(removed))).toEqual([]);
    expect(() => parseDraftMessage(JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: {} } }] }))).toThrow();
    expect(() => parseDraftMessage('not json')).toThrow();
  });

  it('derives the protocol id from the version, or else from content and order — the same ids as ever', () => {
    const [draft] = parseDraftMessage(draftMessage(upload));
    expect(protocolIdOfDraft(draft!)).toBe('r7k7tvrg4d8h3j9w0yze');
    expect(protocolIdOfDraft({ ...draft!, encodedKey: 'drafts/ks/protokoll.pdf', versionId: 'v1' })).toBe('8dswpqm2mzd7a2ds19ym');
    expect(protocolIdOfDraft({ ...draft!, sequencer: '0065' })).not.toBe('r7k7tvrg4d8h3j9w0yze');
  });

  it('tells which protocol any queued message is about', () => {
    expect(protocolOfMessage(draftMessage(upload))).toBe('r7k7tvrg4d8h3j9w0yze');
    const event = { version: '0', id: 'x', 'detail-type': 'ProtocolSealed', source: 'justera', time: upload.eventTime, detail: { protocolId: 'abc' } };
    expect(protocolOfMessage(JSON.stringify(event))).toBe('abc');
    expect(protocolOfMessage('{}')).toBeNull();
    expect(protocolOfMessage('garbage')).toBeNull();
  });
});
