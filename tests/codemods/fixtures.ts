/**
 * The fixture pairs of one codemod (`codemods/<id>/__testfixtures__/<case>.input.ts` and
 * `.output.ts`, both always present): the transform turns the input into the output, changes
 * nothing on a second run, and the codemod's rules report nothing on the output that it would fix.
 * Cases named `lookalike*` must come out unchanged; every other case must change. Each case also
 * runs through jscodeshift's own test helper, as `npx jscodeshift -t` calls a transform.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { applyTransform } from 'jscodeshift/src/testUtils.js';
import { describe, expect, it } from 'vitest';

import { decide } from '../../codemods/apply.js';
import { lintFindings } from '../../codemods/findings.js';
import { presetLintText } from '../../codemods/lint-setup.js';
import { codemodById } from '../../codemods/registry.js';
import type { Transform } from '../../codemods/transform.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function fixturePairs(id: string): { name: string; input: string; output: string }[] {
  const folder = path.join(root, 'codemods', id, '__testfixtures__');
  return fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.input.ts'))
    .map((file) => ({ name: file.replace(/\.input\.ts$/, ''), input: path.join(folder, file), output: path.join(folder, file.replace(/\.input\.ts$/, '.output.ts')) }));
}

/** What the codemod's rules still report on `file`'s text, and which of it the codemod would fix. */
export function remainingFindings(id: string, file: string, text: string): { fixable: string[]; left: string[] } {
  const codemod = codemodById(id);
  if (!codemod) throw new Error(`unknown codemod ${id}`);
  const rules = Object.fromEntries(Object.keys(codemod.rules).map((rule) => [`async-db/${rule}`, 'error' as const]));
  const { findings, parseError } = lintFindings(presetLintText(file, rules, root), text);
  if (parseError !== undefined) throw new Error(parseError);
  const describeFinding = (finding: (typeof findings)[number]): string => `${String(finding.line)}:${finding.rule}/${finding.messageId}`;
  return {
    fixable: findings.filter((finding) => 'edit' in decide(finding, [codemod])).map(describeFinding),
    left: findings.filter((finding) => 'reason' in decide(finding, [codemod])).map(describeFinding),
  };
}

export function describeFixtures(id: string, transform: Transform): void {
  describe(`${id} fixtures`, () => {
    for (const pair of fixturePairs(id)) {
      it(pair.name, () => {
        const input = fs.readFileSync(pair.input, 'utf8');
        const expected = fs.readFileSync(pair.output, 'utf8');
        const output = transform({ path: pair.input, source: input }, {}) ?? input;
        expect(output).toBe(expected);
        // A lookalike is not even reported: the codemod's precision is the rule's.
        if (pair.name.startsWith('lookalike')) expect(remainingFindings(id, pair.input, input)).toEqual({ fixable: [], left: [] });
        else expect(output).not.toBe(input);
        // Idempotent: a second run changes nothing.
        expect(transform({ path: pair.input, source: output }, {})).toBeUndefined();
        expect(remainingFindings(id, pair.input, output).fixable).toEqual([]);
      });
      it(`${pair.name} through jscodeshift's runner API`, () => {
        const input = fs.readFileSync(pair.input, 'utf8');
        // jscodeshift's test helper trims, and gives '' for an unchanged file.
        const expected = pair.name.startsWith('lookalike') ? '' : fs.readFileSync(pair.output, 'utf8').trim();
        expect(applyTransform({ default: transform, parser: 'ts' }, {}, { path: pair.input, source: input })).toBe(expected);
      });
    }
  });
}
