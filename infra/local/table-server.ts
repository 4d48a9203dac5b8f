// dynalite in a process of its own, started and watched by the runtime
// (servers.ts, startTableServer). LevelDB turns a failed write in the data
// folder (disk full, read-only, removed) into an exception dynalite does not
// catch; here that ends only this process, which the runtime starts again on
// the same port once the folder takes writes, instead of the whole stack.
import dynalite from 'dynalite';
import type { AddressInfo, Server } from 'node:net';

const [dir, port] = process.argv.slice(2);
if (!dir || port === undefined || !process.send) {
  console.error('table-server: expected a data folder, a port and an IPC channel');
  process.exit(2);
}

const server = dynalite({ path: dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }) as Server;
server.once('error', (error) => {
  console.error(error.message);
  process.exit(1);
});
server.listen(Number(port), '127.0.0.1', async () => {
  const actual = (server.address() as AddressInfo).port;
  // LevelDB opens on first use: read once, so a folder that takes no writes fails here and not on the first caller.
  const probe = await fetch(`http://127.0.0.1:${actual}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      'x-amz-date': '20200101T000000Z',
      authorization: 'AWS4-HMAC-SHA256 Credential=local/20200101/local/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0',
    },
    body: '{}',
  });
  if (!probe.ok) {
    console.error(`the table store did not open: ${probe.status} ${await probe.text()}`);
    process.exit(1);
  }
  process.send!({ port: actual });
});

// Stopped, or the runtime went away (even killed): close the store first, so LevelDB writes out what it buffered.
const stop = () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
};
process.once('SIGTERM', stop);
process.once('disconnect', stop);
