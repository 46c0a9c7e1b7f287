// The audit line's command id (issue 14 made it cheaper): still 8 random hex digits, one per command.
import { describe, expect, it } from 'vitest';
import { commandId, startAudit } from '../../src/audit.ts';
import { memoryLogger } from '../../src/log.ts';

describe('audit command id', () => {
  it('is 8 hex digits and practically never repeats', () => {
    const ids = Array.from({ length: 20_000 }, commandId);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(new Set(ids).size).toBeGreaterThan(19_990); // 32 random bits: a repeat or two at most
  });

  it('each command logs its own id on its audit line', () => {
    const log = memoryLogger();
    const inv = { platform: 'console' as const, user: { id: 'sam', displayName: 'Sam' }, room: { id: 'general' }, text: 'join' };
    for (let i = 0; i < 3; i++) startAudit(log, inv).done();
    const cmds = log.lines.map((l) => /"cmd":"([0-9a-f]+)"/.exec(l)?.[1]);
    expect(cmds.every((c) => c !== undefined && /^[0-9a-f]{8}$/.test(c))).toBe(true);
    expect(new Set(cmds).size).toBe(3);
  });
});
