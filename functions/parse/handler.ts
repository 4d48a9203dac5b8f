// S3 ObjectCreated notifications (through the parse queue) → receiveDraft.
import { parseDraftMessage } from '../../shared/domain/draft-event';
import { receiveDraft } from '../../shared/flow/parse';
import { queueConsumer } from '../../shared/lambda/queue';

export const handler = queueConsumer('parse', async (deps, record) => {
  for (const draft of parseDraftMessage(record.body)) await receiveDraft(deps, draft);
});
