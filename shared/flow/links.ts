// Public addresses of a protocol. Its own module so that the stamp function,
// which mails the link, does not load publish.ts and with it the holiday
// calendar (date-holidays) that only the index function needs.
import type { Deps } from '../ports';

export function protocolUrl(deps: Deps, id: string): string {
  return `${deps.config.JUSTERA_PUBLIC_URL.replace(/\/$/, '')}/protocols/${id}`;
}
