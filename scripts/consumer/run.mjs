/**
 * `npm run consumer`: installs the plugin as its users do and lints a small app with it.
 *
 * Packs the package from a copy of the sources without dist/ (so `prepack` must build it), checks
 * the package with publint and arethetypeswrong, then creates fresh projects outside the repository
 * and installs the tarball with real `npm install`s, once with the oldest supported peers (ESLint
 * 9.15.0, TypeScript 5.0, the lowest supported typescript-eslint) and once with the newest ones
 * the peer ranges allow. Each project lints fixtures/consumer-app with each configuration the
 * README shows (read from README.md, so it shows what works) and compares the findings with the
 * app's `// expect: async-db/<rule>` comments (the finding is on the next line), and runs the
 * package's `async-db` command (`list`, `fix --dry` on a tiny project).
 *
 *   npm run consumer                               every scenario
 *   npm run consumer -- --only oldest              one peer set (oldest | newest)
 *   npm run consumer -- --json FILE                also write the scenarios' results as JSON
 *   npm run consumer -- --typescript-eslint 8.9.0  the oldest set with this typescript-eslint, every
 *                                                  @typescript-eslint/* package forced to it (to
 *                                                  find the lowest version that works)
 *   npm run consumer -- --keep                     keep the temporary projects
 *
 * Prints one line per scenario and `consumer: N passed, N failed`; exit code 1 when one failed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const appDir = path.join(root, 'fixtures', 'consumer-app');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    json: { type: 'string' },
    'typescript-eslint': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

/** The floor of the plugin's own `@typescript-eslint/utils` range: the lowest supported version. */
const lowestTypescriptEslint = /\d+\.\d+\.\d+/.exec(manifest.dependencies['@typescript-eslint/utils'])?.[0] ?? '';
const peerSets = {
  oldest: { eslint: '9.15.0', typescript: '~5.0.0', 'typescript-eslint': args['typescript-eslint'] ?? lowestTypescriptEslint },
  // The newest versions our peer ranges allow (typescript@latest is 7, outside them).
  newest: { eslint: manifest.peerDependencies.eslint, typescript: manifest.peerDependencies.typescript, 'typescript-eslint': '^8.0.0' },
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'async-db-consumer-'));
/** @type {{ name: string; passed: boolean; details: string }[]} */
const results = [];

function record(name, passed, details) {
  results.push({ name, passed, details });
  console.log(`${passed ? 'ok  ' : 'FAIL'} ${name}${details ? ` — ${details}` : ''}`);
}

/** Environment for child npm processes: without the variables `npm run` sets for this package. */
const childEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(npm_package_|npm_lifecycle_|npm_config_local_prefix$|npm_command$|INIT_CWD$|FORCE_COLOR$)/.test(key),
    ),
  ),
  // Plain output to match on: a CI that forces colour would put escape codes inside the words.
  NO_COLOR: '1',
};

