// A local stand-in for one Lambda sandbox: loads one handler and runs the
// invocations its host sends over IPC, one at a time.
import { pathToFileURL } from 'node:url';
import { registerLocalRuntime } from './runtime';

type Invocation = { id: number; event: unknown; functionName: string; timeoutMs: number };

const entry = process.argv[2];
if (!entry || !process.send) {
  console.error('function-worker: expected a handler path and an IPC channel');
  process.exit(2);
}

// The handler must find the local composition root before its first invocation.
registerLocalRuntime();
const { handler } = (await import(pathToFileURL(entry).href)) as { handler: (event: unknown, context: unknown) => Promise<unknown> };

process.on('message', async (message: Invocation) => {
  const started = Date.now();
  const context = {
    functionName: message.functionName,
    awsRequestId: `local-${message.id}-${started}`,
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${message.functionName}`,
    memoryLimitInMB: '0',
    getRemainingTimeInMillis: () => Math.max(0, message.timeoutMs - (Date.now() - started)),
    callbackWaitsForEmptyEventLoop: false,
  };
  try {
    const result = await handler(message.event, context);
    process.send!({ id: message.id, ok: true, result });
  } catch (error) {
    const e = error as Error;
    process.send!({ id: message.id, ok: false, error: { name: e?.name, message: e?.message ?? String(error) } });
  }
});

// The runtime went away (even killed): a sandbox never outlives it.
process.on('disconnect', () => process.exit(0));

process.send({ ready: true });
