// Where the local runtime keeps its state inside the data folder
// (JUSTERA_DATA_DIR): one place, so the runtime, its CLI and tests agree.
import { join } from 'node:path';

export function localPaths(dataDir: string) {
  return {
    queues: join(dataDir, 'queues'),
    outbox: join(dataDir, 'outbox'),
    seal: join(dataDir, 'seal'),
    /** The personnummer HMAC key. */
    keys: join(dataDir, 'keys'),
    /** The BankID simulator's certificates (server, RP, signing root). */
    bankIdSim: join(dataDir, 'bankid-sim'),
    /** The TSA simulator's CA (key and certificate). */
    tsaSim: join(dataDir, 'tsa-sim'),
    dynamodb: join(dataDir, 'dynamodb'),
    s3: join(dataDir, 's3'),
    bridgeLedger: join(dataDir, 'bridge-seen.json'),
    adminToken: join(dataDir, 'admin-token'),
    state: join(dataDir, 'stack.json'),
  };
}