/** Terminal colour codes, which some tools print even when asked not to. */
const ansiEscape = /\u001b\[[0-9;]*m/g;

function run(command, commandArgs, cwd) {
  const result = spawnSync(command, commandArgs, { cwd, env: childEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const stdout = (result.stdout ?? '').replace(ansiEscape, '');
  const stderr = (result.stderr ?? '').replace(ansiEscape, '');
  return { status: result.status ?? 1, stdout, stderr, output: `${stdout}${stderr}`.trim() };
}

const lastLines = (text, count = 8) => text.split('\n').filter(Boolean).slice(-count).join('\n');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/**
 * A copy of what the package is built from, without dist/: `npm pack` there must build it
 * (`prepack`), as on a fresh clone. Packing a copy also leaves the checkout's dist/ alone while
 * other tests read it.
 */
function stagePackage() {
  const stage = path.join(work, 'package');
  fs.mkdirSync(stage);
  const entries = ['package.json', 'README.md', 'LICENSE', 'docs', 'eslint-plugin.ts', 'orm', 'rules', 'codemods', 'tsconfig.json', 'tsconfig.build.json'];
  for (const entry of entries) {
    const from = path.join(root, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(stage, entry), { recursive: true });
  }
  // The build tools only; the tarball's own dependencies come from the registry in each project.
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(stage, 'node_modules'));
  return stage;
}

function pack(stage) {
  const packed = run('npm', ['pack', '--json', '--pack-destination', work], stage);
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${lastLines(packed.output, 20)}`);
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
  const files = info.files.map((file) => file.path);
  const missing = [manifest.exports['.'].default, manifest.exports['.'].types].map((file) => file.replace(/^\.\//, '')).filter((file) => !files.includes(file));
  record('pack: npm pack on a copy without dist/ builds it (prepack)', missing.length === 0, missing.length ? `missing ${missing.join(', ')}` : `${info.filename}, ${files.length} files`);
  return path.join(work, info.filename);
}

function checkPackage(stage, tarball) {
  const publint = run(bin('publint'), ['--strict'], stage);
  record('package: publint --strict', publint.status === 0, lastLines(publint.output, publint.status === 0 ? 1 : 20));
  // ESM only: `require()` of it works from Node.js 20.19 (our engines floor), which attw's node16
  // CommonJS resolution does not model, hence the esm-only profile.
  const attw = run(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'table-flipped'], stage);
  record('package: @arethetypeswrong/cli (esm-only profile)', attw.status === 0, attw.status === 0 ? 'no problems' : lastLines(attw.output, 20));
}

/** Comments `// expect: async-db/<rule>[, async-db/<rule>]` mark the next line. */
function expectationsOf(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, index) => {
      const rules = /\/\/ expect: (\S+(?:\s*,\s*\S+)*)/.exec(text)?.[1];
      return rules ? rules.split(',').map((rule) => `${path.basename(file)}:${index + 2} ${rule.trim()}`) : [];
    });
}

/** The README's configuration blocks, each with its file name and what it is for. */
function readmeConfigs() {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const configure = readme.slice(readme.indexOf('## Configure'), readme.indexOf('### Which libraries are checked'));
  return [...configure.matchAll(/```js\n(\/\/ (eslint\.config\.[cm]?js)\n[\s\S]*?)```/g)].map(([, code, file]) => {
    const kind = code.includes('require(') ? 'cjs' : code.includes('projectService') ? 'typed' : code.includes('typescript-eslint') ? 'untyped' : 'javascript';
    return { kind, file, code };
  });
}

const installArgs = ['--no-audit', '--no-fund', '--prefer-offline', '--no-update-notifier'];

/**
 * A project with `dependencies` installed, then the plugin added with `npm install --save-dev`, as
 * to an existing project: npm then reuses the project's @typescript-eslint/* packages for the
 * plugin's ranges. (Installing an exact older typescript-eslint and the plugin in one command
 * places the newest 8.x for the plugin first, a second copy that `npm dedupe` removes.)
 */
function install(dir, dependencies, tarball, { overrides, omitPeers = false } = {}) {
  fs.mkdirSync(dir, { recursive: true });
  const projectManifest = { name: path.basename(dir), private: true, devDependencies: dependencies, ...(overrides ? { overrides } : {}) };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(projectManifest, null, 2)}\n`);
  fs.cpSync(appDir, path.join(dir, 'app'), { recursive: true });
  // Peers are installed by npm itself (as users get them) except where a scenario omits them.
  const omit = omitPeers ? ['--omit=peer'] : [];
  for (const step of [['install', ...installArgs, ...omit], ['install', '--save-dev', ...installArgs, ...omit, tarball]]) {
    const result = run('npm', step, dir);
    if (result.status !== 0) throw new Error(`npm ${step.join(' ')} failed in ${dir}:\n${lastLines(result.output, 20)}`);
  }
}

/** Installed version of a package in a project, or undefined. */
function versionIn(dir, name) {
  const file = path.join(dir, 'node_modules', name, 'package.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).version : undefined;
}

/** Every installed copy of each @typescript-eslint/* package, nested ones included. */
function typescriptEslintCopies(dir) {
  const copies = new Map();
  const walk = (modules) => {
    if (!fs.existsSync(modules)) return;
    for (const entry of fs.readdirSync(modules)) {
      if (entry === '.bin') continue;
      const names = entry.startsWith('@') ? fs.readdirSync(path.join(modules, entry)).map((name) => `${entry}/${name}`) : [entry];
      for (const name of names) {
        const location = path.join(modules, name);
        if (name.startsWith('@typescript-eslint/')) {
          const version = JSON.parse(fs.readFileSync(path.join(location, 'package.json'), 'utf8')).version;
          copies.set(name, [...(copies.get(name) ?? []), `${path.relative(dir, location)}@${version}`]);
        }
        walk(path.join(location, 'node_modules'));
      }
    }
  };
  walk(path.join(dir, 'node_modules'));
  return copies;
}

function checkSingleCopies(name, dir) {
  const copies = typescriptEslintCopies(dir);
  const duplicated = [...copies].filter(([, locations]) => locations.length > 1);
  const versions = [...new Set([...copies.values()].flat().map((location) => location.split('@').pop()))];
  record(
    `${name}: one copy of each @typescript-eslint/* package`,
    duplicated.length === 0 && copies.size > 0,
    duplicated.length ? duplicated.map(([, locations]) => locations.join(' + ')).join('; ') : `${copies.size} packages, version ${versions.join(', ')}`,
  );
}

/** Lints the app with one README configuration and compares the findings with the expectations. */
function lintScenario(name, dir, config, extensions) {
  fs.writeFileSync(path.join(dir, config.file), config.code);
  const lint = run(path.join(dir, 'node_modules', '.bin', 'eslint'), ['-c', config.file, '-f', 'json', 'app'], dir);
  fs.rmSync(path.join(dir, config.file));
  let report;
  try {
    report = JSON.parse(lint.stdout);
  } catch {
    record(name, false, `eslint exited ${lint.status}: ${lastLines(lint.output, 20)}`);
    return;
  }
  const files = fs.readdirSync(path.join(dir, 'app', 'src')).filter((file) => extensions.includes(path.extname(file)));
  const expected = files.flatMap((file) => expectationsOf(path.join(dir, 'app', 'src', file))).sort();
  const found = report.flatMap((result) => result.messages.map((m) => `${path.basename(result.filePath)}:${m.line} ${m.ruleId ?? `parse error: ${m.message}`}`)).sort();
  const linted = new Set(report.map((result) => path.extname(result.filePath)));
  const unlinted = extensions.filter((extension) => !linted.has(extension));
  const missing = expected.filter((finding) => !found.includes(finding));
  const unexpected = found.filter((finding) => !expected.includes(finding));
  const passed = missing.length === 0 && unexpected.length === 0 && unlinted.length === 0;
  const details = passed
    ? `${found.length} findings as expected in ${report.length} files (${extensions.join(' ')})`
    : [
        unlinted.length ? `not linted: ${unlinted.join(' ')}` : '',
        missing.length ? `missing: ${missing.join('; ')}` : '',
        unexpected.length ? `unexpected: ${unexpected.join('; ')}` : '',
      ]
        .filter(Boolean)
        .join(' | ');
  record(name, passed, details);
}

const javascript = ['.js', '.jsx', '.mjs', '.cjs'];
const everything = [...javascript, '.ts', '.tsx', '.mts', '.cts'];

function peerSetScenarios(label, peers, tarball, configs) {
  const forced = args['typescript-eslint'] && label === 'oldest';
  // Bisecting: every @typescript-eslint/* package at the version under test, the plugin's included.
  const overrides = forced
    ? Object.fromEntries(['utils', 'scope-manager', 'typescript-estree', 'visitor-keys', 'types', 'parser'].map((name) => [`@typescript-eslint/${name}`, peers['typescript-eslint']]))
    : undefined;

  // JavaScript only, without TypeScript: ESLint and the plugin, npm's automatic peers left out.
  const jsDir = path.join(work, `${label}-javascript`);
  install(jsDir, { eslint: peers.eslint }, tarball, { omitPeers: true, overrides });
  const jsConfig = configs.find((config) => config.kind === 'javascript');
  const typescriptAbsent = versionIn(jsDir, 'typescript') === undefined;
  const jsName = `${label} JavaScript only (ESLint ${versionIn(jsDir, 'eslint')}, no TypeScript installed)`;
  if (!typescriptAbsent) record(jsName, false, `typescript ${versionIn(jsDir, 'typescript')} is installed`);
  else if (!jsConfig) record(jsName, false, 'README shows no JavaScript-only configuration');
  else lintScenario(jsName, jsDir, jsConfig, javascript);
  checkSingleCopies(`${label} JavaScript only`, jsDir);

  const tsDir = path.join(work, `${label}-typescript`);
  install(tsDir, { eslint: peers.eslint, typescript: peers.typescript, 'typescript-eslint': peers['typescript-eslint'] }, tarball, { overrides });
  const versions = `ESLint ${versionIn(tsDir, 'eslint')}, TypeScript ${versionIn(tsDir, 'typescript')}, typescript-eslint ${versionIn(tsDir, 'typescript-eslint')}`;
  for (const kind of ['untyped', 'typed', 'cjs']) {
    const config = configs.find((candidate) => candidate.kind === kind);
    const name = `${label} ${{ untyped: 'untyped TypeScript', typed: 'typed (projectService)', cjs: 'eslint.config.cjs' }[kind]} (${versions})`;
    if (config) lintScenario(name, tsDir, config, everything);
    else record(name, false, `README shows no ${kind} configuration`);
  }
  checkSingleCopies(`${label} TypeScript`, tsDir);
  commandScenario(`${label} async-db command (${versions})`, tsDir);
}

/**
 * The package's `async-db` bin from the installed tarball: `npx async-db list`, and
 * `async-db fix --dry --json` on a tiny project (no ESLint config: the recommended preset) whose
 * two outer-client queries inside a Prisma transaction it must count as fixable, writing nothing;
 * then the packed `use-transaction-handle` transform under jscodeshift on the same project.
 */
function commandScenario(name, dir) {
  const list = run('npx', ['--no-install', 'async-db', 'list'], dir);
  if (list.status !== 0 || !list.stdout.includes('use-transaction-handle')) {
    record(name, false, `async-db list exited ${list.status}: ${lastLines(list.output, 10)}`);
    return;
  }
  const project = path.join(dir, 'fix-project');
  const source = [
    "import { PrismaClient } from '@prisma/client';",
    'const prisma = new PrismaClient();',
    'export async function order(id: number): Promise<void> {',
    '  await prisma.$transaction(async (tx) => {',
    '    await tx.book.update({ where: { id }, data: { stock: 0 } });',
    '    await prisma.order.create({ data: { bookId: id } });',
    '    await prisma.audit.create({ data: { bookId: id } });',
    '  });',
    '}',
    '',
  ].join('\n');
  fs.mkdirSync(path.join(project, 'src'), { recursive: true });
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'fix-project', private: true, dependencies: { '@prisma/client': '*' } }));
  fs.writeFileSync(path.join(project, 'src', 'orders.ts'), source);
  const fix = run(path.join(dir, 'node_modules', '.bin', 'async-db'), ['fix', '--dry', '--json', 'report.json'], project);
  let report;
  try {
    report = JSON.parse(fs.readFileSync(path.join(project, 'report.json'), 'utf8'));
  } catch {
    record(name, false, `async-db fix --dry exited ${fix.status} without a report: ${lastLines(fix.output, 10)}`);
    return;
  }
  const fixed = report.codemods['use-transaction-handle']?.fixed;
  const unchanged = fs.readFileSync(path.join(project, 'src', 'orders.ts'), 'utf8') === source;
  // The packed transform run by jscodeshift (the repository's copy; --dry writes nothing).
  const transform = path.join(dir, 'node_modules', 'eslint-plugin-async-db', 'dist', 'codemods', 'use-transaction-handle', 'transform.js');
  const jscodeshift = run(bin('jscodeshift'), ['--no-babel', '--dry', '--parser=ts', '--extensions=ts', '-t', transform, 'src'], project);
  const transformed = jscodeshift.status === 0 && /\b1 ok\b/.test(jscodeshift.stdout) && /\b0 errors\b/.test(jscodeshift.stdout);
  const passed = fix.status === 0 && fixed === 2 && unchanged && report.errors.length === 0 && transformed;
  record(
    name,
    passed,
    passed
      ? `list; fix --dry: ${lastLines(fix.stdout, 1)}; jscodeshift -t …/use-transaction-handle/transform.js: 1 ok`
      : `exit ${fix.status}, fixed ${fixed}, unchanged ${unchanged}: ${lastLines(fix.output, 10)}; jscodeshift: ${lastLines(jscodeshift.output, 10)}`,
  );
}

function main() {
  const started = Date.now();
  console.log(`Consumer scenarios in ${work}`);
  try {
    const stage = stagePackage();
    const tarball = pack(stage);
    if (!args['typescript-eslint']) checkPackage(stage, tarball);
    const configs = readmeConfigs();
    const labels = args['typescript-eslint'] ? ['oldest'] : args.only ? [args.only] : ['oldest', 'newest'];
    for (const label of labels) {
      if (!(label in peerSets)) throw new Error(`unknown peer set ${label} (oldest | newest)`);
      peerSetScenarios(label, peerSets[label], tarball, configs);
    }
  } catch (error) {
    record('setup', false, error instanceof Error ? error.message : String(error));
  }
  if (args.keep) console.log(`Kept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
  const failed = results.filter((result) => !result.passed).length;
  if (args.json) fs.writeFileSync(args.json, `${JSON.stringify({ results, seconds: Math.round((Date.now() - started) / 1000) }, null, 2)}\n`);
  console.log(`consumer: ${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();
