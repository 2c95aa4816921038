// The handoff document, rendered: for the user's own files, or for the design that the
// discovery answers generated. Each file that goes with it can be downloaded.
import { button, download, element } from '../dom.js';
import { renderMarkdown } from '../markdown.js';

const SOURCES = { files: 'your files', design: 'the generated design' };

export function handoffView({ chooseSource }) {
  const body = element('article', { id: 'handoff', class: 'handoff' });
  const actions = element('div', { class: 'actions' });
  const radios = Object.entries(SOURCES).map(([value, label]) => {
    const radio = element('input', { type: 'radio', name: 'handoff-source', id: `handoff-${value}`, value });
    radio.addEventListener('change', () => chooseSource(value));
    return [value, radio, element('label', { class: 'check-label', for: `handoff-${value}` }, radio, ` ${label}`)];
  });
  const choice = element('fieldset', { class: 'filters' }, element('legend', {}, 'Handoff for'), ...radios.map(([, , label]) => label));

  return {
    id: 'handoff',
    title: 'Handoff',
    panel: element('div', {}, choice, actions, body),
    update({ handoffSource, projectHandoff, projectHandoffError, generated }) {
      for (const [value, radio] of radios) radio.checked = value === handoffSource;
      const files = (handoffSource === 'files' ? projectHandoff : generated)?.files ?? [];
      const doc = files.find((f) => f.path.endsWith('handoff.md'));
      if (handoffSource === 'files' && projectHandoffError) {
        body.replaceChildren(element('p', { class: 'error' }, projectHandoffError));
        actions.replaceChildren();
        return;
      }
      if (!doc) {
        body.replaceChildren(element('p', {}, 'The handoff document appears once the generator has written it.'));
        actions.replaceChildren();
        return;
      }
      body.replaceChildren(...renderMarkdown(doc.text));
      actions.replaceChildren(
        ...files
          .filter((f) => !f.path.endsWith('.svg'))
          .map((f) => button(`Download ${f.path}`, () => download(f.path, f.text), { class: 'download', 'data-path': f.path })),
      );
    },
  };
}
