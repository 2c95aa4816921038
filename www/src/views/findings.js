// The findings view: every finding of every file, filtered by severity and category,
// each with a button that opens its file and selects its range in the editor.
import { element } from '../dom.js';

const SEVERITIES = ['error', 'warning', 'info'];

// a long list is drawn in part until asked for, so a huge file's findings never stall typing
const FIRST = 300;

export function findingsView({ jump }) {
  const shown = new Set(SEVERITIES);
  let category = 'all';
  let findings = [];
  let all = false;

  const severityBoxes = SEVERITIES.map((severity) => {
    const box = element('input', { type: 'checkbox', checked: true, 'data-severity': severity });
    box.addEventListener('change', () => {
      if (box.checked) shown.add(severity);
      else shown.delete(severity);
      draw();
    });
    return element('label', { class: `check-label ${severity}` }, box, ` ${severity}`);
  });
  const categorySelect = element('select', { id: 'finding-category' });
  categorySelect.addEventListener('change', () => {
    category = categorySelect.value;
    draw();
  });
  const count = element('p', { class: 'count', 'aria-live': 'polite' });
  const list = element('ol', { id: 'findings', class: 'findings' });

  const panel = element(
    'div',
    {},
    element(
      'fieldset',
      { class: 'filters' },
      element('legend', {}, 'Show'),
      ...severityBoxes,
      element('label', { for: 'finding-category' }, ' category '),
      categorySelect,
    ),
    count,
    list,
  );

  function item(finding) {
    const where = `${finding.file}:${finding.start.line}:${finding.start.column}`;
    const go = element(
      'button',
      { type: 'button', class: 'finding-jump', 'aria-label': `Go to ${where}` },
      `${finding.start.line}:${finding.start.column}`,
    );
    go.addEventListener('click', () => jump(finding));
    return element(
      'li',
      {
        class: `finding ${finding.severity}`,
        'data-rule': finding.rule,
        'data-file': finding.file,
        'data-line': finding.start.line,
        'data-column': finding.start.column,
        'data-severity': finding.severity,
        'data-category': finding.category,
      },
      go,
      element('span', { class: `severity ${finding.severity}` }, finding.severity),
      element(
        'div',
        { class: 'body' },
        element('span', { class: 'message' }, finding.message),
        element('span', { class: 'meta' }, element('code', { class: 'rule' }, finding.rule), ` · ${finding.category} · ${finding.file}`),
        finding.help ? element('p', { class: 'help' }, finding.help) : null,
      ),
    );
  }

  function draw() {
    const visible = findings.filter((f) => shown.has(f.severity) && (category === 'all' || f.category === category));
    const drawn = all ? visible : visible.slice(0, FIRST);
    list.replaceChildren(...drawn.map(item));
    if (drawn.length < visible.length) {
      const more = element('button', { type: 'button', id: 'all-findings' }, `Show all ${visible.length} findings`);
      more.addEventListener('click', () => {
        all = true;
        draw();
      });
      list.append(element('li', { class: 'finding none' }, more));
    }
    if (visible.length === 0) list.append(element('li', { class: 'finding none' }, findings.length ? 'No finding matches the filter.' : 'No findings.'));
    count.textContent = `${visible.length} of ${findings.length} finding(s) match the filter.`;
  }

  return {
    id: 'findings',
    title: 'Findings',
    panel,
    update({ report }) {
      findings = report?.findings ?? [];
      const categories = [...new Set(findings.map((f) => f.category))].sort();
      if (category !== 'all' && !categories.includes(category)) category = 'all';
      categorySelect.replaceChildren(
        element('option', { value: 'all' }, 'all'),
        ...categories.map((c) => element('option', { value: c, selected: c === category }, c)),
      );
      draw();
    },
  };
}
