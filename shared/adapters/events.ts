// Domain events on AWS: EventBridge, delivered by rules to one SQS queue per
// consumer. The local runtime writes the same envelope (infra/local/file-queue.ts).
import { randomUUID } from 'node:crypto';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EVENT_SOURCE, type DomainEvent, type EventEnvelope } from '../domain/events';
import type { EventBus } from '../ports';

export function eventBridgeBus(client: EventBridgeClient, busName: string): EventBus {
  return {
    async publish(events) {
      if (!events.length) return;
      const out = await client.send(
        new PutEventsCommand({
          Entries: events.map((e) => ({ EventBusName: busName, Source: EVENT_SOURCE, DetailType: e.type, Detail: JSON.stringify(e.detail) })),
        }),
      );
      if (out.FailedEntryCount) throw new Error(`EventBridge refused ${out.FailedEntryCount} event(s): ${out.Entries?.find((e) => e.ErrorCode)?.ErrorMessage}`);
    },
  };
}

/** The envelope EventBridge would deliver, so consumers read the same message body locally. */
export function envelope(event: DomainEvent, now = new Date()): EventEnvelope {
  return { version: '0', id: randomUUID(), 'detail-type': event.type, source: EVENT_SOURCE, time: now.toISOString(), detail: event.detail };
}
