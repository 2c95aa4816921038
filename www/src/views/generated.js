// The generated files for the chosen iteration of the compose ladder, each shown and
// offered as a download.
import { button, download, element } from '../dom.js';

export function generatedView({ chooseIteration }) {
  const select = element('select', { id: 'iteration' });
  select.addEventListener('change', () => chooseIteration(Number(select.value)));
  const list = element('div', { id: 'generated', class: 'generated' });
  const panel = element(
    'div',
    {},
    element('p', { class: 'intro' }, 'Files written from your discovery answers. Each iteration adds one concern to the compose file.'),
    element('label', { for: 'iteration' }, 'Iteration '),
    select,
    list,
  );
  return {
    id: 'generated',
    title: 'Generated',
    panel,
    update({ iterations, iteration, generated, generateError }) {
      select.replaceChildren(
        ...(iterations ?? [1]).map((n) => element('option', { value: n, selected: n === iteration }, String(n))),
      );
      if (generateError) {
        list.replaceChildren(element('p', { class: 'error' }, generateError));
        return;
      }
      list.replaceChildren(
        ...(generated?.files ?? []).map((file) =>
          element(
            'section',
            { class: 'generated-file', 'data-path': file.path },
            element(
              'div',
              { class: 'file-head' },
              element('h3', {}, file.path),
              button(`Download ${file.path}`, () => download(file.path, file.text), { class: 'download' }),
            ),
            element('pre', { tabindex: '0', 'aria-label': file.path }, element('code', {}, file.text)),
          ),
        ),
      );
    },
  };
}
