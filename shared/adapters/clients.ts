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
  return endpoint ? localS3Client(endpoint, config.AWS_REGION) : new S3Client({ region: config.AWS_REGION });
}

/** A client for an S3-compatible server on loopback (the local stack, its CLI and tests). */
export function localS3Client(endpoint: string, region = 'eu-north-1'): S3Client {
  return new S3Client({
    region,
    endpoint,
    forcePathStyle: true,
    credentials: LOCAL_CREDENTIALS,
    // s3rver mishandles the checksums newer SDKs add to streamed bodies.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 4,
  });
}
