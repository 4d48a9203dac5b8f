// `justera verify <signed.pdf> --evidence`: the operator's check of the
// BankID signatures behind a sealed record. The admin API hands over the kept
// evidence (decrypted); this checks, per signer, that the SHA-256 of BankID's
// signature XML is the one the sealed audit page prints and the signature
// record carries, that the order signed this draft, and re-verifies the XML
// signature, its chain and the OCSP response against BankID's roots given
// here — never against anything the API says. It prints names, never the
// personnummer or the device IP the evidence holds.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { signatureSha256 } from '../../shared/bankid/evidence';
import { verifySignatureData } from '../../shared/bankid/verify';
import type { EvidenceAnswer } from '../../shared/api/admin-evidence';
import { derOf, pemBlocks } from '../../shared/seal/published';
import { CliError, apiTarget, call, dataDir, failOn } from './target';

type Out = (line: string) => void;

/** The hashes the audit page prints after "signature SHA-256" (whitespace dropped: a hash may wrap). */
export async function printedBankIdHashes(pdf: Uint8Array): Promise<string[]> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  const flat = text.replace(/\s+/g, '');
  return [...new Set([...flat.matchAll(/signatureSHA-256([0-9a-f]{64})/g)].map((m) => m[1]!))];
}

/** BankID's roots: the file given, or the local simulator's (what the local stack trusts). */
async function bankIdRoots(file: string | undefined): Promise<{ anchors: Uint8Array[]; from: string }> {
  const path = file ?? join(dataDir(), 'bankid-sim', 'signingRoot.pem');
  if (!file && !existsSync(path)) throw new CliError('--evidence needs --bankid-roots <BankID root certificates.pem> (no local simulator roots found)');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const anchors = pemBlocks(text).map(derOf);
  if (!anchors.length) throw new CliError(`${path} holds no PEM certificate`);
  return { anchors, from: file ?? 'the local BankID simulator' };
}

/** Checks the BankID evidence of the sealed protocol; returns the problems (none: every BankID signature holds up). */
export async function verifyEvidence(
  pdf: Uint8Array,
  sealed: { protocolId: string; draftSha256: string | null },
  flags: { api?: string; aws?: boolean; 'bankid-roots'?: string },
  out: Out,
): Promise<string[]> {
  const { anchors, from } = await bankIdRoots(flags['bankid-roots']);
  const answer = await call(apiTarget(flags), 'GET', `/admin/protocols/${encodeURIComponent(sealed.protocolId)}/evidence`, { admin: true });
  failOn(answer, `evidence of ${sealed.protocolId}`);
  const { items } = answer.json as EvidenceAnswer;
  const printed = await printedBankIdHashes(pdf);
  out(`evidence:  ${items.length} BankID signature(s) kept, ${printed.length} printed on the audit page; trusting BankID roots from ${from}`);
  const problems: string[] = [];
  const checked = new Set<string>();
  for (const item of items) {
    const who = `${item.name}, ${item.role}`;
    const reject = (reason: string) => {
      out(`bankid:    ${who}: REJECTED — ${reason}`);
      problems.push(`BankID evidence of ${item.name}: ${reason}`);
    };
    if (!item.evidence) {
      reject(item.problem ?? 'no evidence');
      continue;
    }
    const { completionData, visibleText, pdfSha256 } = item.evidence;
    const sha = signatureSha256(completionData);
    checked.add(sha);
    if (!printed.includes(sha)) {
      reject(`the signature's SHA-256 ${sha} is not the one the sealed audit page prints`);
      continue;
    }
    if (item.recordedSha256 !== sha) {
      reject(`the signature's SHA-256 ${sha} is not the one the signature record carries (${item.recordedSha256 ?? 'none'})`);
      continue;
    }
    if (sealed.draftSha256 && pdfSha256 !== sealed.draftSha256.toLowerCase()) {
      reject(`BankID signed the digest ${pdfSha256}, not the sealed draft's ${sealed.draftSha256}`);
      continue;
    }
    const at = item.signedAt ? new Date(item.signedAt) : undefined;
    const verified = await verifySignatureData(completionData, { visibleText, nonVisibleData: Buffer.from(pdfSha256, 'hex'), anchors, at });
    if (!verified.ok) {
      reject(verified.reason);
      continue;
    }
    out(`bankid:    ${who}: OK — signature SHA-256 ${sha} as printed; XML signature, OCSP "good" and chain to ${verified.anchor} hold; signed the draft ${pdfSha256}`);
  }
  for (const sha of printed.filter((p) => !checked.has(p))) {
    out(`bankid:    signature SHA-256 ${sha}: REJECTED — printed on the audit page, but no evidence is kept for it`);
    problems.push(`no BankID evidence for the printed signature SHA-256 ${sha}`);
  }
  return problems;
}
