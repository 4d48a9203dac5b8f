// Domain events between the functions. On AWS they travel as EventBridge
// events (source "justera") to one SQS queue per consumer; on one machine the
// local runtime writes the same envelopes into the same consumers' queues.

export const EVENT_SOURCE = 'justera';

export interface DomainEventDetail {
  ProtocolParsed: { protocolId: string };
  /** Parse stopped it (REJECTED or NEEDS_ATTENTION): the secretary is told by the route function, which may mail. */
  ProtocolStopped: { protocolId: string };
  ProtocolAdjusted: { protocolId: string };
  ProtocolSealed: { protocolId: string };
}
export type DomainEventType = keyof DomainEventDetail;

export interface DomainEvent<T extends DomainEventType = DomainEventType> {
  type: T;
  detail: DomainEventDetail[T];
}

/** The EventBridge envelope as an SQS consumer receives it in the message body. */
export interface EventEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  time: string;
  detail: unknown;
}

/** Which asynchronous consumer hears what: the CDK rules and the local bus both read this table. */
export const SUBSCRIPTIONS = {
  route: ['ProtocolParsed', 'ProtocolStopped'],
  stamp: ['ProtocolAdjusted'],
  publish: ['ProtocolSealed'],
} as const satisfies Record<string, readonly DomainEventType[]>;

export type EventConsumer = keyof typeof SUBSCRIPTIONS;

export function consumersOf(type: string): EventConsumer[] {
  return (Object.keys(SUBSCRIPTIONS) as EventConsumer[]).filter((c) => (SUBSCRIPTIONS[c] as readonly string[]).includes(type));
}

/** The detail-type of an EventBridge envelope delivered through SQS. */
export function eventTypeOf(body: string): string {
  return (JSON.parse(body) as EventEnvelope)['detail-type'];
}

/** Reads the protocol id from an EventBridge envelope delivered through SQS. */
export function protocolIdOf(body: string): string {
  const envelope = JSON.parse(body) as EventEnvelope;
  const id = (envelope.detail as { protocolId?: unknown } | null)?.protocolId;
  if (typeof id !== 'string' || !/^[a-z0-9]{1,40}$/.test(id)) throw new Error(`event without a valid protocolId: ${envelope['detail-type']}`);
  return id;
}
