// S3 ObjectCreated notifications (through the parse queue) → receiveDraft.
import { receiveDraft } from '../../shared/flow/receive';
import { queueConsumer } from '../../shared/lambda/queue';

interface S3Notification {
  Event?: string;
  Records?: {
    eventName?: string;
    eventTime?: string;
    s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string; versionId?: string; sequencer?: string } };
  }[];
}

export const handler = queueConsumer('parse', async (deps, record) => {
  const notification = JSON.parse(record.body) as S3Notification;
  // S3 sends a test message when the notification is configured.
  if (notification.Event === 's3:TestEvent') return;
  for (const r of notification.Records ?? []) {
    if (!r.eventName?.startsWith('ObjectCreated')) continue;
    await receiveDraft(deps, {
      bucket: r.s3.bucket.name,
      encodedKey: r.s3.object.key,
      size: r.s3.object.size ?? 0,
      eTag: r.s3.object.eTag ?? '',
      versionId: r.s3.object.versionId,
      sequencer: r.s3.object.sequencer,
      eventTime: r.eventTime,
    });
  }
});
