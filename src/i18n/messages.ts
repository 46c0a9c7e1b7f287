// The typed facade over the catalogues: call sites keep `t.started(who, course)` and the
// compiler checks names and argument types; each entry names its ICU key and arguments, and
// test/i18n/facade.test.ts checks them against locales/en.json. Booleans become 'yes'/'no'
// for ICU selects; words come only from the catalogues.
import type { Formatter } from './catalogue.ts';
import { guestMessages } from './messages-guests.ts';

const yn = (b: boolean): string => (b ? 'yes' : 'no');

export function buildMessages(c: Formatter) {
  const f = c.format;
  return {
    language: c.language,
    // General
    somethingWentWrong: (ref: string) => f('somethingWentWrong', { ref }),
    rateLimited: (seconds: number) => f('rateLimited', { seconds }),
    unknownCommand: (prefix: string, word: string) => f('unknownCommand', { prefix, word }),
    usage: (prefix: string, command: string, usage: string) => f('usage', { prefix, command, usage }),
    helpTitle: (prefix: string) => f('helpTitle', { prefix }),
    helpNotLinked: f('helpNotLinked'),
    roleLine: (role: string, course?: string) => f('roleLine', { role, course: course ?? '', hasCourse: yn(!!course) }),
    roleNames: c.group('roleNames'),
    /** One line per command in help, keyed by the command's words. */
    summaries: c.group('summaries'),

    // Rooms and courses
    roomNotLinked: f('roomNotLinked'),
    roomNotLinkedAdmin: (prefix: string) => f('roomNotLinkedAdmin', { prefix }),
    courseLabel: (title: string, code: string, group: string) => f('courseLabel', { title, code, group, hasGroup: yn(!!group) }),
    serverNotConfigured: (prefix: string) => f('serverNotConfigured', { prefix, hasForm: yn(prefix.startsWith('/')) }),

    // Permissions
    onlyModerators: (course: string, names: string) => f('onlyModerators', { course, names, hasNames: yn(!!names) }),
    onlyAdmins: f('onlyAdmins'),

    // start
    started: (who: string, course: string) => f('started', { who, course }),
    startedHowToJoin: (prefix: string, buttons: boolean) => f('startedHowToJoin', { prefix, buttons: yn(buttons) }),
    yourModeratorLink: (course: string) => f('yourModeratorLink', { course }),
    alreadyRunning: (course: string) => f('alreadyRunning', { course }),
    moderatorLinkLabel: f('moderatorLinkLabel'),
    viewerLinkLabel: f('viewerLinkLabel'),
    notifyButton: f('notifyButton'),
    moderatorTag: f('moderatorTag'),

    // join
    notStarted: (course: string, starters: string) => f('notStarted', { course, starters, hasStarters: yn(!!starters) }),
    notStartedModeratorAbsent: (course: string) => f('notStartedModeratorAbsent', { course }),
    notStartedYouCanStart: (prefix: string) => f('notStartedYouCanStart', { prefix }),
    notifyOffer: (prefix: string, buttons: boolean) => f('notifyOffer', { prefix, buttons: yn(buttons) }),
    full: (course: string, count: number, max: number) => f('full', { course, count, max }),
    yourViewerLink: (course: string) => f('yourViewerLink', { course }),
    meetingEndedMeanwhile: (course: string) => f('meetingEndedMeanwhile', { course }),

    // end
    ended: (who: string, course: string) => f('ended', { who, course }),
    endedBy: (who: string) => f('endedBy', { who }),
    notRunning: (course: string) => f('notRunning', { course }),

    // status
    statusNotStarted: (course: string) => f('statusNotStarted', { course }),
    statusRunning: (course: string, minutes: number, participants: number, moderators: number, recorded: boolean) =>
      f('statusRunning', { course, minutes, participants, moderators, recorded: yn(recorded) }),
    statusWaiting: (course: string, minutes: number, recorded: boolean) => f('statusWaiting', { course, minutes, recorded: yn(recorded) }),
    statusPeople: (names: string) => f('statusPeople', { names }),

    // BBB trouble, as users see it
    bbbUnreachable: f('bbbUnreachable'),
    bbbWrongSecret: (prefix: string) => f('bbbWrongSecret', { prefix }),
    bbbRefused: (key: string) => f('bbbRefused', { key }),
    bbbTooLarge: f('bbbTooLarge'),
    meetingStillClosing: (course: string) => f('meetingStillClosing', { course, hasCourse: yn(!!course) }),

    // config
    configShow: (lines: string) => f('configShow', { lines }),
    /** Labels of `config show`; option names (record, duration, …) stay as typed in commands. */
    showLabels: c.group('showLabels'),
    configServerSaved: (url: string, version: string) => f('configServerSaved', { url, version }),
    configServerUrlInvalid: f('configServerUrlInvalid'),
    configServerArgsSwapped: (prefix: string) => f('configServerArgsSwapped', { prefix }),
    configServerUnreachable: (url: string) => f('configServerUnreachable', { url }),
    configServerNotBbb: (url: string) => f('configServerNotBbb', { url }),
    configServerWrongSecret: f('configServerWrongSecret'),
    configSecretNotHere: (prefix: string) => f('configSecretNotHere', { prefix, hasForm: yn(prefix.startsWith('/')) }),
    configCheckAdminOk: f('configCheckAdminOk'),
    linked: (room: string, course: string) => f('linked', { room, course }),
    unlinked: (course: string) => f('unlinked', { course }),
    unlinkNothing: f('unlinkNothing'),
    unknownUser: (name: string) => f('unknownUser', { name }),
    badUser: (name: string, example: string) => f('badUser', { name, example }),
    teacherAdded: (name: string, role: string, course: string) => f('teacherAdded', { name, role, course }),
    teacherRemoved: (name: string, course: string) => f('teacherRemoved', { name, course }),
    teacherNotFound: (name: string, course: string) => f('teacherNotFound', { name, course }),
    adminAdded: (name: string) => f('adminAdded', { name }),
    adminAlready: (name: string) => f('adminAlready', { name }),
    adminRemoved: (name: string) => f('adminRemoved', { name }),
    adminNotFound: (name: string) => f('adminNotFound', { name }),
    adminFromEnv: (name: string) => f('adminFromEnv', { name }),
    adminNotYourself: f('adminNotYourself'),
    unknownOption: (name: string, options: string) => f('unknownOption', { name, options }),
    badOptionValue: (name: string, expected: string) => f('badOptionValue', { name, expected }),
    /** What `config set` expects for each option, keyed by the option's name. */
    optionExpected: (languages: string): Record<string, string> => ({
      record: f('optionExpected.record'),
      'max-participants': f('optionExpected.maxParticipants'),
      duration: f('optionExpected.duration'),
      welcome: f('optionExpected.welcome'),
      'join-policy': f('optionExpected.joinPolicy'),
      language: f('optionExpected.language', { languages }),
    }),
    optionSet: (name: string, value: string, course: string) => f('optionSet', { name, value, course }),
    optionAppliesNext: f('optionAppliesNext'),
    none: f('none'),
    on: f('on'),
    off: f('off'),
    defaultValue: (value: string) => f('defaultValue', { value }),
    notSet: f('notSet'),

    // language (issue 11)
    languageNames: c.group('languageNames'),
    languageIs: (prefix: string, language: string, source: string, languages: string) => f('languageIs', { prefix, language, source, languages }),
    languageSet: (prefix: string, language: string) => f('languageSet', { prefix, language }),
    languageAuto: (language: string) => f('languageAuto', { language }),
    languageUnknown: (value: string, languages: string) => f('languageUnknown', { value, languages }),

    // After the command (issue 6)
    durationText: (minutes: number) => f('durationText', { hours: Math.floor(minutes / 60), minutes: minutes % 60 }),
    meetingSummary: (course: string, started: string, ended: string, duration: string, people: number) =>
      f('meetingSummary', { course, started, ended, duration, people }),
    recordingReady: (course: string, date: string, duration: string) => f('recordingReady', { course, date, duration }),
    recordingFormats: c.group('recordingFormats'),
    notifyAdded: (course: string) => f('notifyAdded', { course }),
    notifyAlready: (course: string) => f('notifyAlready', { course }),
    notifyNowStarted: (course: string) => f('notifyNowStarted', { course }),
    recordingsNone: (course: string) => f('recordingsNone', { course }),
    recordingsTitle: (course: string, shown: number, total: number) => f('recordingsTitle', { course, shown, total, partial: yn(shown < total) }),
    recordingLine: (n: number, date: string, duration: string) => f('recordingLine', { n, date, duration }),
    recordingTeacherDetails: (state: string, id: string) => f('recordingTeacherDetails', { state, id }),
    recordingStates: c.group('recordingStates'),
    recordingLinkLabel: (n: number, format: string) => f('recordingLinkLabel', { n, format }),
    recordingsBadCount: (prefix: string) => f('recordingsBadCount', { prefix }),
    recordingsNeedId: (prefix: string, action: string) => f('recordingsNeedId', { prefix, action }),
    recordingNotInCourse: (id: string, course: string) => f('recordingNotInCourse', { id, course }),
    recordingPublished: (id: string) => f('recordingPublished', { id }),
    recordingUnpublished: (id: string) => f('recordingUnpublished', { id }),
    recordingDeleteConfirm: (prefix: string, id: string) => f('recordingDeleteConfirm', { prefix, id }),
    recordingDeleted: (id: string) => f('recordingDeleted', { id }),
    reportBadArg: (prefix: string) => f('reportBadArg', { prefix }),
    reportNoMeeting: (course: string) => f('reportNoMeeting', { course }),
    reportNoMeetingOn: (course: string, date: string) => f('reportNoMeetingOn', { course, date }),
    reportTitle: (course: string, start: string, end: string | null) => f('reportTitle', { course, start, end: end ?? '', running: yn(end === null) }),
    reportLine: (name: string, linkGiven: boolean, joined: string | null, left: string | null, role: string) =>
      f('reportLine', { name, linkGiven: yn(linkGiven), seen: yn(joined !== null), joined: joined ?? '', left: left ?? '-', role }),
    reportNobody: f('reportNobody'),
    reportTotals: (links: number, present: number) => f('reportTotals', { links, present }),
    reportSampled: f('reportSampled'),
    reportCsvReady: (course: string, date: string) => f('reportCsvReady', { course, date }),
    reportCsvHeader: Object.values(c.group('reportCsvHeader')),
    reportRoles: c.group('reportRoles'),
    yes: f('yes'),
    no: f('no'),

    // What the adapters write themselves
    slack: {
      workingOnIt: f('slack.workingOnIt'),
      somethingWentWrong: (ref: string) => f('slack.somethingWentWrong', { ref }),
      inviteTheBot: (botName: string) => f('slack.inviteTheBot', { botName }),
      whatEveryoneWouldHaveSeen: f('slack.whatEveryoneWouldHaveSeen'),
      classEnded: f('slack.classEnded'),
      joinButton: f('slack.joinButton'),
      notifyButton: f('slack.notifyButton'),
      fileTruncated: (name: string) => f('slack.fileTruncated', { name }),
      fileHeading: (name: string) => f('slack.fileHeading', { name }),
      fileSentByDirectMessage: f('slack.fileSentByDirectMessage'),
      modal: {
        title: f('slack.modal.title'),
        submit: f('slack.modal.submit'),
        close: f('slack.modal.close'),
        intro: f('slack.modal.intro'),
        urlLabel: f('slack.modal.urlLabel'),
        urlPlaceholder: f('slack.modal.urlPlaceholder'),
        urlHint: f('slack.modal.urlHint'),
        secretLabel: f('slack.modal.secretLabel'),
        secretPlaceholder: f('slack.modal.secretPlaceholder'),
        secretHint: f('slack.modal.secretHint'),
        checkingTitle: f('slack.modal.checkingTitle'),
        checkingText: f('slack.modal.checkingText'),
      },
    },
    matrix: {
      dmSent: (newRoom: boolean) => f('matrix.dmSent', { newRoom: yn(newRoom) }),
      dmFailed: f('matrix.dmFailed'),
      secretRedacted: (prefix: string) => f('matrix.secretRedacted', { prefix }),
      secretNotRedacted: (prefix: string) => f('matrix.secretNotRedacted', { prefix }),
      encryptedRoom: (prefix: string) => f('matrix.encryptedRoom', { prefix }),
      actionHint: (label: string, command: string) => f('matrix.actionHint', { label, command }),
      somethingWentWrong: (ref: string) => f('matrix.somethingWentWrong', { ref }),
    },
    // attend (issue 17): exact attendance from BBB's learning-analytics callback
    analytics: {
      exactCount: (course: string, people: number, counted: number) => f('analytics.exactCount', { course, people, counted }),
      /** `sessions` empty = got a link but never came; counts are chats, raised hands, poll votes. */
      line: (name: string, role: string, linkGiven: boolean, sessions: string, inside: string, talk: string, chats: number, hands: number, votes: number) =>
        f('analytics.line', { name, role, linkGiven: yn(linkGiven), came: yn(sessions !== ''), sessions, inside, talk, chats, hands, votes }),
      totals: (links: number, present: number) => f('analytics.totals', { links, present }),
      sourceExact: f('analytics.sourceExact'),
      csvReady: (course: string, date: string) => f('analytics.csvReady', { course, date }),
      detailTitle: (course: string) => f('analytics.detailTitle', { course }),
      detailSpoke: (names: string) => f('analytics.detailSpoke', { names, hasNames: yn(names !== '') }),
      detailChatted: (names: string) => f('analytics.detailChatted', { names, hasNames: yn(names !== '') }),
      detailVoted: (names: string) => f('analytics.detailVoted', { names, hasNames: yn(names !== '') }),
      detailHands: (names: string) => f('analytics.detailHands', { names, hasNames: yn(names !== '') }),
      detailNeverCame: (names: string) => f('analytics.detailNeverCame', { names, hasNames: yn(names !== '') }),
      detailNeedsExact: (course: string) => f('analytics.detailNeedsExact', { course }),
      csvHeader: [
        f('analytics.csvHeader.name'), f('analytics.csvHeader.user'), f('analytics.csvHeader.linkGiven'), f('analytics.csvHeader.role'),
        f('analytics.csvHeader.joinedAt'), f('analytics.csvHeader.leftAt'), f('analytics.csvHeader.sessions'), f('analytics.csvHeader.secondsInside'),
        f('analytics.csvHeader.talkSeconds'), f('analytics.csvHeader.chats'), f('analytics.csvHeader.raisedHands'), f('analytics.csvHeader.pollVotes'),
      ],
    },
    // rooms (issue 12): the global conference and personal rooms
    rooms: {
      globalLabel: f('rooms.globalLabel'),
      personalLabel: (owner: string) => f('rooms.personalLabel', { owner }),
      notStarted: (course: string) => f('rooms.notStarted', { course }),
      youCanStart: (command: string) => f('rooms.youCanStart', { command }),
      notifyOffer: (command: string, buttons: boolean) => f('rooms.notifyOffer', { command, buttons: yn(buttons) }),
      howToJoin: (command: string, buttons: boolean) => f('rooms.howToJoin', { command, buttons: yn(buttons) }),
      globalStarted: (who: string) => f('rooms.globalStarted', { who }),
      personalInvitation: (who: string) => f('rooms.personalInvitation', { who }),
      yourRoomLink: (prefix: string, joinWords: string) => f('rooms.yourRoomLink', { command: `${prefix} ${joinWords}` }),
      ended: (course: string) => f('rooms.ended', { course }),
      globalOff: (prefix: string, admin: boolean) => f('rooms.globalOff', { prefix, admin: yn(admin) }),
      globalOnlyStarters: (teachers: boolean) => f('rooms.globalOnlyStarters', { teachers: yn(teachers) }),
      badGlobalValue: f('rooms.badGlobalValue'),
      globalSwitched: (on: boolean, prefix: string) => f('rooms.globalSwitched', { on: yn(on), prefix }),
      globalStartersSet: (teachers: boolean) => f('rooms.globalStartersSet', { teachers: yn(teachers) }),
      globalAnnounceSet: (on: boolean) => f('rooms.globalAnnounceSet', { on: yn(on) }),
      personalRoomsSet: (who: 'everyone' | 'teachers' | 'off', prefix: string) => f('rooms.personalRoomsSet', { who, prefix }),
      personalOff: (prefix: string, admin: boolean) => f('rooms.personalOff', { prefix, admin: yn(admin) }),
      personalTeachersOnly: f('rooms.personalTeachersOnly'),
      moderatorNeedsSession: (prefix: string) => f('rooms.moderatorNeedsSession', { prefix }),
      moderatorAdded: (name: string, command: string) => f('rooms.moderatorAdded', { name, command }),
      /** `config show`: the global conference and personal rooms; `settings` as `name=value, …` ('' for none). */
      showLine: (on: boolean, teachers: boolean, rooms: number, settings: string, personal: 'everyone' | 'teachers' | 'off') =>
        f('rooms.showLine', { on: yn(on), teachers: yn(teachers), rooms, settings, hasSettings: yn(settings !== ''), personal }),
      /** Help lines of the rooms commands, keyed by the command's words. */
      summaries: {
        'global start': f('rooms.summaries.global start'),
        'global join': f('rooms.summaries.global join'),
        'global notify': f('rooms.summaries.global notify'),
        'global status': f('rooms.summaries.global status'),
        'global end': f('rooms.summaries.global end'),
        'global recordings': f('rooms.summaries.global recordings'),
        'global report': f('rooms.summaries.global report'),
        'room start': f('rooms.summaries.room start'),
        'room join': f('rooms.summaries.room join'),
        'room notify': f('rooms.summaries.room notify'),
        'room status': f('rooms.summaries.room status'),
        'room end': f('rooms.summaries.room end'),
        'room moderator add': f('rooms.summaries.room moderator add'),
        'config global': f('rooms.summaries.config global'),
      } as Record<string, string>,
    },
    // chart (issue 17): `report --chart`, the attendance timeline as a PNG
    chart: {
      title: (course: string, when: string) => f('chart.title', { course, when }),
      zone: (zone: string, whose: 'user' | 'bot') => f('chart.zone', { zone, whose }),
      sourceExact: f('chart.sourceExact'),
      sourceSampled: f('chart.sourceSampled'),
      time: f('chart.time'),
      role: f('chart.role'),
      neverCame: (count: number) => f('chart.neverCame', { count }),
      nobody: f('chart.nobody'),
      capped: (shown: number, total: number) => f('chart.capped', { shown, total }),
      ready: (course: string, date: string, zone: string) => f('chart.ready', { course, date, zone }),
      notSent: (name: string) => f('chart.notSent', { name }),
    },
    console: {
      nowUser: (user: string, room: string) => f('console.nowUser', { user, room }),
      nowRoom: (user: string, room: string) => f('console.nowRoom', { user, room }),
      hint: f('console.hint'),
      banner: (server: string) => f('console.banner', { server }),
      devServer: (url: string) => f('console.devServer', { url }),
      noServer: f('console.noServer'),
      privateTo: (user: string) => f('console.privateTo', { user }),
      typeAction: (action: string) => f('console.typeAction', { action }),
    },
    // schedule (issue 16): timetables, reminders, automatic start and end, calendar files
    schedule: {
      reminder: (course: string, time: string, zone: string, minutes: number, teachers: string) =>
        f('schedule.reminder', { course, time, zone, minutes, teachers, hasTeachers: yn(teachers !== '') }),
      alreadyOn: (course: string, time: string, zone: string) => f('schedule.alreadyOn', { course, time, zone }),
      autoStarted: (course: string, time: string, end: string, zone: string) => f('schedule.autoStarted', { course, time, end, zone }),
      autoStartedYourLink: (course: string) => f('schedule.autoStartedYourLink', { course }),
      autoEnded: (course: string, grace: number, end: string) => f('schedule.autoEnded', { course, grace, end }),
      weekly: (days: string, time: string, duration: string) => f('schedule.weekly', { days, time, duration }),
      once: (date: string, time: string, duration: string) => f('schedule.once', { date, time, duration }),
      added: (course: string, id: number, slot: string) => f('schedule.added', { course, id: String(id), slot }),
      removed: (course: string, id: number) => f('schedule.removed', { course, id: String(id) }),
      notFound: (course: string, id: string, prefix: string) => f('schedule.notFound', { course, id, prefix }),
      cleared: (course: string, count: number) => f('schedule.cleared', { course, count }),
      listTitle: (course: string, zone: string) => f('schedule.listTitle', { course, zone }),
      listLine: (id: number, slot: string) => f('schedule.listLine', { id: String(id), slot }),
      listEmpty: (course: string) => f('schedule.listEmpty', { course }),
      listSettings: (minutes: number, autoStart: boolean, autoEnd: boolean, grace: number) =>
        f('schedule.listSettings', { minutes, autoStart: yn(autoStart), autoEnd: yn(autoEnd), grace }),
      nextClass: (when: string) => f('schedule.nextClass', { when }),
      badSlot: (problems: string, prefix: string) => f('schedule.badSlot', { problems, prefix }),
      badDay: (word: string) => f('schedule.badDay', { word }),
      badTime: (word: string) => f('schedule.badTime', { word }),
      badDuration: (word: string) => f('schedule.badDuration', { word }),
      badCount: f('schedule.badCount'),
      badId: (prefix: string) => f('schedule.badId', { prefix }),
      icsReady: (course: string, count: number) => f('schedule.icsReady', { course, count }),
      icsDescription: (prefix: string, room: string) => f('schedule.icsDescription', { prefix, room }),
      /** What `config set` expects for each schedule option. */
      expected: {
        timezone: f('schedule.expected.timezone'),
        reminder: f('schedule.expected.reminder'),
        'auto-start': f('schedule.expected.autoStart'),
        'auto-end': f('schedule.expected.autoEnd'),
      } as Record<string, string>,
    },
    // globalSchedule (issue 16): the global conference's timetable
    globalSchedule: {
      nextClass: (when: string) => f('globalSchedule.nextClass', { when }),
      /** Help lines of its commands, keyed by the command's words. */
      summaries: {
        'global schedule': f('globalSchedule.summaries.global schedule'),
        'global schedule ics': f('globalSchedule.summaries.global schedule ics'),
        'config global schedule add': f('globalSchedule.summaries.config global schedule add'),
        'config global schedule remove': f('globalSchedule.summaries.config global schedule remove'),
        'config global schedule clear': f('globalSchedule.summaries.config global schedule clear'),
      } as Record<string, string>,
    },
    // classroom (issue 13): classroom settings, link preferences, one-time links
    classroom: {
      /** What `config set` expects for each kind of classroom option. */
      expected: (choices: string, max: number): Record<'flag' | 'choice' | 'text', string> => ({
        flag: f('classroom.expectedFlag'),
        choice: f('classroom.expectedChoice', { choices }),
        text: f('classroom.expectedText', { max }),
      }),
      serverDefault: f('classroom.serverDefault'),
      appliesNextLink: f('classroom.appliesNextLink'),
      prefsTitle: f('classroom.prefsTitle'),
      courseSetting: f('classroom.courseSetting'),
      prefsHint: (prefix: string, options: string) => f('classroom.prefsHint', { prefix, options }),
      prefSet: (name: string, value: 'on' | 'off' | 'default') => f('classroom.prefSet', { name, value }),
      prefUnknown: (name: string, options: string) => f('classroom.prefUnknown', { name, options }),
      linkPageTitle: f('classroom.linkPageTitle'),
      linkRefused: (reason: 'used' | 'expired', command: string) => f('classroom.linkRefused', { reason, command }),
    },
    // guests (issue 13): guest invitations and their page
    guests: guestMessages(c),
  };
}

export type Messages = ReturnType<typeof buildMessages>;
