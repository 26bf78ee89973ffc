// Run by tests/graph-shapes.test.ts under `node --allow-natives-syntax --import tsx`: prints, per
// kind of graph object, how many hidden classes its objects have and how many are in dictionary mode.
import { loadContent } from '../../src/store/load-content.js';

const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

const { graph } = await loadContent(process.argv[2] ?? '');
const report: Record<string, { objects: number; maps: number; slow: number }> = {};
for (const [kind, map] of Object.entries({ events: graph.events, talks: graph.talks, resources: graph.resources, speakers: graph.speakers, projects: graph.projects })) {
  const objects = [...(map as ReadonlyMap<string, object>).values()];
  const maps: object[] = [];
  for (const o of objects) if (!maps.some((m) => haveSameMap(m, o))) maps.push(o);
  report[kind] = { objects: objects.length, maps: maps.length, slow: objects.filter((o) => !hasFastProperties(o)).length };
}
console.log(JSON.stringify(report));
