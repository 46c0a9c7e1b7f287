// The audit line's command id (issue 14 made it cheaper: a pooled random source, and the command's
// child logger made only when the command logs): still 8 random hex digits, one per command, and
// the command's own lines carry the same id as its audit line.
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

  it("a command's own lines and its audit line carry the same id", () => {
    const log = memoryLogger();
    const inv = { platform: 'slack' as const, user: { id: 'U1', displayName: 'Sam' }, room: { id: 'C1' }, text: 'join' };
    const audit = startAudit(log, inv);
    audit.log.warn('BBB unavailable', { error: 'timeout' });
    audit.log.child({ step: 'x' }).info('inner');
    audit.done();
    const cmdOf = (l: string): string | undefined => /"cmd":"([0-9a-f]{8})"/.exec(l)?.[1];
    expect(log.lines).toHaveLength(3);
    expect(new Set(log.lines.map(cmdOf)).size).toBe(1);
    expect(cmdOf(log.lines[0]!)).toBeDefined();
    expect(log.lines[1]).toContain('"step":"x"');
  });
});
