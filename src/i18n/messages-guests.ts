// The "guests" group of the message facade (issue 13): the guest command's replies and the
// invitation page (adapters/http/guests.ts).
import type { Formatter } from './catalogue.ts';

export function guestMessages(c: Formatter) {
  const f = c.format;
  return {
    needPublicUrl: f('guests.needPublicUrl'),
    badHours: (max: number) => f('guests.badHours', { max }),
    badUses: (max: number) => f('guests.badUses', { max }),
    created: (id: number, course: string, expires: string, uses: number, prefix: string) => f('guests.created', { id, course, expires, uses, prefix }),
    linkLabel: f('guests.linkLabel'),
    listTitle: (course: string) => f('guests.listTitle', { course }),
    listLine: (id: number, expires: string, left: number) => f('guests.listLine', { id, expires, left }),
    listNone: (course: string, prefix: string) => f('guests.listNone', { course, prefix }),
    listHint: (prefix: string) => f('guests.listHint', { prefix }),
    revokeNeedId: (prefix: string) => f('guests.revokeNeedId', { prefix }),
    revoked: (id: number) => f('guests.revoked', { id }),
    revokeUnknown: (id: string, prefix: string) => f('guests.revokeUnknown', { id, prefix }),
    pageTitle: (course: string) => f('guests.pageTitle', { course }),
    pageIntro: (course: string) => f('guests.pageIntro', { course }),
    nameLabel: f('guests.nameLabel'),
    submit: f('guests.submit'),
    nameEmpty: f('guests.nameEmpty'),
    nameTooLong: (max: number) => f('guests.nameTooLong', { max }),
    nameControl: f('guests.nameControl'),
    notStarted: f('guests.notStarted'),
    formExpired: f('guests.formExpired'),
    refusedTitle: f('guests.refusedTitle'),
    refused: (reason: 'expired' | 'used-up' | 'revoked') => f('guests.refused', { reason: reason === 'used-up' ? 'usedUp' : reason }),
  };
}
