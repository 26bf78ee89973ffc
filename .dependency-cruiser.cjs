/**
 * The pipeline's shape, checked in CI (`npm run lint:deps`): each folder of src/ is a stage, data
 * flows one way, and a stage imports only from the stages before it (model, the shared types,
 * comes first). No module imports itself back through others.
 */
const STAGES = ['model', 'content', 'extract', 'graph', 'store', 'queries', 'render', 'search', 'schema', 'server', 'bin'];

const laterThan = (i) => STAGES.slice(i + 1);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes two modules one: neither can be read, tested or replaced alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...STAGES.slice(0, -1).map((stage, i) => ({
      name: `${stage}-imports-earlier-stages-only`,
      comment: `src/${stage}/ is stage ${i + 1} of the pipeline (${STAGES.join(' → ')}); it may import only from the stages before it.`,
      severity: 'error',
      from: { path: `^src/${stage}/` },
      to: { path: `^src/(${laterThan(i).join('|')})/` },
    })),
    {
      name: 'only-stage-folders',
      comment: `Every module of src/ sits in a stage folder (${STAGES.join(', ')}): a folder outside the list would escape the rules above.`,
      severity: 'error',
      from: {},
      to: { path: '^src/', pathNot: `^src/(${STAGES.join('|')})/` },
    },
    {
      name: 'only-stage-folders-import',
      comment: 'The same, for modules that import something (the rule above catches those imported).',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(${STAGES.join('|')})/` },
      to: {},
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports is dead code (entry points excepted).',
      severity: 'error',
      from: { orphan: true, path: '^src/', pathNot: ['^src/bin/', '^src/store/parse-worker(-entry)?\\.(ts|mjs)$'] },
      to: {},
    },
    {
      name: 'src-does-not-import-tests-or-bench',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(tests|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs'] },
  },
};
