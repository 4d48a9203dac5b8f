// One factory for the AWS SDK clients, so the local stand-ins and AWS differ
// only in endpoints and credentials.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config';

/** Credentials for the local servers, which accept any. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export function documentClient(config: Config): DynamoDBDocumentClient {
  const local = config.JUSTERA_DYNAMODB_ENDPOINT;
  const client = new DynamoDBClient({
    region: config.AWS_REGION,
    ...(local ? { endpoint: local, credentials: LOCAL_CREDENTIALS, maxAttempts: 4 } : {}),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

export function s3Client(config: Config, endpoint = config.JUSTERA_S3_ENDPOINT): S3Client {
  return new S3Client({
    region: config.AWS_REGION,
    ...(endpoint
      ? {
          endpoint,
          forcePathStyle: true,
          credentials: LOCAL_CREDENTIALS,
          // s3rver mishandles the checksums newer SDKs add to streamed bodies.
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
          maxAttempts: 4,
        }
      : {}),
  });
}
