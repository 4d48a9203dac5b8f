// The local stack's console: one line per stage of the pipeline, read from
// the functions' JSON log lines (the same lines CloudWatch gets on AWS).
// JUSTERA_LOG=json prints the raw lines instead.

type LogLine = { level?: string; message?: string; stage?: string; protocolId?: string; status?: string; [k: string]: unknown };

const time = () => new Date().toTimeString().slice(0, 8);

export function formatLogLine(line: LogLine): string | null {
  const id = line.protocolId ? String(line.protocolId) : '';
  if (line.message === 'stage') {
    const extra = Object.entries(line)
      .filter(([k]) => !['level', 'message', 'stage', 'protocolId', 'status', 'timestamp', 'service', 'sampling_rate', 'xray_trace_id', 'queue', 'cold_start', 'function_arn', 'function_memory_size', 'function_name', 'function_request_id'].includes(k))
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    return `${time()} ${String(line.stage).padEnd(6)} ${id.padEnd(20)} ${(line.status ?? '').padEnd(17)} ${extra}`.trimEnd();
  }
  if (line.level === 'WARN' || line.level === 'ERROR' || line.level === 'CRITICAL') {
    const error = (line.error as { message?: string } | undefined)?.message;
    return `${time()} ${String(line.level).toLowerCase().padEnd(6)} ${id.padEnd(20)} ${line.message ?? ''}${error ? `: ${error}` : ''}`;
  }
  return null;
}

export function printLog(raw: string, print: (s: string) => void): void {
  if (process.env.JUSTERA_LOG === 'json') return print(raw);
  let parsed: LogLine;
  try {
    parsed = JSON.parse(raw) as LogLine;
  } catch {
    return print(raw);
  }
  const out = formatLogLine(parsed);
  if (out) print(out);
}

/** Routes JSON log lines written by in-process functions (stdout and stderr) through the formatter. */
export function captureStdout(print: (s: string) => void): () => void {
  const restore = [process.stdout, process.stderr].map((stream) => {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (text.startsWith('{') && text.includes('"service":"justera"')) {
        for (const line of text.split('\n')) if (line.trim()) printLog(line, print);
        return true;
      }
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    return () => {
      stream.write = original;
    };
  });
  return () => restore.forEach((r) => r());
}
