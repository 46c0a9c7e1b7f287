// The logger: JSON lines for machines, LOG_LEVEL honoured, secrets and join links never written,
// known sensitive fields blanked by path, child loggers carrying their bindings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'info', format: 'json' | 'pretty' = 'json') {
  const lines: string[] = [];
  const log = createLogger({ level, format, write: (l) => lines.push(l), secrets: ['s3cr3t-value'] });
  return { log, lines };
}

describe('logger', () => {
  it('writes one JSON object per line with level, time and message, at or above LOG_LEVEL', () => {
    const { log, lines } = capture('warn');
    log.info('hidden');
    log.warn('shown', { course: 'MATH101' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: 'shown', course: 'MATH101' });
    expect(Date.parse((JSON.parse(lines[0]!) as { time: string }).time)).not.toBeNaN();
  });

  it('blanks sensitive fields by path and keeps errors readable', () => {
    const { log, lines } = capture();
    log.error('failed', { url: 'https://x/y', joinUrl: 'https://x/join?a', req: { token: 't', authorization: 'Bearer b' }, error: new Error('boom') });
    const o = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(o).toMatchObject({ url: '[redacted]', joinUrl: '[redacted]', req: { token: '[redacted]', authorization: '[redacted]' }, error: { message: 'boom' } });
  });

  it('never writes a registered secret or a join link, wherever it appears', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.stringMatching(/^[a-zA-Z0-9=&%.-]{0,40}$/), (text, query) => {
        const { log, lines } = capture('debug');
        const link = `https://bbb.example.org/bigbluebutton/api/join?${query}`;
        log.info(`${text} ${link} s3cr3t-value`, { note: `${link} s3cr3t-value`, nested: { deeper: { text: link } } });
        const out = lines.join('\n');
        expect(out).not.toContain('s3cr3t-value');
        expect(out).not.toContain('/api/join?');
      }),
      { numRuns: 200 },
    );
  });

  it('child loggers carry their bindings and share the secrets registered later', () => {
    const { log, lines } = capture();
    const child = log.child({ cmd: 'ab12cd34' });
    log.addSecret('late-secret-1234');
    child.info('command', { outcome: 'ok', text: 'late-secret-1234' });
    expect(JSON.parse(lines[0]!)).toMatchObject({ cmd: 'ab12cd34', outcome: 'ok', text: '[redacted]' });
  });

  it('writes readable text in the pretty format', () => {
    const { log, lines } = capture('info', 'pretty');
    log.warn('pretty line s3cr3t-value', { course: 'MATH101' });
    expect(lines.join('\n')).toMatch(/WARN.*pretty line \[redacted\]/);
    expect(lines.join('\n')).toContain('MATH101');
  });
});
