// What each function may do on AWS, in one table a security reviewer can read
// top to bottom. constructs/grants.ts turns it into IAM statements (explicit
// actions, never a wildcard action); test/cdk/least-privilege.test.ts proves
// the synthesized roles match it. Nobody may delete an object: no role gets
// s3:DeleteObject*, and signed/ is under Object Lock besides.
import type { FunctionName } from './functions';

/** Key prefixes in the bucket; every object lives under one of them. */
export const PREFIX = {
  /** Secretaries upload here; the notification to the parse queue watches it. Never written by a function (that would loop). */
  drafts: 'drafts/',
  /** The exact bytes of each accepted draft, copied by parse; what signers read and stamp seals. */
  originals: 'originals/',
  /** Sealed protocols, written once by stamp, under Object Lock retention. */
  signed: 'signed/',
} as const;

export type Prefix = keyof typeof PREFIX;

export interface Access {
  /** DynamoDB: read = GetItem/Query; write adds PutItem/UpdateItem/DeleteItem/BatchWriteItem (never Scan). */
  table: 'read' | 'write';
  /** Prefixes whose objects it may read (s3:GetObject; presigned links count as reads by this role). */
  read?: Prefix[];
  /** Reads a specific object version (s3:GetObjectVersion): parse reads the exact version the event names. */
  readVersions?: boolean;
  /** Prefixes it may write (s3:PutObject; on signed/ also s3:PutObjectRetention). */
  write?: Prefix[];
  /**
   * s3:ListBucket on the bucket (key names, no content). Without it S3 answers
   * 403 instead of 404 for a missing key, and these functions act on "not there":
   * parse (a draft deleted before it was read → FILE_GONE) and stamp (HEAD of
   * signed/… before writing, so a retry never writes a second file).
   */
  list?: boolean;
  /** ses:SendEmail/SendRawEmail as the sender identity, through the configuration set. */
  mail?: boolean;
  /** events:PutEvents on the Justera bus. */
  publish?: boolean;
  /** kms:Sign and kms:GetPublicKey on the seal key (also granted in the key policy, to this role only). */
  seal?: boolean;
  /** sqs:SendMessage on the four consumer queues, to re-drive dead letters. */
  requeue?: boolean;
}

export const ACCESS: Record<FunctionName, Access> = {
  // Reads the uploaded version under drafts/, copies it to originals/, stores
  // the parsed protocol, emits ProtocolParsed or ProtocolStopped. It reads
  // untrusted PDFs, so it sends no mail: route tells the secretary.
  parse: { table: 'write', read: ['drafts'], readVersions: true, write: ['originals'], list: true, publish: true },
  // Creates signer tasks and mails each signer the personal link; mails the
  // secretary when a signer is missing from the directory, and (on
  // ProtocolStopped) why an upload was rejected or needs attention.
  route: { table: 'write', mail: true },
  // The only role that can use the seal key and write signed/. Reads the signed
  // draft from originals/ (and an existing signed/ file after a crash), emits
  // ProtocolSealed. Sends no mail: the role that holds the seal key does one thing.
  stamp: { table: 'write', read: ['originals', 'signed'], write: ['signed'], list: true, publish: true, seal: true },
  // Marks decisions adjusted, posts the notice, and mails everyone who took
  // part the receipt with the sealed PDF from signed/ attached.
  publish: { table: 'write', read: ['signed'], mail: true },
  // Records a message that failed every retry, sets its protocol to
  // NEEDS_ATTENTION and mails the secretary/operator about it.
  deadletter: { table: 'write', mail: true },
  // Daily: reminder mails, expiry (mails the secretary), and re-emits the event
  // of a protocol left between two steps.
  remind: { table: 'write', mail: true, publish: true },
  // Public read API and pages: reads the table and presigns links to signed/
  // protocols. Writes nothing, sends no mail, emits nothing.
  api: { table: 'read', read: ['signed'] },
  // Admin routes (IAM-authorized): body directories (write), routing again and
  // "remind now" (which mail signers, as route and remind do, and may emit
  // ProtocolAdjusted), re-driving dead letters onto the consumer queues.
  admin: { table: 'write', mail: true, publish: true, requeue: true },
  // Signing links: records viewed/signed/changes requested, presigns the draft
  // under originals/ for the signer, emits ProtocolAdjusted after the last
  // signature; mails the secretary a change request and, in sequential order,
  // the next signer their link. The only role with BankID's RP secret and the
  // personnummer and evidence keys besides admin (infra/constructs/bankid.ts).
  sign: { table: 'write', read: ['originals'], mail: true, publish: true },
  // The secretary's page: corrections (which may add a member to the
  // directory), sending for adjustment (which mails the signers as route does
  // and may emit ProtocolAdjusted), reminders and withdrawal; presigns the draft
  // under originals/. No BankID secret or key: the secretary never signs.
  secretary: { table: 'write', read: ['originals'], mail: true, publish: true },
  // E-mail subscriptions: pending requests (sealed addresses), subscribers,
  // unsubscribe links and hourly counters in the table; mails the confirmation
  // link. The notice mails to subscribers go out from publish.
  subscribe: { table: 'write', mail: true },
};
