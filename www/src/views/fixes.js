// Fix previews: the package's fixes for the open files as one diff, applied to the
// editor in one step and undone in one step.
import { button, download, element } from '../dom.js';

/** One applied or skipped fix: where, which rule, what it did or why not, and commands. */
function describe(item) {
  const where = item.file ? `${item.file}:${item.line}:${item.column} ` : '';
  const what = item.message ?? item.reason ?? '';
  return element(
    'li',
    { 'data-rule': item.rule },
    element('code', {}, item.rule),
    ` ${where}${what}`,
    item.usedDefault ? element('span', { class: 'meta' }, ` (assumed: ${item.usedDefault})`) : null,
    item.commands?.length ? element('pre', { tabindex: '0', 'aria-label': 'Commands' }, element('code', {}, item.commands.join('\n'))) : null,
  );
}

function diffLines(diff) {
  return diff.split('\n').map((line) => {
    let kind = 'same';
    if (line.startsWith('+++') || line.startsWith('---')) kind = 'file';
    else if (line.startsWith('@@')) kind = 'hunk';
    else if (line.startsWith('+')) kind = 'add';
    else if (line.startsWith('-')) kind = 'del';
    return element('span', { class: `diff-${kind}` }, `${line}\n`);
  });
}

/** Files the fixes write that are not open (a new `.env.example`), offered for download. */
function newFiles(fixes, files) {
  const open = new Set((files ?? []).map((f) => f.path));
  const added = fixes.files.filter((f) => f.changed && !open.has(f.path));
  if (added.length === 0) return null;
  return element(
    'div',
    { class: 'actions new-files' },
    'New files, not applied to the open ones:',
    ...added.map((f) => button(`Download ${f.path}`, () => download(f.path, f.text), { class: 'download', 'data-path': f.path })),
  );
}

/**
 * Why the build contexts were not replaced though the user gave a registry or tag (an
 * image reference the fix refuses), in the fix's own words; empty when nothing was refused.
 */
function refusedAnswers(fixes, given) {
  if (!given?.registry && !given?.tag) return [];
  const reasons = (fixes?.skipped ?? []).filter((s) => s.rule === 'build-context').map((s) => s.reason);
  return [...new Set(reasons)];
}

export function fixesView({ apply, undo, answer }) {
  const body = element('div', { id: 'fixes' });
  const described = { spellcheck: 'false', 'aria-describedby': 'fix-answers-note' };
  const registry = element('input', { id: 'fix-registry', type: 'text', placeholder: 'e.g. ghcr.io/acme', ...described });
  const tag = element('input', { id: 'fix-tag', type: 'text', placeholder: 'e.g. v1.0.0', ...described });
  const note = element('p', { id: 'fix-answers-note', class: 'error', hidden: true });
  const answers = element(
    'fieldset',
    { class: 'filters' },
    element('legend', {}, 'For images the fixes name'),
    element('label', { for: 'fix-registry' }, 'Registry '),
    registry,
    element('label', { for: 'fix-tag' }, ' Tag '),
    tag,
    note,
  );
  const changed = () => answer({ registry: registry.value.trim() || undefined, tag: tag.value.trim() || undefined });
  registry.addEventListener('change', changed);
  tag.addEventListener('change', changed);
  return {
    id: 'fixes',
    title: 'Fixes',
    panel: element('div', {}, answers, body),
    update({ calls, files, fixes, fixAnswers, fixError, fixesAnswering, undoable }) {
      answers.hidden = !calls.includes('fix');

      // while the preview for answers just given is made, the one shown stays: the
      // click on Apply that left the field lands on a button still there
      body.setAttribute('aria-busy', String(Boolean(fixesAnswering && !fixError)));
      if (fixesAnswering && !fixError && body.querySelector('#apply-fixes')) return;

      const refused = refusedAnswers(fixes, fixAnswers);
      note.textContent = refused.length ? `The registry or tag was not used: ${refused.join('; ')}.` : '';
      note.hidden = refused.length === 0;

      const undoButton = undoable ? button('Undo the fixes', undo, { id: 'undo-fixes' }) : null;
      if (!calls.includes('fix')) {
        body.replaceChildren(element('p', {}, 'This version of the package offers no fixes yet.'), undoButton ?? '');
        return;
      }
      if (fixError) {
        body.replaceChildren(element('p', { class: 'error' }, fixError), undoButton ?? '');
        return;
      }
      if (!fixes || !fixes.diff) {
        body.replaceChildren(element('p', {}, 'No fix to offer for these files.'), undoButton ?? '');
        return;
      }
      const parts = [
        element(
          'div',
          { class: 'actions' },
          button('Apply the fixes', () => apply(fixes.files), { id: 'apply-fixes' }),
          undoButton,
        ),
        element('h3', {}, `${fixes.applied.length} fix(es) in this preview`),
        newFiles(fixes, files),
        element('ul', { class: 'applied' }, ...fixes.applied.map(describe)),
        fixes.skipped.length
          ? element('details', {}, element('summary', {}, `${fixes.skipped.length} not applied`), element('ul', { class: 'skipped' }, ...fixes.skipped.map(describe)))
          : null,
        element('pre', { class: 'diff', tabindex: '0', 'aria-label': 'The changes the fixes make' }, element('code', {}, ...diffLines(fixes.diff))),
      ];
      // replaceChildren would show a missing part as the text "null"
      body.replaceChildren(...parts.filter(Boolean));
    },
  };
}
