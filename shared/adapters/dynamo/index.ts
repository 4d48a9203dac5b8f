import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../store';
import { contentRepo } from './content';
import { meetingRepo } from './meetings';
import { bodyRepo } from './bodies';
import { deadLetterRepo } from './dead-letters';
import { mailLedger } from './mail-ledger';
import { noticeRepo } from './notices';
import { secretaryLinkRepo } from './secretary-links';
import { protocolRepo } from './protocols';
import { signerRepo } from './signers';
import { subscriptionRepo } from './subscriptions';

export function dynamoStore(db: DynamoDBDocumentClient, table: string): Store {
  return {
    protocols: protocolRepo(db, table),
    meetings: meetingRepo(db, table),
    content: contentRepo(db, table),
    signers: signerRepo(db, table),
    bodies: bodyRepo(db, table),
    notices: noticeRepo(db, table),
    deadLetters: deadLetterRepo(db, table),
    mail: mailLedger(db, table),
    secretaryLinks: secretaryLinkRepo(db, table),
    subscriptions: subscriptionRepo(db, table),
  };
}

export { TABLE } from './table';
