// `justera upload` into a folder without a directory, of minutes that name a
// body the directory knows under another slug: it stops (exit 1), prints the
// reason, and suggests the slug.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mellansverige } from '../helpers/stack';
import { startCliStack, type CliStack } from '../helpers/cli';

const DRAFT = fileURLToPath(new URL('../../../shared/fixtures/003-protokoll-draft.pdf', import.meta.url));
let stack: CliStack;

beforeAll(async () => {
  stack = await startCliStack();
  const file = join(stack.dataDir, 'body.json');
  writeFileSync(file, JSON.stringify(mellansverige()));
  expect((await stack.cli('bodies', 'import', file)).code).toBe(0);
});
afterAll(async () => {
  await stack?.stop();
});

describe('justera upload with an unknown slug', () => {
  it('suggests the body whose name the minutes give', async () => {
    const r = await stack.cli('upload', DRAFT, '--body', 'samverkan');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/NEEDS_ATTENTION\n {2}\S/);
    expect(r.stdout).toContain(
      `  did you mean --body samverkansnamnd-mellansverige? The minutes name "Samverkansnämnd Sjukvårdsregion Mellansverige", which the directory knows as samverkansnamnd-mellansverige: justera upload ${DRAFT} --body samverkansnamnd-mellansverige`,
    );
  });

  it('suggests nothing for minutes of a body the directory does not know', async () => {
    const other = fileURLToPath(new URL('../../../shared/corpus/24_lithekod-styrelse-2015-09-26.pdf', import.meta.url));
    const r = await stack.cli('upload', other, '--body', 'lithekod');
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('did you mean');
  });
});
