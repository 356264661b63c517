// ESLint 9 flat config. Its point is the layering rules: which folder may import what is a lint
// error, not a convention (see ARCHITECTURE.md › Invariants). electron/main/layering.test.ts proves
// each rule fires.
//
// no-restricted-imports matches the import string as written, not the file it resolves to, so the
// rules for relative imports are generated per folder depth: from electron/core/a/b.ts the main
// process is exactly `../../main`, and only that spelling (or `../../../electron/main`) reaches it.
const { builtinModules } = require('node:module');
const { defineConfig, globalIgnores } = require('eslint/config');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');

const SOURCE_EXTENSIONS = '{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const TS_FILES = ['**/*.{ts,tsx,mts,cts}'];
/** Folder depth below a layer's root that gets rules; deeper files would need a larger number. */
const MAX_DEPTH = 10;

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const ups = (count) => '\\.\\./'.repeat(count);
const segments = (folder) => folder.split('/');

const NODE_BUILTINS = [...new Set(builtinModules.map((name) => name.replace(/^node:/, '')))];
/** `node:anything`, or a bare builtin name (`fs`, `fs/promises`, `process`, …). */
const NODE_BUILTIN_REGEX = `^(?:node:|(?:${NODE_BUILTINS.map(escapeRegex).join('|')})$)`;
/** `electron/main`, `electron/renderer`, …; bare `electron` is a `paths` entry of each layer. */
const ELECTRON_SUBPATH_REGEX = '^electron/';

/**
 * A regex matching every relative spelling, from a file `depth` folders below `from`, that reaches
 * into `target` (both repo-relative folders): up to each shared ancestor, then down into target.
 */
function relativeImportRegex(from, target, depth) {
  const fromParts = segments(from);
  const targetParts = segments(target);
  let common = 0;
  while (common < fromParts.length && common < targetParts.length && fromParts[common] === targetParts[common]) {
    common += 1;
  }
  const spellings = [];
  for (let kept = 0; kept <= common; kept += 1) {
    const rest = targetParts.slice(kept);
    if (rest.length === 0) continue;
    spellings.push(ups(fromParts.length - kept + depth) + rest.map(escapeRegex).join('/'));
  }
  return `^(?:${spellings.join('|')})(?:/|$)`;
}

/**
 * The rule blocks for one layer: `forbidden` lists bare-module regexes and `forbiddenFolders` the
 * repo folders the layer must not reach. `allowOnly` turns the layer into an allow-list instead.
 */
function layer({ folder, message, forbidBare = [], forbiddenFolders = [], allowOnly }) {
  const blocks = [];
  for (let depth = 0; depth <= MAX_DEPTH; depth += 1) {
    const patterns = allowOnly
      ? [{ regex: allowOnly(depth), message }]
      : [
          ...forbidBare.map((regex) => ({ regex, message })),
          ...forbiddenFolders.map((target) => ({ regex: relativeImportRegex(folder, target, depth), message })),
        ];
    blocks.push({
      name: `gopherlab/layering/${folder}/depth-${depth}`,
      files: [`${folder}/${'*/'.repeat(depth)}*.${SOURCE_EXTENSIONS}`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: allowOnly ? [] : [{ name: 'electron', message }],
            patterns,
          },
        ],
      },
    });
  }
  return blocks;
}

/** electron/preload may import `electron`, its own folder, and shared/ — nothing else. */
function preloadAllowList(depth) {
  const allowed = [
    'electron$',
    '\\./(?!\\.\\./)',
    ...(depth > 0 ? [`(?:\\.\\./){1,${depth}}(?!\\.\\.)`] : []),
    `${ups(segments('electron/preload').length + depth)}shared/`,
  ];
  return `^(?!(?:${allowed.join('|')}))`;
}

const layeringRules = [
  ...layer({
    folder: 'electron/core',
    message:
      'electron/core is the plain-Node engine: it must not import Electron nor electron/main, electron/preload, ' +
      'electron/server, electron/cli or renderer/ (they import core, not the other way round).',
    forbidBare: [ELECTRON_SUBPATH_REGEX],
    forbiddenFolders: ['electron/main', 'electron/preload', 'electron/server', 'electron/cli', 'renderer'],
  }),
  ...layer({
    folder: 'renderer',
    message:
      'renderer/ runs in a sandboxed browser page: no Electron, no Node builtins, nothing from electron/. ' +
      'Talk to the main process through the contract client (shared/contract.ts).',
    forbidBare: [ELECTRON_SUBPATH_REGEX, NODE_BUILTIN_REGEX],
    forbiddenFolders: ['electron'],
  }),
  ...layer({
    folder: 'shared',
    message:
      'shared/ is imported by both sides and imports neither: no Electron, no Node builtins, nothing from ' +
      'electron/ or renderer/.',
    forbidBare: [ELECTRON_SUBPATH_REGEX, NODE_BUILTIN_REGEX],
    forbiddenFolders: ['electron', 'renderer'],
  }),
  ...layer({
    folder: 'electron/preload',
    message:
      'electron/preload is a sandboxed preload: it may import only `electron`, its own folder and shared/ ' +
      '(and must stay small: import channel names, not the zod schemas).',
    allowOnly: preloadAllowList,
  }),
];

const onlyTs = (configs) => configs.map((config) => ({ ...config, files: config.files ?? TS_FILES }));

module.exports = defineConfig([
  globalIgnores(['dist/', 'node_modules/', 'release/', '.cache/', 'test-results/', 'playwright-report/']),
  js.configs.recommended,
  ...onlyTs(tseslint.configs.recommended),
  {
    name: 'gopherlab/typescript',
    files: TS_FILES,
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Declaration files describe shapes from elsewhere (lib.dom's WebAssembly, …): `declare var`,
    // merge-only empty interfaces and `Function` are how those shapes are written.
    name: 'gopherlab/declarations',
    files: ['**/*.d.ts'],
    rules: {
      'no-var': 'off',
      '@typescript-eslint/no-empty-object-type': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    name: 'gopherlab/node',
    files: [
      `electron/**/*.${SOURCE_EXTENSIONS}`,
      `scripts/**/*.${SOURCE_EXTENSIONS}`,
      `bench/**/*.${SOURCE_EXTENSIONS}`,
      `e2e/**/*.${SOURCE_EXTENSIONS}`,
      `e2e-electron/**/*.${SOURCE_EXTENSIONS}`,
      `bin/**/*.${SOURCE_EXTENSIONS}`,
      `build/**/*.${SOURCE_EXTENSIONS}`,
      `*.${SOURCE_EXTENSIONS}`,
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'gopherlab/browser',
    files: [`renderer/**/*.${SOURCE_EXTENSIONS}`],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    name: 'gopherlab/commonjs',
    files: ['**/*.cjs', 'eslint.config.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  ...layeringRules,
]);
