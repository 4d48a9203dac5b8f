// One layout for every mail: Swedish first, one English line, plain text and
// HTML parts built from the same blocks, values escaped in the HTML part.
import { html, type Html } from '../html/html';
import type { MailAttachment, MailMessage } from '../ports';

export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'facts'; rows: [string, string][] }
  /** A button; `open` marks a public address (the signed PDF), which is no secret to keep. */
  | { kind: 'action'; label: string; url: string; open?: true }
  | { kind: 'quote'; text: string };

export interface Letter {
  to: string;
  subject: string;
  blocks: Block[];
  english: string;
  footer?: string;
  /** The secretary's address: a reply reaches a person. */
  replyTo?: string | null;
  attachments?: MailAttachment[];
}

const FOOTER_PLAIN = 'Det här meddelandet skickades automatiskt av Justera.';
// Only a mail with a personal link has a link not to forward.
const FOOTER_LINK = `${FOOTER_PLAIN} Om det inte var avsett för dig: radera det och meddela avsändaren (sekreteraren) – vidarebefordra inte länken.`;

function textOf(block: Block): string {
  switch (block.kind) {
    case 'p':
      return block.text;
    case 'list':
      return block.items.map((i) => `  • ${i}`).join('\n');
    case 'facts':
      return block.rows.map(([k, v]) => `${k}: ${v}`).join('\n');
    case 'action':
      return `${block.label}:\n${block.url}`;
    case 'quote':
      return block.text
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n');
  }
}

function htmlOf(block: Block): Html {
  switch (block.kind) {
    case 'p':
      return html`<p style="margin:0 0 16px">${block.text}</p>`;
    case 'list':
      return html`<ul style="margin:0 0 16px;padding-left:20px">${block.items.map((i) => html`<li>${i}</li>`)}</ul>`;
    case 'facts':
      return html`<table role="presentation" style="margin:0 0 16px;border-collapse:collapse">${block.rows.map(
        ([k, v]) => html`<tr><th scope="row" style="text-align:left;padding:2px 12px 2px 0;font-weight:600">${k}</th><td style="padding:2px 0">${v}</td></tr>`,
      )}</table>`;
    case 'action':
      return html`<p style="margin:0 0 16px"><a href="${block.url}" style="display:inline-block;background:#0b5cad;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">${block.label}</a></p><p style="margin:0 0 16px;font-size:13px;color:#444">${block.url}</p>`;
    case 'quote':
      return html`<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:4px solid #999;white-space:pre-wrap">${block.text}</blockquote>`;
  }
}

export function compose(letter: Letter): MailMessage {
  const links = letter.blocks.filter((b): b is Extract<Block, { kind: 'action' }> => b.kind === 'action').map((b) => b.url);
  const personal = letter.blocks.some((b) => b.kind === 'action' && !b.open);
  const footer = letter.footer ?? (personal ? FOOTER_LINK : FOOTER_PLAIN);
  const text = [...letter.blocks.map(textOf), `In English: ${letter.english}`, '—', footer].join('\n\n');
  const body = html`<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${letter.subject}</title></head><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:640px;margin:0 auto;padding:16px">${letter.blocks.map(htmlOf)}<p lang="en" style="margin:0 0 16px;color:#333"><em>In English:</em> ${letter.english}</p><hr style="border:0;border-top:1px solid #ccc"><p style="font-size:13px;color:#444">${footer}</p></body></html>`;
  return {
    to: letter.to,
    subject: letter.subject,
    text,
    html: body.value,
    links,
    ...(letter.replyTo ? { replyTo: letter.replyTo } : {}),
    ...(letter.attachments?.length ? { attachments: letter.attachments } : {}),
  };
}
