// Fix previews: the package's fixes for the open files as one diff, applied to the
// editor in one step and undone in one step.
import { button, element } from '../dom.js';

function describe(item) {
  if (typeof item === 'string') return item;
  const parts = [item.rule, item.message ?? item.reason ?? item.title].filter(Boolean);
  return parts.length ? parts.join(': ') : JSON.stringify(item);
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

export function fixesView({ apply, undo }) {
  const body = element('div', { id: 'fixes' });
  return {
    id: 'fixes',
    title: 'Fixes',
    panel: body,
    update({ calls, fixes, fixError, undoable }) {
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
      body.replaceChildren(
        element(
          'div',
          { class: 'actions' },
          button('Apply the fixes', () => apply(fixes.files), { id: 'apply-fixes' }),
          undoButton,
        ),
        element('h3', {}, `${fixes.applied.length} fix(es) in this preview`),
        element('ul', { class: 'applied' }, ...fixes.applied.map((a) => element('li', {}, describe(a)))),
        fixes.skipped.length
          ? element('details', {}, element('summary', {}, `${fixes.skipped.length} not applied`), element('ul', {}, ...fixes.skipped.map((s) => element('li', {}, describe(s)))))
          : null,
        element('pre', { class: 'diff', tabindex: '0', 'aria-label': 'The changes the fixes make' }, element('code', {}, ...diffLines(fixes.diff))),
      );
    },
  };
}
