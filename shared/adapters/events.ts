import { randomUUID } from 'node:crypto';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EVENT_SOURCE, consumersOf, type DomainEvent, type EventEnvelope } from '../domain/events';
import type { EventBus } from '../ports';
import { FileQueue } from './file-queue';

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

/** Local bus: writes each event into the queue of every consumer subscribed to it (the rules of the CDK stack). */
export function fileQueueBus(root: string): EventBus {
  const queues = new Map<string, FileQueue>();
  const queue = (name: string) => {
    if (!queues.has(name)) queues.set(name, new FileQueue(root, name));
    return queues.get(name)!;
  };
  return {
    async publish(events) {
      for (const event of events) {
        const body = JSON.stringify(envelope(event));
        for (const consumer of consumersOf(event.type)) await queue(consumer).send(body);
      }
    },
  };
}
