// Drawing without a browser: the Vega-Lite spec is compiled to Vega, laid out by a headless vega
// View (renderer 'none') into an SVG, and the SVG rasterised by resvg into a PNG, with DejaVu Sans
// (the spec's font) loaded from the system's font folder, else whatever fonts the system has.
import { existsSync } from 'node:fs';
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Width of the PNG in pixels (the SVG is scaled to it); the height follows the chart. */
export const PNG_WIDTH = 1200;
/** No PNG taller than this (the chart is scaled down to fit): a bound on memory and file size. */
export const MAX_PNG_HEIGHT = 8000;

const FONT_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF'];
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

let fonts: ResvgRenderOptions['font'] | undefined;

/** DejaVu Sans when it is installed (fast: two files), else every system font. */
export function fontOptions(): NonNullable<ResvgRenderOptions['font']> {
  fonts ??= (() => {
    const dir = FONT_DIRS.find((d) => FONT_FILES.every((f) => existsSync(`${d}/${f}`)));
    if (!dir) return { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' };
    return { loadSystemFonts: false, fontFiles: FONT_FILES.map((f) => `${dir}/${f}`), defaultFontFamily: 'DejaVu Sans' };
  })();
  return fonts;
}

/** Vega-Lite warns about things the chart does on purpose (a fixed time domain); stay quiet. */
const quiet = {
  level: () => quiet,
  error: () => quiet,
  warn: () => quiet,
  info: () => quiet,
  debug: () => quiet,
};

export async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec, { logger: quiet }).spec), { renderer: 'none', logLevel: 0 });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface Png {
  png: Uint8Array;
  width: number;
  height: number;
}

/** The size vega gave the SVG (its root's width and height). */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const size = (name: string): number => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(root)?.[1] ?? NaN);
  return { width: size('width'), height: size('height') };
}

/** Rasterised off the event loop (resvg's worker thread), one picture at a time: a bound on CPU and memory. */
export function toPng(svg: string): Promise<Png> {
  const size = svgSize(svg);
  if (!(size.width > 0 && size.height > 0)) return Promise.reject(new Error('chart: the SVG has no size'));
  const scale = Math.min(PNG_WIDTH / size.width, MAX_PNG_HEIGHT / size.height);
  const width = Math.max(1, Math.round(size.width * scale));
  const run = async (): Promise<Png> => {
    const image = await renderAsync(svg, { font: fontOptions(), fitTo: { mode: 'width', value: width } });
    return { png: image.asPng(), width: image.width, height: image.height };
  };
  const done = queue.then(run);
  queue = done.then(() => undefined, () => undefined);
  return done;
}

let queue: Promise<void> = Promise.resolve();
