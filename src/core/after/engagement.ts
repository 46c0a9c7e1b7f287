// `report --detail`: the short engagement view from BBB's analytics: who spoke (and how long),
// chatted, voted, raised a hand, and who got a link but never came.
import type { Messages } from '../../i18n/index.ts';
import type { ExactRow } from './exact-report.ts';
import { formatSpan } from './time.ts';

export function engagementText(t: Messages, label: string, rows: ExactRow[]): string {
  const names = (pick: (r: ExactRow) => boolean, extra?: (r: ExactRow) => string): string =>
    rows.filter(pick).map((r) => (extra ? `${r.name} (${extra(r)})` : r.name)).join(', ');
  return [
    t.analytics.detailTitle(label),
    t.analytics.detailSpoke(names((r) => r.talkSeconds > 0, (r) => formatSpan(r.talkSeconds))),
    t.analytics.detailChatted(names((r) => r.chats > 0, (r) => String(r.chats))),
    t.analytics.detailVoted(names((r) => r.pollVotes > 0)),
    t.analytics.detailHands(names((r) => r.raisedHands > 0)),
    t.analytics.detailNeverCame(names((r) => r.linkGiven && r.sessions.length === 0)),
    t.analytics.sourceExact,
  ].join('\n');
}
