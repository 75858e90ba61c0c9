/**
 * A unified diff of two texts (`--- a/file`, `+++ b/file`, hunks with three lines of context), as
 * `git apply` and `patch -p1` read it. The codemods' edits are small, so the common head and tail
 * are cut off first and only the middle is compared line by line.
 */

const context = 3;

type Line = { readonly kind: ' ' | '-' | '+'; readonly text: string; readonly oldLine: number; readonly newLine: number };

/** The longest common subsequence of two line lists, as an edit script. */
function editScript(a: readonly string[], b: readonly string[], aStart: number, bStart: number): Line[] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const lengths = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * cols + j] = a[i] === b[j] ? (lengths[(i + 1) * cols + j + 1] ?? 0) + 1 : Math.max(lengths[(i + 1) * cols + j] ?? 0, lengths[i * cols + j + 1] ?? 0);
    }
  }
  const script: Line[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      script.push({ kind: ' ', text: a[i] ?? '', oldLine: aStart + i, newLine: bStart + j });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || (lengths[(i + 1) * cols + j] ?? 0) >= (lengths[i * cols + j + 1] ?? 0))) {
      script.push({ kind: '-', text: a[i] ?? '', oldLine: aStart + i, newLine: bStart + j });
      i++;
    } else {
      script.push({ kind: '+', text: b[j] ?? '', oldLine: aStart + i, newLine: bStart + j });
      j++;
    }
  }
  return script;
}

function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${String(count === 0 ? start - 1 : start)},${String(count)}`;
}

/** The unified diff of `before` → `after` for `file` (a path relative to the project), or '' when equal. */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  // A final line break ends the last line rather than starting an empty one.
  const bothEnd = before.endsWith('\n') && after.endsWith('\n');
  const a = (bothEnd ? before.slice(0, -1) : before).split('\n');
  const b = (bothEnd ? after.slice(0, -1) : after).split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const lines: Line[] = [
    ...a.slice(0, head).map((text, index) => ({ kind: ' ' as const, text, oldLine: index, newLine: index })),
    ...editScript(a.slice(head, a.length - tail), b.slice(head, b.length - tail), head, head),
    ...a.slice(a.length - tail).map((text, index) => ({ kind: ' ' as const, text, oldLine: a.length - tail + index, newLine: b.length - tail + index })),
  ];
  const out = [`--- a/${file}`, `+++ b/${file}`];
  const changed = lines.flatMap((line, index) => (line.kind === ' ' ? [] : [index]));
  let index = 0;
  while (index < changed.length) {
    const first = changed[index] ?? 0;
    let last = first;
    while (index + 1 < changed.length && (changed[index + 1] ?? 0) - last <= 2 * context + 1) last = changed[++index] ?? last;
    index++;
    const start = Math.max(0, first - context);
    const end = Math.min(lines.length, last + context + 1);
    const hunk = lines.slice(start, end);
    const oldCount = hunk.filter((line) => line.kind !== '+').length;
    const newCount = hunk.filter((line) => line.kind !== '-').length;
    const firstLine = lines[start];
    out.push(`@@ -${range((firstLine?.oldLine ?? 0) + 1, oldCount)} +${range((firstLine?.newLine ?? 0) + 1, newCount)} @@`);
    for (const line of hunk) out.push(`${line.kind}${line.text}`);
  }
  return `${out.join('\n')}\n`;
}
