// The handoff document, rendered.
import { button, download, element } from '../dom.js';
import { renderMarkdown } from '../markdown.js';

export function handoffView() {
  const body = element('article', { id: 'handoff', class: 'handoff' });
  const actions = element('div', { class: 'actions' });
  return {
    id: 'handoff',
    title: 'Handoff',
    panel: element('div', {}, actions, body),
    update({ generated }) {
      const doc = generated?.files?.find((f) => f.path.endsWith('handoff.md'));
      if (!doc) {
        body.replaceChildren(element('p', {}, 'The handoff document appears once the generator has written it.'));
        actions.replaceChildren();
        return;
      }
      body.replaceChildren(...renderMarkdown(doc.text));
      actions.replaceChildren(button('Download handoff.md', () => download(doc.path, doc.text), { class: 'download' }));
    },
  };
}
