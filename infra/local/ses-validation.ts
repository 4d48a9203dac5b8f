// What SES v2 checks in a SendEmail request with Simple content, before it
// builds the message: the shapes and limits of the API reference (Message,
// MessageHeader, Attachment, Destination) and SES's own rules (50 recipients,
// the headers SES writes itself, the file types it refuses). Constraint
// failures read as Smithy's ("1 validation error detected: ..."), as the
// service's do; "Recipient count exceeds 50." and "Missing required header
// 'To'." are SES's own words, and a Simple message without FromEmailAddress is
// refused with no message at all, as SES does. Where SES publishes no wording
// (a custom header it writes itself, a refused file type) the message is ours.

export class SesError extends Error {
  constructor(
    readonly type: string,
    readonly detail: string | null,
  ) {
    super(detail ?? type);
  }
}

export interface SimpleEmail {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  configurationSet?: string;
  subject: string;
  text?: string;
  html?: string;
  headers: { name: string; value: string }[];
  attachments: { filename: string; contentType?: string; disposition: 'attachment' | 'inline'; content: Buffer }[];
}

const MAX_RECIPIENTS = 50;
const MAX_HEADERS = 15;
/** Header fields SES writes from the request itself; a custom header may not set them. */
const SES_OWN_HEADERS = new Set(
  ['From', 'To', 'Cc', 'Bcc', 'Subject', 'Reply-To', 'Date', 'Message-ID', 'MIME-Version', 'Content-Type', 'Content-Transfer-Encoding', 'Content-Disposition', 'Return-Path', 'Sender'].map((h) =>
    h.toLowerCase(),
  ),
);
/** File types SES does not send (its "unsupported attachment types"), the common ones. */
const REFUSED_EXTENSIONS = new Set(
  'ade adp app asp bas bat cer chm cmd com cpl crt csh der exe fxp gadget hlp hta inf ins isp its js jse ksh lib lnk mad maf mag mam maq mar mas mat mau mav maw mda mdb mde mdt mdw mdz msc msh msi msp mst ops pcd pif plg prf prg ps1 reg scf scr sct shb shs sys tmp url vb vbe vbs vps vsmacros vss vst vsw ws wsc wsf wsh xnk'.split(
    ' ',
  ),
);

