import { describe, expect, it } from 'vitest';
import { parseDevBbbArgs } from '../../../src/bbb/dev-server/cli.ts';

describe('dev-bbb command line', () => {
  it('parses --port and --secret in both spellings', () => {
    expect(parseDevBbbArgs([])).toEqual({ port: 8090 });
    expect(parseDevBbbArgs(['--port', '0', '--secret', 's3'])).toEqual({ port: 0, secret: 's3' });
    expect(parseDevBbbArgs(['--port=9000', '--secret=a=b'])).toEqual({ port: 9000, secret: 'a=b' });
  });

  it('rejects bad or unknown arguments with the usage line', () => {
    expect(() => parseDevBbbArgs(['--port', 'x'])).toThrow(/usage: bbb-chatops dev-bbb/);
    expect(() => parseDevBbbArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseDevBbbArgs(['--secret'])).toThrow(/--secret/);
    expect(() => parseDevBbbArgs(['--verbose'])).toThrow(/unknown argument/);
  });
});
