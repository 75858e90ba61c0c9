/**
 * eslint-plugin-async-db: rules for async database pitfalls (transactions, blocking calls,
 * relations, pools) across the major TypeScript database libraries.
 */
import fs from 'node:fs';

import type { TSESLint } from '@typescript-eslint/utils';

import { rules } from './rules/index.js';
import type { AsyncDbRuleDocs } from './rules/utils/create-rule.js';

type RuleId = keyof typeof rules;
type Preset = 'recommended' | 'recommended-type-checked' | 'strict' | 'all';

/** The package's own manifest: next to this file in source, one folder up from dist/. */
function readOwnManifest(): { name: string; version: string } {
  for (const relative of ['./package.json', '../package.json']) {
    const url = new URL(relative, import.meta.url);
    if (fs.existsSync(url)) return JSON.parse(fs.readFileSync(url, 'utf8')) as { name: string; version: string };
  }
  return { name: 'eslint-plugin-async-db', version: '0.0.0' };
}

const packageJson = readOwnManifest();

const ruleIds = Object.keys(rules) as RuleId[];

/** Which rules a preset turns on, from each rule's `meta.docs`. */
function rulesOf(preset: Preset): Record<string, TSESLint.SharedConfig.RuleEntry> {
  const selected = ruleIds.filter((id) => {
    const docs: AsyncDbRuleDocs = rules[id].meta.docs ?? {};
    const typed = docs.requiresTypeChecking === true;
    switch (preset) {
      case 'recommended':
        return docs.recommended === 'recommended' && !typed;
      case 'recommended-type-checked':
        return docs.recommended === 'recommended';
      case 'strict':
        return docs.recommended !== undefined;
      case 'all':
        return true;
    }
  });
  return Object.fromEntries(selected.map((id) => [`async-db/${id}`, 'error' as const]));
}

const plugin = {
  meta: { name: packageJson.name, version: packageJson.version, namespace: 'async-db' },
  rules,
  configs: {} as Record<Preset, TSESLint.FlatConfig.Config>,
};

for (const preset of ['recommended', 'recommended-type-checked', 'strict', 'all'] as const) {
  plugin.configs[preset] = {
    name: `async-db/${preset}`,
    plugins: { 'async-db': plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: rulesOf(preset),
  };
}

export { rules };
export const configs = plugin.configs;
export default plugin;
