// Every user-facing string the Matrix adapter writes itself (the core writes the rest).
// Kept in one object so that it can be translated later (BOT_LANGUAGE).

export const messages = {
  // Notices to one user: the adapter puts a mention of them (user id, pill) in front.
  dmSent: (newRoom: boolean) =>
    newRoom
      ? `I sent you a direct message (accept my invitation to read it).`
      : `I sent you a direct message.`,
  dmFailed: () =>
    `I could not send you a direct message. Ask an admin to check that I may invite you, then type the command again.`,
  secretRedacted: (prefix: string) =>
    `I deleted your message because it contained the BigBlueButton secret. ` +
    `Send \`${prefix} config server …\` only in the direct-message room I created with you, never in any other room. ` +
    `Everyone here may already have seen the secret: consider it exposed and change it on the BigBlueButton server ` +
    `with \`bbb-conf --setsecret <new secret>\`, then send the new one to me in a direct message.`,
  secretNotRedacted: (prefix: string) =>
    `Your message contains the BigBlueButton secret and I could not delete it (I am not allowed to remove messages here): delete it yourself now. ` +
    `Send \`${prefix} config server …\` only in the direct-message room I created with you, never in any other room. ` +
    `Consider the secret exposed and change it on the BigBlueButton server with \`bbb-conf --setsecret <new secret>\`.`,
  encryptedRoom: (prefix: string) =>
    `This room is end-to-end encrypted, and I cannot read encrypted messages, so I will not see class commands here. ` +
    `Use an unencrypted room for class commands: create a new room with encryption turned off ` +
    `(encryption cannot be turned off in an existing room), invite me, and type \`${prefix} help\` there.`,
  actionHint: (label: string, command: string) => `${label}: type ${command}`,
  fileAttached: (name: string) => `${name} (attached)`,
  somethingWentWrong: (ref: string) =>
    `Something went wrong (ref ${ref}). Please try again, or tell an admin this reference.`,
} as const;
