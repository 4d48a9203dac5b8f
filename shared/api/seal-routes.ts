// The seal's validation result, as kept at seal time beside the record
// (shared/flow/seal-archive.ts): a JWS signed with the seal key, served as
// stored so anyone can check its signature against the seal certificate.
import { HttpError, json, type HttpEvent, type HttpResult } from '../lambda/http';
import { FileGoneError, type Deps } from '../ports';
import { validationKeyOf } from '../seal/validation-key';
import { protocolId } from './schemas';

type Route = { method: 'GET'; path: string; handler: (event: HttpEvent) => Promise<HttpResult> };

export function sealRoutes(deps: () => Deps): Route[] {
  return [
    {
      method: 'GET',
      path: '/protocols/{id}/validation',
      handler: async (event) => {
        const id = protocolId.safeParse(event.pathParameters?.id);
        if (!id.success) throw new HttpError(404, 'no such protocol');
        const d = deps();
        const p = await d.store.protocols.get(id.data);
        if (!p) throw new HttpError(404, 'no such protocol');
        if (!p.signedKey) return json(409, { error: `the protocol is not sealed yet (status ${p.status})`, status: p.status });
        const key = validationKeyOf(p.signedKey);
        if (!(await d.files.head(key))) throw new HttpError(404, 'no validation result is kept for this record (sealed before they were)');
        try {
          const { bytes } = await d.files.get(key);
          return { statusCode: 200, headers: { 'content-type': 'application/jose+json' }, body: Buffer.from(bytes).toString('utf8') };
        } catch (error) {
          if (error instanceof FileGoneError) throw new HttpError(404, 'no validation result is kept for this record');
          throw error;
        }
      },
    },
  ];
}
