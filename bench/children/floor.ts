// The floor: a bare Bolt app, same @slack/bolt version and HTTPReceiver as the bot, whose
// `/conference` only acks and answers through the response_url. Whatever the bot costs above
// this is ours. Environment: SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_API_URL.
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { answerStats, ready } from './stats.ts';

answerStats();
process.on('disconnect', () => process.exit(0));
const env = process.env;
const receiver = new HTTPReceiver({ signingSecret: env['SLACK_SIGNING_SECRET']!, endpoints: ['/slack/events'] });
const app = new App({
  token: env['SLACK_BOT_TOKEN']!,
  receiver,
  logLevel: LogLevel.ERROR,
  convoStore: false,
  clientOptions: { slackApiUrl: env['SLACK_API_URL']! },
});
app.command('/conference', async ({ ack, respond }) => {
  await ack();
  await respond({ response_type: 'ephemeral', replace_original: false, text: 'Here is your link.' });
});
const server = await receiver.start(0);
ready((server.address() as AddressInfo).port);
