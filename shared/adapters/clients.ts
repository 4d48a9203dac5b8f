// One factory for the AWS SDK clients, so the local stand-ins and AWS differ
// only in endpoints and credentials, which each composition root passes in.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

/** Credentials for the local servers, which accept any. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** The table's client: AWS's endpoint and credentials, or a local server's (`endpoint`). */
export function documentClient(region: string, endpoint?: string): DynamoDBDocumentClient {
  const client = new DynamoDBClient({ region, ...(endpoint ? { endpoint, credentials: LOCAL_CREDENTIALS, maxAttempts: 4 } : {}) });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

export function s3Client(region: string): S3Client {
  return new S3Client({ region });
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
