import { chromium } from 'playwright-core';
import { generateSynthetic } from '/work/main/bench/synthetic.ts';
const data = generateSynthetic({ entities: 5000, relations: 20000, seed: 2020 });
const edges = [...data.relations()].map((r) => ({ id: r.id, type: r.type, since: r.since ?? null, until: r.until ?? null, from: { slug: r.from }, to: { slug: r.to } }));
const nodes = data.entities.map((e: any) => ({ id: e.slug, slug: e.slug, name: e.name, kind: e.kind, category: e.category ?? null }));
const answer = JSON.stringify({ data: { graph: { nodes, edges } } });
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-background-networking'] });
const p = await b.newPage({ viewport: { width: 1400, height: 900 } });
await p.route('**/graphql', (route) => route.fulfill({ contentType: 'application/json', body: answer }));
const cdp = await p.context().newCDPSession(p);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
await cdp.send('Profiler.start');
await p.goto(process.argv[2] ?? 'http://127.0.0.1:4000/?renderer=canvas');
await p.waitForFunction(() => document.getElementById('app')?.dataset.status === 'ready', null, { timeout: 300000 });
await p.waitForTimeout(3000);
const { profile } = await cdp.send('Profiler.stop') as any;
console.log(await p.evaluate(() => JSON.stringify(performance.getEntriesByType('mark').map(m => [m.name, Math.round(m.startTime)]))));
const self = new Map<string, number>();
const dt = profile.timeDeltas as number[];
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
const counts = new Map<number, number>();
profile.samples.forEach((id: number, i: number) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
for (const [id, t] of counts) { const n: any = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + t); }
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, t]) => `${(t / 1000).toFixed(0).padStart(6)}ms ${k}`).join('\n'));
// inclusive time per node, then per function key
const children = new Map<number, number[]>(profile.nodes.map((n: any) => [n.id, n.children ?? []]));
const incl = new Map<number, number>();
const total = (id: number): number => { if (incl.has(id)) return incl.get(id)!; let t = counts.get(id) ?? 0; for (const c of children.get(id) ?? []) t += total(c); incl.set(id, t); return t; };
for (const n of profile.nodes) total(n.id);
const inclBy = new Map<string, number>();
for (const n of profile.nodes as any[]) { const k = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`; inclBy.set(k, Math.max(inclBy.get(k) ?? 0, incl.get(n.id) ?? 0)); }
console.log('--- inclusive (max per node)');
console.log([...inclBy].sort((a, b) => b[1] - a[1]).slice(0, 45).map(([k, t]) => `${(t / 1000).toFixed(0).padStart(6)}ms ${k}`).join('\n'));
// parents of Collection
const parent = new Map<number, number>(); for (const n of profile.nodes as any[]) for (const c of n.children ?? []) parent.set(c, n.id);
const callers = new Map<string, number>();
for (const n of profile.nodes as any[]) if (n.callFrame.functionName === 'Collection') { let pid = parent.get(n.id); const chain: string[] = []; for (let i = 0; i < 4 && pid; i++) { const pn: any = byId.get(pid); chain.push(pn.callFrame.functionName || '(anon)'); pid = parent.get(pid); } const k = chain.join(' < '); callers.set(k, (callers.get(k) ?? 0) + (incl.get(n.id) ?? 0)); }
console.log('--- Collection callers');
console.log([...callers].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, t]) => `${(t / 1000).toFixed(0).padStart(6)}ms ${k}`).join('\n'));
await b.close();
