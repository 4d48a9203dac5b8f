#!/usr/bin/env node
// Installs what the README's two commands need, so each works on a fresh
// clone: the npm packages (npm ci when the lock file changed) and, for the
// tests, Debian's poppler-utils, qpdf and chromium. It speaks on stderr, so
// `npm run -s bench -- --json > bench.json` stays pure JSON even when it installs.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const stamp = 'node_modules/.justera-lock-sha256';
const lockHash = createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');
if (!existsSync('node_modules') || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
  console.error('Installing npm packages (npm ci)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: ['inherit', 2, 2] });
  writeFileSync(stamp, lockHash);
}

if (process.argv.includes('--test')) {
  const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
  const wanted = { pdfsig: 'poppler-utils', pdftotext: 'poppler-utils', pdftoppm: 'poppler-utils', qpdf: 'qpdf', chromium: 'chromium' };
  const missing = [...new Set(Object.entries(wanted).filter(([cmd]) => !has(cmd)).map(([, pkg]) => pkg))];
  if (missing.length) {
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!has('apt-get') || !(root || has('sudo'))) {
      console.error(`The tests need Debian packages: ${missing.join(' ')}. Install them (apt-get install ${missing.join(' ')}) and run again.`);
      process.exit(1);
    }
    const sudo = root ? [] : ['sudo'];
    console.error(`Installing Debian packages: ${missing.join(' ')}…`);
    const run = (args) => execFileSync(sudo.length ? 'sudo' : args[0], sudo.length ? args : args.slice(1), { stdio: ['inherit', 2, 2], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    run(['apt-get', 'update']);
    run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing]);
  }
}
