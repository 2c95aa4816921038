// The pre-handoff checklist, item by item, with the evidence for where each stands.
import { element } from '../dom.js';

const LABEL = { pass: 'pass', fail: 'fail', 'needs-answer': 'to confirm' };

export function checklistView() {
  const list = element('ol', { id: 'checklist', class: 'checklist' });
  return {
    id: 'checklist',
    title: 'Checklist',
    panel: element('div', {}, list),
    update({ report }) {
      list.replaceChildren(
        ...(report?.checklist ?? []).map((item) =>
          element(
            'li',
            { class: `check ${item.status}`, 'data-id': item.id, 'data-status': item.status },
            element('span', { class: `status ${item.status}` }, LABEL[item.status] ?? item.status),
            element('span', { class: 'check-text' }, item.text),
            element('ul', { class: 'evidence' }, ...item.evidence.map((e) => element('li', {}, e))),
          ),
        ),
      );
    },
  };
}
