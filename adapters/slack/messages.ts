// Every user-facing string the Slack adapter writes itself (the core writes the rest).
// Kept in one object so that it can be translated later (BOT_LANGUAGE).

export const messages = {
  workingOnIt: 'Working on it…',
  somethingWentWrong: (ref: string) => `Something went wrong (ref ${ref}). Please try again, or tell an admin this reference.`,
  inviteTheBot: (botName: string) =>
    `I am not a member of this channel, so I could not post the announcement here. ` +
    `Invite me with \`/invite @${botName}\` and try again.`,
  whatEveryoneWouldHaveSeen: 'This is what the channel would have seen:',
  classEnded: 'This class has ended.',
  joinButton: 'Join',
  notifyButton: 'Notify me',
  fileTruncated: (name: string) => `(${name} was too long to show in full; ask an admin for the complete file.)`,
  fileHeading: (name: string) => `${name}:`,
  fileSentByDirectMessage: 'I sent you the file in a direct message',
  modal: {
    title: 'BigBlueButton server',
    submit: 'Save',
    close: 'Cancel',
    intro: 'Connect this bot to your BigBlueButton server. The secret is sent to the bot only; nobody in the channel sees it.',
    urlLabel: 'Server URL',
    urlPlaceholder: 'https://bbb.example.edu/bigbluebutton/',
    urlHint: 'The API address of the server (or of Scalelite), usually ending in /bigbluebutton/.',
    secretLabel: 'Shared secret',
    secretPlaceholder: 'Output of `bbb-conf --secret` on the server',
    secretHint: 'Printed by `bbb-conf --secret` on the BigBlueButton server.',
    checkingTitle: 'Checking…',
    checkingText: 'Checking the server. This takes a few seconds; the result will be sent to you as a message. You can close this window.',
  },
} as const;
