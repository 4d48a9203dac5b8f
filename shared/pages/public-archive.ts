// The notice archive (/anslagstavla/arkiv): notices taken down from the board
// once their appeal period ran out, still findable, each shown as taken down
// with the day it came down and a link to the protocol, which stays public.
// Swedish only, as the board.
import type { NoticeRecord } from '../domain/records';
import { html, type Html } from '../html/html';
import { layout } from './layout';
import { bidi, dateTag } from './parts';

function row(n: NoticeRecord): Html {
  return html`<li><strong>${bidi(n.bodyName)}</strong>${n.meetingDate ? html`, sammanträde ${dateTag(n.meetingDate, 'sv')}` : ''}<br>
<span class="muted">Anslaget ${dateTag(n.postedOn, 'sv')}, sista dag för överklagande ${dateTag(n.appealEndsOn, 'sv')}, nedtaget ${dateTag(n.takeDownOn, 'sv')}.</span><br>
<a href="/protocols/${n.protocolId}">Protokollet<span class="vh">, ${n.bodyName} ${n.meetingDate ?? ''}</span></a></li>`;
}

export function noticeArchivePage(notices: NoticeRecord[]): Html {
  const main = html`<h1>Arkiv: nedtagna anslag</h1>
<p class="lede">Tillkännagivanden som har tagits ned från anslagstavlan när tiden för överklagande hade gått ut. Protokollen finns kvar.</p>
<p><a href="/anslagstavla">Till anslagstavlan</a></p>
${notices.length ? html`<ul class="rows">${notices.map(row)}</ul>` : html`<p>Inga anslag har tagits ned än.</p>`}`;
  return layout({ lang: 'sv', title: 'Arkiv: nedtagna anslag – Justera', main });
}
