// `report --chart`, the picture: the PNG decodes (signature, IHDR, inflated IDAT), has the width
// the module promises and the height of its SVG; the SVG names each attendee and the no-show,
// marks moderators (their own colour, in the PNG too), and speaks the reader's language and time zone.
import { afterAll, describe, expect, it } from 'vitest';
import { attendanceChart, type ChartRequest } from '../../../src/core/after/chart/attendance-chart.ts';
import { MAX_PNG_HEIGHT, PNG_WIDTH, svgSize, toPng } from '../../../src/core/after/chart/render.ts';
import { attendanceRows } from '../../../src/core/after/attendance.ts';
import { exactRows } from '../../../src/core/after/exact-report.ts';
import { messages } from '../../../src/i18n/index.ts';
import { countColour, decodePng } from '../../helpers/png.ts';
import { cleanUp, emptyClass, exactClass, T0, T_END } from './fixture.ts';

afterAll(cleanUp);
const MODERATOR_RED = '#c0392b';
const VIEWER_BLUE = '#2471a3';
/** Every piece of text the SVG draws (text elements and their tspans). */
const texts = (svg: string): string[] => [...svg.matchAll(/>([^<>]+)<\/(?:text|tspan)>/g)].map((m) => m[1]!.replace(/&#39;/g, "'").replace(/&amp;/g, '&'));

function request(over: Partial<ChartRequest> = {}): ChartRequest {
  const { store, meetingId } = exactClass();
  return {
    t: messages('en'), label: 'Algebra (MATH101)', meeting: store.meetings.byId(meetingId)!,
    rows: { exact: exactRows(store, meetingId)! }, userTimeZone: undefined, botTimeZone: 'UTC', now: T_END + 3_600_000, ...over,
  };
}

describe('the attendance chart', () => {
  it('is a PNG that decodes, PNG_WIDTH wide and as tall as its SVG scaled; it names each attendee and the no-show', async () => {
    const chart = await attendanceChart(request());
    const png = decodePng(chart.png);
    expect([png.width, png.height]).toEqual([chart.width, chart.height]);
    expect(png.width).toBe(PNG_WIDTH);
    const svg = svgSize(chart.svg);
    expect(Math.abs(png.height - (svg.height * PNG_WIDTH) / svg.width)).toBeLessThanOrEqual(1);
    expect(png.height).toBeGreaterThan(200);

    const words = texts(chart.svg);
    for (const name of ['Tina T.', 'Sam S.', 'Guest Gina']) expect(words).toContain(name);
    expect(words).toContain('Got a link but never came (1):');
    expect(words).toContain('Bob Never');
    expect(words.filter((w) => w === 'Bob Never')).toHaveLength(1); // listed below, not a row of the timeline
    expect(words).toContain("Times in UTC (the bot's time zone).");
    expect(words).toContain("Exact joins and leaves from BigBlueButton's analytics.");
    expect(words).toContain('Algebra (MATH101): who was in the class, 1 January 2025 at 10:00');
    // Moderators are marked: a legend entry and their own colour, drawn in the picture.
    expect(words).toEqual(expect.arrayContaining(['moderator', 'viewer', 'Role']));
    expect(countColour(png, MODERATOR_RED)).toBeGreaterThan(1000);
    expect(countColour(png, VIEWER_BLUE)).toBeGreaterThan(1000);
    // Sam's two sessions are two bars; the axis is the class's 10:00–10:52 in UTC.
    expect(chart.svg.match(/fill="#2471a3"/g)?.length).toBeGreaterThanOrEqual(3 + 1); // sam ×2, gina, legend
    expect(words).toEqual(expect.arrayContaining(['10:00', '10:30']));
    expect(words).not.toContain('11:30');
  });

  it("in the reader's language and time zone: a Spanish user in Madrid reads Spanish and 11:30", async () => {
    const chart = await attendanceChart(request({ t: messages('es'), userTimeZone: 'Europe/Madrid' }));
    const words = texts(chart.svg);
    expect(words).toEqual(expect.arrayContaining(['Hora', 'Rol', 'moderador', 'participante', 'Recibieron un enlace pero nunca entraron (1):']));
    expect(words).toContain('Horas en Europe/Madrid (tu zona horaria).');
    expect(words).toContain('Entradas y salidas exactas, según las analíticas de BigBlueButton.');
    expect(words.some((w) => /^Algebra \(MATH101\): quién estuvo en la clase, 1 de enero de 2025.* 11:00$/.test(w))).toBe(true);
    expect(words).toEqual(expect.arrayContaining(['11:00', '11:30']));
    expect(words).not.toContain('10:30');
    expect(words.join(' ')).not.toMatch(/Time|Role|Got a link|joins/);
    expect(decodePng(chart.png).width).toBe(PNG_WIDTH);
  });

  it("a time zone the platform reports but Intl does not know: the bot's, and it says so", async () => {
    const chart = await attendanceChart(request({ userTimeZone: 'Mars/Olympus', botTimeZone: 'America/New_York' }));
    const words = texts(chart.svg);
    expect(words).toContain("Times in America/New_York (the bot's time zone).");
    expect(words).toEqual(expect.arrayContaining(['05:00', '05:30']));
  });

  it('without analytics: the polling data, said so; a person seen in one sample still gets a visible bar', async () => {
    const { store, meetingId } = emptyClass();
    store.attendance.sample(meetingId, [{ userId: 'slack:U0TEACH01', fullName: 'Tina', role: 'MODERATOR' }, { userId: 'slack:U0STUD001', fullName: 'Sam', role: 'VIEWER' }], T0 + 60_000);
    store.attendance.sample(meetingId, [{ userId: 'slack:U0TEACH01', fullName: 'Tina', role: 'MODERATOR' }], T0 + 1_800_000);
    store.meetings.markEnded(meetingId, T0 + 1_860_000, 'reconciled');
    const chart = await attendanceChart(request({ meeting: store.meetings.byId(meetingId)!, rows: { sampled: attendanceRows(store, meetingId) } }));
    const words = texts(chart.svg);
    expect(words).toEqual(expect.arrayContaining(['Tina T.', 'Sam S.', 'Bob Never']));
    expect(words.join('\n')).toContain('Joins and leaves as the bot saw them while the class ran');
    const png = decodePng(chart.png);
    expect(countColour(png, VIEWER_BLUE)).toBeGreaterThan(100); // sam's one sample
  });

  it('nobody came: the chart says so and still lists who got a link', async () => {
    const { store, meetingId } = emptyClass();
    store.meetings.markEnded(meetingId, T0 + 600_000, 'reconciled');
    const chart = await attendanceChart(request({ meeting: store.meetings.byId(meetingId)!, rows: { sampled: attendanceRows(store, meetingId) } }));
    const words = texts(chart.svg);
    expect(words).toEqual(expect.arrayContaining(['Nobody was seen in the meeting.', 'Got a link but never came (3):', 'Bob Never, Sam S., Tina T.']));
    expect(decodePng(chart.png).width).toBe(PNG_WIDTH);
  });

  it('is bounded: 400 people → the first 300 drawn, a note, a PNG no taller than MAX_PNG_HEIGHT', async () => {
    const { store, meetingId } = emptyClass();
    const crowd = Array.from({ length: 400 }, (_, i) => ({ userId: `w_${i}`, fullName: `Person ${String(i).padStart(3, '0')}`, role: 'VIEWER' }));
    store.attendance.sample(meetingId, crowd, T0 + 60_000);
    store.attendance.sample(meetingId, crowd, T0 + 600_000);
    store.meetings.markEnded(meetingId, T0 + 900_000, 'reconciled');
    const started = performance.now();
    const chart = await attendanceChart(request({ meeting: store.meetings.byId(meetingId)!, rows: { sampled: attendanceRows(store, meetingId) } }));
    const words = texts(chart.svg);
    expect(words).toContain('Only the first 300 of 400 people are shown.');
    expect(words).toContain('Person 299');
    expect(words).not.toContain('Person 300');
    const png = decodePng(chart.png);
    expect(png.height).toBeLessThanOrEqual(MAX_PNG_HEIGHT);
    expect(png.height).toBeGreaterThan(3000);
    expect(performance.now() - started).toBeLessThan(60_000); // generous: a loaded 2-core machine
  }, 90_000);

  it('rasterises one picture at a time, and a failed one does not hold up the next', async () => {
    const ok = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="100" height="50" fill="#c0392b"/></svg>';
    const results = await Promise.allSettled([toPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect'), toPng(ok), toPng(ok)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    const png = decodePng((results[2] as PromiseFulfilledResult<{ png: Uint8Array }>).value.png);
    expect([png.width, png.height]).toEqual([PNG_WIDTH, PNG_WIDTH / 2]);
    expect(countColour(png, MODERATOR_RED)).toBe(PNG_WIDTH * (PNG_WIDTH / 2));
  });

  it('renders its text: the fonts are found (without them resvg draws no glyphs)', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="white"/><text x="4" y="30" font-family="DejaVu Sans" font-size="28" fill="#000000">Tina</text></svg>';
    const png = decodePng((await toPng(svg)).png);
    expect(countColour(png, '#000000', 60)).toBeGreaterThan(200);
  });
});
