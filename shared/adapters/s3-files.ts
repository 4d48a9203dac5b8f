import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { FileGoneError, type FileInfo, type FileStore } from '../ports';

function status(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

/**
 * The bucket as a FileStore. `presigner` may point at another endpoint than
 * `client` (locally the browser reaches the same server under a public name).
 */
export function s3Files(client: S3Client, bucket: string, presigner: S3Client = client): FileStore {
  return {
    bucket,

    async get(key, exact = {}) {
      try {
        const out = await client.send(
          new GetObjectCommand({
            Bucket: bucket,
            Key: key,
            ...(exact.versionId ? { VersionId: exact.versionId } : exact.eTag ? { IfMatch: `"${exact.eTag.replace(/"/g, '')}"` } : {}),
          }),
        );
        const bytes = await out.Body!.transformToByteArray();
        const eTag = (out.ETag ?? '').replace(/"/g, '');
        // Not every S3-compatible server honours If-Match; the check holds either way.
        if (!exact.versionId && exact.eTag && eTag !== exact.eTag.replace(/"/g, '')) throw new FileGoneError(key, 'replaced');
        return { bytes, eTag, versionId: out.VersionId, size: bytes.length };
      } catch (error) {
        if (error instanceof FileGoneError) throw error;
        const code = status(error);
        const name = (error as { name?: string }).name;
        if (code === 404 || name === 'NoSuchKey' || name === 'NoSuchVersion') throw new FileGoneError(key, 'deleted');
        if (code === 412 || name === 'PreconditionFailed') throw new FileGoneError(key, 'replaced');
        throw error;
      }
    },

    async head(key) {
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return {
          key,
          eTag: (out.ETag ?? '').replace(/"/g, ''),
          size: out.ContentLength ?? 0,
          lastModified: out.LastModified ?? new Date(0),
          versionId: out.VersionId,
        };
      } catch (error) {
        if (status(error) === 404 || (error as { name?: string }).name === 'NotFound') return null;
        throw error;
      }
    },

    async put(key, bytes, options) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: bytes,
          ContentType: options.contentType,
          Metadata: options.metadata,
          ...(options.retain ? { ObjectLockMode: options.retain.mode, ObjectLockRetainUntilDate: options.retain.until } : {}),
        }),
      );
    },

    presignGet(key, seconds, fileName) {
      const disposition = fileName ? `inline; filename="${fileName.replace(/[^\w.-]/g, '_')}"` : undefined;
      return getSignedUrl(presigner, new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: disposition }), {
        expiresIn: seconds,
      });
    },

    async *list(prefix): AsyncIterable<FileInfo> {
      let token: string | undefined;
      do {
        const out = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const o of out.Contents ?? [])
          if (o.Key) yield { key: o.Key, eTag: (o.ETag ?? '').replace(/"/g, ''), size: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0) };
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
      } while (token);
    },
  };
}
