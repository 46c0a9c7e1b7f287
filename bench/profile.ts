// Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: self time by place
// (a package, a folder of ours, node itself) and the heaviest functions.
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = new URL('..', import.meta.url).href;

/** A file URL -> the place it belongs to: `pino`, `@slack/bolt`, `src/store`, `node:internal`, … */
export function placeOf(url: string): string {
  if (url === '') return '(native / idle / gc)';
  if (url.startsWith('node:')) return 'node:' + (url.split('/')[1] ?? url.slice(5));
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const ours = url.startsWith(ROOT) ? url.slice(ROOT.length) : undefined;
  if (ours !== undefined) return ours.split('/').slice(0, ours.startsWith('src/') ? 2 : 1).join('/');
  return url.replace(/^.*\//, '');
}

export function summarise(path: string, top = 20): string {
  const p = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const places = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const name = n.callFrame.functionName || '(anonymous)';
    if (name === '(idle)' || name === '(program)') continue;
    total += us;
    const place = name === '(garbage collector)' ? '(gc)' : placeOf(n.callFrame.url);
    places.set(place, (places.get(place) ?? 0) + us);
    const fn = `${name} ${n.callFrame.url.replace(/^.*\/(node_modules|src|adapters)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
    fns.set(fn, (fns.get(fn) ?? 0) + us);
  }
  // Each sample is charged to the innermost frame of our own code (src/, adapters/) on its stack,
  // so time spent inside a library is charged to the call of ours that asked for it.
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ours = new Map<string, number>();
  for (const [id, us] of self) {
    const leaf = byId.get(id)!.callFrame.functionName;
    if (leaf === '(idle)' || leaf === '(program)') continue;
    let cur: number | undefined = id;
    let key = '(not under our code: Bolt, HTTP, timers)';
    while (cur !== undefined) {
      const f = byId.get(cur)!.callFrame;
      if (f.url.startsWith(ROOT) && !f.url.includes('/node_modules/')) {
        key = `${f.functionName || '(anonymous)'} ${f.url.slice(ROOT.length)}:${f.lineNumber + 1}`;
        break;
      }
      cur = parent.get(cur);
    }
    ours.set(key, (ours.get(key) ?? 0) + us);
  }
  const pct = (us: number): string => `${((us / total) * 100).toFixed(1).padStart(5)} %`;
  const rows = (m: Map<string, number>): string[] => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `  ${pct(us)}  ${k}`);
  return [`busy ${(total / 1000).toFixed(0)} ms (idle excluded); self time by place:`, ...rows(places), 'heaviest functions:', ...rows(fns), 'charged to our code (innermost caller of ours):', ...rows(ours)].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2)) console.log(`${file}\n${summarise(file)}\n`);
}
