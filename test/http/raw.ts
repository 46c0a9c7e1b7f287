// Raw HTTP/1.1 over a socket, for requests no client library would send.
import { connect } from 'node:net';

/** Writes `text`, returns the status of the first answer (undefined if the server closed without one). */
export function rawExchange(base: string, text: string, o: { hangUpAfterWrite?: boolean } = {}): Promise<number | undefined> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    let answer = '';
    const socket = connect(Number(port), hostname, () => {
      socket.write(text, () => {
        if (o.hangUpAfterWrite) setTimeout(() => socket.destroy(), 50);
      });
    });
    const timer = setTimeout(() => socket.destroy(), 5000);
    socket.on('data', (d: Buffer) => {
      answer += d.toString('latin1');
      if (answer.includes('\r\n\r\n')) socket.end();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      resolve(status ? Number(status) : undefined);
    });
  });
}

/** Waits until `cond` holds (polling), or fails after `ms`. */
export async function until(cond: () => boolean, ms = 5000, what = 'the condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
