// What each Lambda bundle is made of, built as the stack builds it (esbuild,
// one ESM file): nothing of the local runtime, no local path, and the AWS
// composition root with only the adapters its function's wiring names.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ACCESS } from '../../infra/access';
import { PROJECT_ROOT } from '../../infra/constructs/lambdas';
import { ESBUILD_LAMBDA, FUNCTIONS, type FunctionName } from '../../infra/functions';

async function bundled(name: FunctionName): Promise<{ inputs: string[]; code: string }> {
  const out = await build({
    entryPoints: [`${PROJECT_ROOT}${FUNCTIONS[name].entry}`],
    absWorkingDir: PROJECT_ROOT,
    ...ESBUILD_LAMBDA,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { inputs: Object.keys(out.metafile.inputs), code: out.outputFiles[0]!.text };
}

const NAMES = Object.keys(FUNCTIONS) as FunctionName[];
/** The functions IAM lets send mail (infra/access.ts): only their bundles carry the mail adapter. */
const MAILERS = NAMES.filter((name) => ACCESS[name].mail);

describe('the Lambda bundles', () => {
  it.each(NAMES)('%s: no infra/local code, no local data folder, the AWS root', async (name) => {
    const { inputs, code } = await bundled(name);
    expect(inputs.filter((i) => i.startsWith('infra/local/'))).toEqual([]);
    expect(inputs).toContain('shared/adapters/aws.ts');
    expect(code).not.toMatch(/\.justera\//);
    expect(inputs.includes('shared/adapters/mailer.ts'), 'mail adapter').toBe(MAILERS.includes(name));
    expect(inputs.includes('shared/adapters/seal-signer.ts'), 'seal key adapter').toBe(name === 'stamp');
    expect(inputs.includes('shared/adapters/requeue.ts'), 'queue adapter').toBe(name === 'admin');
    // The personnummer key: admin takes numbers on import, sign checks the BankID signer; only sign reaches BankID.
    expect(inputs.includes('shared/adapters/bankid-kms-hasher.ts'), 'personnummer key adapter').toBe(name === 'admin' || name === 'sign');
    expect(inputs.includes('shared/adapters/bankid-secrets.ts'), 'BankID adapter').toBe(name === 'sign');
  });
});
