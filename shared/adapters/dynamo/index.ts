import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../store';
import { contentRepo } from './content';
import { meetingRepo } from './meetings';
import { bodyRepo, deadLetterRepo, mailLedger, noticeRepo, secretaryLinkRepo } from './misc';
import { protocolRepo } from './protocols';
import { signerRepo } from './signers';

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
  };
}

export { TABLE } from './table';
