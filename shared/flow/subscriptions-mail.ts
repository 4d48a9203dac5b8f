// The two mails of a subscription: the confirmation (double opt-in) and the
// notice of adjustment to a subscriber, with the one-click unsubscribe of
// RFC 8058 in its headers. Swedish first, one English line, as every mail.
import { compose } from '../mail/compose';
import type { NoticeRecord } from '../domain/records';
import type { MailMessage } from '../ports';

export function confirmationMail(input: { to: string; bodyName: string; confirmUrl: string; expiresHours: number }): MailMessage {
  return compose({
    to: input.to,
    subject: `Bekräfta din prenumeration: ${input.bodyName}`,
    blocks: [
      { kind: 'p', text: `Någon, troligen du, har bett om e-post när ${input.bodyName} anslår ett justerat protokoll.` },
      { kind: 'action', label: 'Bekräfta prenumerationen', url: input.confirmUrl },
      { kind: 'p', text: `Länken gäller i ${input.expiresHours} timmar. Om du inte bad om det här: gör ingenting, så får du inga fler brev och din adress sparas inte.` },
    ],
    english: `Someone, probably you, asked for e-mail when ${input.bodyName} posts adjusted minutes. Confirm with the link above within ${input.expiresHours} hours; if it was not you, do nothing: no more mail is sent and your address is not kept.`,
  });
}

export function noticeMail(input: { to: string; notice: NoticeRecord; boardUrl: string; unsubscribeUrl: string }): MailMessage {
  const { notice } = input;
  const message = compose({
    to: input.to,
    subject: `Anslag: ${notice.bodyName}, sammanträde ${notice.meetingDate ?? 'utan datum'}`,
    blocks: [
      { kind: 'p', text: `${notice.bodyName} har anslagit att protokollet från sammanträdet ${notice.meetingDate ?? '(datum saknas)'} är justerat.` },
      {
        kind: 'facts',
        rows: [
          ['Justerat', notice.adjustedOn],
          ['Anslaget', notice.postedOn],
          ['Sista dag att överklaga', notice.appealEndsOn],
          ['Anslagstavla', input.boardUrl],
        ],
      },
      { kind: 'action', label: 'Läs protokollet', url: notice.protocolUrl, open: true },
      { kind: 'action', label: 'Avsluta prenumerationen', url: input.unsubscribeUrl },
    ],
    english: `${notice.bodyName} posted the adjusted minutes of its meeting of ${notice.meetingDate ?? '(no date)'} on ${notice.postedOn}; the last day to appeal is ${notice.appealEndsOn}. Unsubscribe with the last link.`,
    footer: 'Du får det här brevet för att du prenumererar på anslag från organet. Avsluta med länken ovan. / You get this because you subscribed; unsubscribe with the link above.',
  });
  // RFC 2369 and RFC 8058: a mail client may offer "unsubscribe" and POST to the link itself.
  return { ...message, headers: { 'List-Unsubscribe': `<${input.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
}