function violation(path: string, constraint: string, value?: string): SesError {
  return new SesError('BadRequestException', `1 validation error detected: ${value === undefined ? 'Value' : `Value '${value}'`} at '${path}' failed to satisfy constraint: ${constraint}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function strings(value: unknown, path: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw violation(path, 'Member must be a list of strings');
  return value as string[];
}

function content(value: unknown, path: string, required: boolean): string | undefined {
  if (value === undefined || value === null) {
    if (required) throw violation(path, 'Member must not be null');
    return undefined;
  }
  if (!isObject(value) || typeof value.Data !== 'string') throw violation(`${path}.data`, 'Member must not be null');
  const charset = value.Charset;
  if (charset !== undefined && (typeof charset !== 'string' || !/^(utf-8|us-ascii|iso-8859-1)$/i.test(charset)))
    throw new SesError('BadRequestException', `Unsupported charset: ${String(charset)}`);
  return value.Data;
}

function headersOf(value: unknown): SimpleEmail['headers'] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw violation('content.simple.headers', 'Member must be a list');
  if (value.length > MAX_HEADERS) throw violation('content.simple.headers', `Member must have length less than or equal to ${MAX_HEADERS}`);
  return value.map((h: unknown, i) => {
    const at = `content.simple.headers.${i + 1}.member`;
    if (!isObject(h) || typeof h.Name !== 'string') throw violation(`${at}.name`, 'Member must not be null');
    if (typeof h.Value !== 'string') throw violation(`${at}.value`, 'Member must not be null');
    if (!/^[!-9;-~]{1,126}$/.test(h.Name)) throw violation(`${at}.name`, 'Member must satisfy regular expression pattern: ^[!-9;-@A-~]+$', h.Name);
    if (h.Value.length < 1 || h.Value.length > 870) throw violation(`${at}.value`, 'Member must have length less than or equal to 870');
    if (!/^[ -~]*$/.test(h.Value)) throw violation(`${at}.value`, 'Member must satisfy regular expression pattern: [ -~]*', h.Value);
    if (SES_OWN_HEADERS.has(h.Name.toLowerCase())) throw new SesError('BadRequestException', `Header ${h.Name} is not allowed in Simple content.`);
    return { name: h.Name, value: h.Value };
  });
}

function attachmentsOf(value: unknown): SimpleEmail['attachments'] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw violation('content.simple.attachments', 'Member must be a list');
  return value.map((a: unknown, i) => {
    const at = `content.simple.attachments.${i + 1}.member`;
    if (!isObject(a) || typeof a.FileName !== 'string') throw violation(`${at}.fileName`, 'Member must not be null');
    if (typeof a.RawContent !== 'string') throw violation(`${at}.rawContent`, 'Member must not be null');
    if (a.FileName.length > 255) throw violation(`${at}.fileName`, 'Member must have length less than or equal to 255', a.FileName);
    const type = a.ContentType;
    if (type !== undefined && (typeof type !== 'string' || type.length < 1 || type.length > 78 || /[\r\n]/.test(type)))
      throw violation(`${at}.contentType`, 'Member must have length less than or equal to 78', String(type));
    const disposition = a.ContentDisposition ?? 'ATTACHMENT';
    if (disposition !== 'ATTACHMENT' && disposition !== 'INLINE') throw violation(`${at}.contentDisposition`, 'Member must satisfy enum value set: [ATTACHMENT, INLINE]', String(disposition));
    const extension = /\.([^.]+)$/.exec(a.FileName)?.[1]?.toLowerCase();
    if (extension && REFUSED_EXTENSIONS.has(extension)) throw new SesError('BadRequestException', `Attachment file type .${extension} is not supported.`);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(a.RawContent)) throw new SesError('BadRequestException', `Invalid base64 content at '${at}.rawContent'`);
    return { filename: a.FileName, ...(typeof type === 'string' ? { contentType: type } : {}), disposition: disposition === 'INLINE' ? 'inline' : 'attachment', content: Buffer.from(a.RawContent, 'base64') };
  });
}

/** The request's message, or the error SES answers it with. */
export function validateSendEmail(input: unknown): SimpleEmail {
  if (!isObject(input)) throw new SesError('BadRequestException', 'Could not parse request body into json');
  const c = input.Content;
  if (!isObject(c)) throw violation('content', 'Member must not be null');
  if (c.Raw !== undefined || c.Template !== undefined) throw new SesError('BadRequestException', 'This simulator sends Simple content only.');
  const simple = c.Simple;
  if (!isObject(simple)) throw violation('content', 'Member must not be null');
  const from = input.FromEmailAddress;
  if (typeof from !== 'string' || from.trim() === '') throw new SesError('BadRequestException', null);
  const destination = isObject(input.Destination) ? input.Destination : {};
  const to = strings(destination.ToAddresses, 'destination.toAddresses');
  const cc = strings(destination.CcAddresses, 'destination.ccAddresses');
  const bcc = strings(destination.BccAddresses, 'destination.bccAddresses');
  const count = to.length + cc.length + bcc.length;
  if (count === 0) throw new SesError('BadRequestException', 'Missing required header \'To\'.');
  if (count > MAX_RECIPIENTS) throw new SesError('BadRequestException', `Recipient count exceeds ${MAX_RECIPIENTS}.`);
  const subject = content(simple.Subject, 'content.simple.subject', true)!;
  const body = simple.Body;
  if (!isObject(body)) throw violation('content.simple.body', 'Member must not be null');
  const text = content(body.Text, 'content.simple.body.text', false);
  const html = content(body.Html, 'content.simple.body.html', false);
  if (text === undefined && html === undefined) throw new SesError('BadRequestException', 'Message body must contain Text or Html.');
  const configurationSet = typeof input.ConfigurationSetName === 'string' ? input.ConfigurationSetName : undefined;
  return {
    from,
    to,
    cc,
    bcc,
    replyTo: strings(input.ReplyToAddresses, 'replyToAddresses'),
    ...(configurationSet ? { configurationSet } : {}),
    subject,
    ...(text !== undefined ? { text } : {}),
    ...(html !== undefined ? { html } : {}),
    headers: headersOf(simple.Headers),
    attachments: attachmentsOf(simple.Attachments),
  };
}
