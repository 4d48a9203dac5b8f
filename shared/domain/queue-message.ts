// What a queued message is about, for the logs and the dead-letter record:
// the parse queue carries S3 notifications, every other queue domain events.
import { S3Notification, draftsOf, protocolIdOfDraft } from './draft-event';
import { protocolIdOf } from './events';

/** The protocol a queued message is about, if it can be told from the message. */
export function protocolOfMessage(body: string): string | null {
  try {
    const json: unknown = JSON.parse(body);
    const notification = S3Notification.safeParse(json);
    const draft = notification.success ? draftsOf(notification.data)[0] : undefined;
    return draft ? protocolIdOfDraft(draft) : protocolIdOf(body);
  } catch {
    return null;
  }
}
