// Every user-facing text of the core, in English. Other languages copy this object's shape
// (type Messages), so a missing translation is a type error.

export const en = {
  // General
  somethingWentWrong: (ref: string) => `Something went wrong on our side (ref ${ref}). Please try again; if it keeps happening, give the reference to your admin.`,
  unknownCommand: (prefix: string, word: string) => `Unknown command "${word}". Type ${prefix} help to see what you can do here.`,
  usage: (prefix: string, command: string, usage: string) => `Usage of ${command}: ${prefix} ${usage}`,
  helpTitle: (prefix: string) => `Commands you can use here (type them after ${prefix}):`,
  helpNotLinked: 'This room is not linked to a course yet, so class commands are not available here.',
  roleLine: (role: string, course?: string) => (course ? `You are ${role} of ${course} in this room.` : `You are ${role}.`),
  roleNames: { admin: 'an admin', teacher: 'a teacher', coach: 'a coach', student: 'a student' } as Record<string, string>,

  /** One line per command in help, keyed by the command's words. */
  summaries: {
    help: 'show the commands you can use here',
    start: 'start the class (teachers and coaches) and get your moderator link',
    join: 'get your personal link to the class once it has started',
    end: 'end the class for everyone (teachers and coaches)',
    status: 'is the class running, since when, and who is there',
    notify: 'be told privately, with your link, the moment the class starts',
    recordings: 'list the recordings of this course',
    'recordings publish': 'publish a recording (teachers and coaches)',
    'recordings unpublish': 'hide a recording from students (teachers and coaches)',
    'recordings delete': 'delete a recording (teachers and coaches; asks to confirm)',
    report: 'attendance of a class: who got a link and who was there (teachers and coaches)',
    config: 'admin settings (with nothing after it on Slack: a private form for the server)',
    'config server': 'connect the BigBlueButton server (in a direct message only)',
    'config show': 'show the settings (the secret is masked)',
    'config link': 'link this room to a course, optionally one group of it',
    'config unlink': 'unlink this room from its course',
    'config teacher': 'name or remove a teacher (or coach) of this room\'s course',
    'config admin': 'name or remove an admin of the bot',
    'config set': 'set an option of this room\'s course',
  } as Record<string, string>,

  // Rooms and courses
  roomNotLinked: 'This room is not linked to a course. Ask an admin to link it with: config link <COURSE-CODE> [title]',
  roomNotLinkedAdmin: (prefix: string) => `This room is not linked to a course yet. Link it with: ${prefix} config link <COURSE-CODE> [title] [--group NAME]`,
  courseLabel: (title: string, code: string, group: string) => `${title} (${code}${group ? `, group ${group}` : ''})`,
  serverNotConfigured: (prefix: string) => `No BigBlueButton server is configured yet: an admin runs ${prefix} config server URL SECRET in a direct message with the bot (or sets BBB_URL and BBB_SECRET).`,

  // Permissions
  onlyModerators: (course: string, names: string) =>
    `Only the teachers and coaches of ${course} can do that${names ? ` (${names})` : ''}. Ask one of them, or an admin.`,
  onlyAdmins: 'Only admins can change the configuration. Ask an admin of this bot.',

  // start
  started: (who: string, course: string) => `${who} started the class ${course}.`,
  startedHowToJoin: (prefix: string, buttons: boolean) => `Type ${prefix} join${buttons ? ' (or press Join)' : ''} to get your personal link.`,
  yourModeratorLink: (course: string) => `Your moderator link for ${course} (only for you, do not share it):`,
  alreadyRunning: (course: string) => `${course} is already running. Your moderator link (only for you, do not share it):`,
  moderatorLinkLabel: 'Join as moderator',
  viewerLinkLabel: 'Join the class',
  notifyButton: 'Notify me',
  moderatorTag: ' (moderator)',

  // join
  notStarted: (course: string, starters: string) =>
    `${course} has not started yet. ${starters ? `It can be started by ${starters}.` : 'A teacher or coach of the course can start it.'}`,
  notStartedModeratorAbsent: (course: string) => `${course} is open, but no teacher or coach is in it yet. Try again in a moment.`,
  notStartedYouCanStart: (prefix: string) => `You can start it with ${prefix} start.`,
  notifyOffer: (prefix: string, buttons: boolean) => `Want to be told when it starts? Type ${prefix} notify${buttons ? ' (or press Notify me)' : ''}.`,
  full: (course: string, count: number, max: number) => `${course} is full (${count} of ${max}). Try again when someone leaves.`,
  yourViewerLink: (course: string) => `Your link to ${course} (only for you, do not share it):`,
  meetingEndedMeanwhile: (course: string) => `${course} has just ended.`,

  // end
  ended: (who: string, course: string) => `${who} ended the class ${course}.`,
  endedBy: (who: string) => `Ended by ${who}.`,
  notRunning: (course: string) => `${course} is not running.`,

  // status
  statusNotStarted: (course: string) => `${course}: not started.`,
  statusRunning: (course: string, minutes: number, participants: number, moderators: number, recorded: boolean) =>
    `${course}: running for ${minutes} min, ${participants} participant${participants === 1 ? '' : 's'} (${moderators} moderator${moderators === 1 ? '' : 's'}), ${recorded ? 'recorded' : 'not recorded'}.`,
  statusWaiting: (course: string, minutes: number, recorded: boolean) =>
    `${course}: open for ${minutes} min, nobody has joined yet, ${recorded ? 'recorded' : 'not recorded'}.`,
  statusPeople: (names: string) => `In the meeting: ${names}.`,

  // BBB trouble, as users see it
  bbbUnreachable: 'The BigBlueButton server cannot be reached right now. Please try again in a minute; if it persists, tell an admin.',
  bbbWrongSecret: (prefix: string) => `The BigBlueButton server refused the bot's secret. An admin must set the server again with ${prefix} config.`,
  bbbRefused: (key: string) => `BigBlueButton refused the request (${key}). Please try again; if it persists, tell an admin.`,
  meetingStillClosing: (course: string) => `${course || 'The class'} is still closing on the BigBlueButton server. Try again in a few seconds.`,

  // config
  configShow: (lines: string) => `Configuration:\n${lines}`,
  /** Labels of `config show`; option names (record, duration, …) stay as typed in commands. */
  showLabels: { server: 'BigBlueButton server', secretMasked: 'secret ********', admins: 'Admins', room: 'This room', teachers: 'Teachers', coaches: 'Coaches', minutes: 'min' },
  configServerSaved: (url: string, version: string) => `BigBlueButton server saved: ${url} (${version}). The secret was checked and is not shown.`,
  configServerUnreachable: (url: string) => `Could not reach a BigBlueButton server at ${url}. Check the address and that the server is up; nothing was saved.`,
  configServerNotBbb: (url: string) => `${url} answered, but not like a BigBlueButton server. Check the address (it usually ends in /bigbluebutton/); nothing was saved.`,
  configServerWrongSecret: 'The server rejected that secret. Copy it again from `bbb-conf --secret` on the BigBlueButton server; nothing was saved.',
  configSecretNotHere: (prefix: string) =>
    `Do not type the BigBlueButton secret in a shared room. ${prefix.startsWith('/') ? `Run ${prefix} config with nothing after it: a private form asks for the server and its secret` : `Send ${prefix} config server <url> <secret> in a direct message to the bot`}. Consider the secret exposed if you already posted it here: change it with bbb-conf --setsecret.`,
  configCheckAdminOk: 'You are an admin.',
  linked: (room: string, course: string) => `Linked the room ${room} to ${course}.`,
  unlinked: (course: string) => `This room is no longer linked to ${course}. The course and its settings are kept.`,
  unlinkNothing: 'This room is not linked to any course.',
  unknownUser: (name: string) => `I don't know a user "${name}". Mention them as they appear in this chat.`,
  badUser: (name: string, example: string) => `"${name}" is not a user name. Name a user like ${example}.`,
  teacherAdded: (name: string, role: string, course: string) => `${name} is now ${role === 'coach' ? 'a coach' : 'a teacher'} of ${course}.`,
  teacherRemoved: (name: string, course: string) => `${name} is no longer a teacher or coach of ${course}.`,
  teacherNotFound: (name: string, course: string) => `${name} is not a teacher or coach of ${course}; nothing changed.`,
  adminAdded: (name: string) => `${name} is now an admin.`,
  adminAlready: (name: string) => `${name} is already an admin.`,
  adminRemoved: (name: string) => `${name} is no longer an admin.`,
  adminNotFound: (name: string) => `${name} is not an admin; nothing changed.`,
  adminFromEnv: (name: string) => `${name} is an admin through BOT_ADMINS; remove them there and restart the bot.`,
  adminNotYourself: 'You cannot remove yourself as admin; ask another admin.',
  unknownOption: (name: string, options: string) => `Unknown option "${name}". Options: ${options}.`,
  badOptionValue: (name: string, expected: string) => `Invalid value for ${name}: expected ${expected}.`,
  optionSet: (name: string, value: string, course: string) => `${course}: ${name} is now ${value}.`,
  optionAppliesNext: 'It applies from the next start of the class.',
  none: 'none',
  on: 'on',
  off: 'off',
  defaultValue: (v: string) => `default (${v})`,
  notSet: 'not set',

  // After the command (issue 6)
  durationText: (minutes: number) =>
    minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`,
  meetingSummary: (course: string, started: string, ended: string, duration: string, people: number) =>
    `${course} has ended. Started ${started}, ended ${ended} (${duration}); ${people} ${people === 1 ? 'person' : 'people'} took part.`,
  recordingReady: (course: string, date: string, duration: string) => `The recording of ${course} from ${date} (${duration}) is ready:`,
  recordingFormats: { presentation: 'Presentation', video: 'Video', podcast: 'Audio', notes: 'Notes', screenshare: 'Screen share' } as Record<string, string>,
  notifyAdded: (course: string) => `I will tell you privately, with your link, as soon as ${course} starts.`,
  notifyAlready: (course: string) => `You are already on the list: I will tell you privately as soon as ${course} starts.`,
  notifyNowStarted: (course: string) => `${course} has started.`,
  recordingsNone: (course: string) => `${course} has no recordings yet.`,
  recordingsTitle: (course: string, shown: number, total: number) =>
    `Recordings of ${course}${shown < total ? ` (the latest ${shown} of ${total})` : ''}:`,
  recordingLine: (n: number, date: string, duration: string) => `${n}. ${date}, ${duration}`,
  recordingTeacherDetails: (state: string, id: string) => ` [${state}] id ${id}`,
  recordingStates: { published: 'published', unpublished: 'unpublished (students do not see it)', processing: 'processing', processed: 'processed' } as Record<string, string>,
  recordingLinkLabel: (n: number, format: string) => `${n}. ${format}`,
  recordingsBadCount: (prefix: string) => `Usage: ${prefix} recordings [N], where N is how many to show (1 to 50).`,
  recordingsNeedId: (prefix: string, action: string) => `Name the recording: ${prefix} recordings ${action} <id> (the ids are in ${prefix} recordings).`,
  recordingNotInCourse: (id: string, course: string) => `There is no recording ${id} of ${course}. The ids are in the list of recordings.`,
  recordingPublished: (id: string) => `Recording ${id} is published: students can see it.`,
  recordingUnpublished: (id: string) => `Recording ${id} is unpublished: students no longer see it.`,
  recordingDeleteConfirm: (prefix: string, id: string) =>
    `Deleting a recording cannot be undone. To delete it, type ${prefix} recordings delete ${id} --confirm within 5 minutes.`,
  recordingDeleted: (id: string) => `Recording ${id} is deleted.`,
  reportBadArg: (prefix: string) => `Usage: ${prefix} report [last|YYYY-MM-DD] [--csv]`,
  reportNoMeeting: (course: string) => `${course} has no class on record yet.`,
  reportNoMeetingOn: (course: string, date: string) => `${course} had no class on ${date}.`,
  reportTitle: (course: string, start: string, end: string | null) =>
    `Attendance of ${course}, ${start} to ${end ?? 'now (still running)'}:`,
  reportLine: (name: string, linkGiven: boolean, joined: string | null, left: string | null, role: string) =>
    `- ${name}: link given ${linkGiven ? 'yes' : 'no'}, ${joined ? `joined ${joined}, left ${left ?? '-'}` : 'not seen in the meeting'}, ${role}`,
  reportNobody: 'Nobody got a link or was seen in the meeting.',
  reportTotals: (links: number, present: number) => `${links} got a link, ${present} were seen in the meeting.`,
  reportSampled: 'Join and leave times are when the bot first and last saw each person in the meeting (it looks regularly while the class runs).',
  reportCsvReady: (course: string, date: string) => `Attendance of ${course} on ${date}, as a CSV file.`,
  reportCsvHeader: ['Name', 'User', 'Link given', 'Joined at', 'Left at', 'Role'],
  reportRoles: { MODERATOR: 'moderator', VIEWER: 'viewer' } as Record<string, string>,
  yes: 'yes',
  no: 'no',

  // guard: `config server` never repeats a rejected argument (it may be the secret), issue 9 item 9
  configServerUrlInvalid:
    'That server URL is not valid, so nothing was saved (what you typed is not repeated, in case it was the secret). Use the address of your BigBlueButton server with http:// or https:// and no user name or password, e.g. https://bbb.school.edu/bigbluebutton/',
  configServerArgsSwapped: (prefix: string) =>
    `The URL comes first, then the secret: ${prefix} config server <url> <secret>. Nothing was saved, and what you typed is not repeated here.`,

  // bbb: answers too large to read; per-user command limits
  bbbTooLarge: 'The BigBlueButton server sent an answer too large to read, so the bot stopped reading it. Please tell an admin: the server may be misconfigured.',
  rateLimited: (seconds: number) =>
    `You are sending commands faster than the bot can answer them. Please wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`,
};

export type Messages = typeof en;
