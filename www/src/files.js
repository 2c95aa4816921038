// The open files as tabs: the compose file, override files and `.env` files, in the
// order the analysis reads them. Files come in by typing, pasting, opening or dropping.
import { element, tablistKeys } from './dom.js';

/** What a file is, by its name, as the analysis treats it. */
export function kindOf(path) {
  const name = path.split('/').pop() ?? path;
  if (name === '.env' || name.endsWith('.env') || name.startsWith('.env.')) return 'env';
  if (/override|\.(dev|prod|test|local|ci)\.ya?ml$/.test(name)) return 'override';
  return 'compose';
}

/** A name like `base` that no open file has yet. */
function freeName(files, base) {
  if (!files.some((f) => f.path === base)) return base;
  const dot = base.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
  for (let n = 2; ; n += 1) {
    const name = `${stem}-${n}${ext}`;
    if (!files.some((f) => f.path === name)) return name;
  }
}

/**
 * The tabs over `files` ({ path, text }[]). `select(path)` is called when the user picks
 * a tab; the caller keeps the files and re-renders with `render(files, active)`.
 */
export function createTabs(list, { select, close }) {
  tablistKeys(list, (tab) => select(tab.dataset.path));

  return {
    render(files, active) {
      const focused = list.contains(document.activeElement);
      list.replaceChildren(
        ...files.map((file) => {
          const selected = file.path === active;
          const tab = element(
            'button',
            {
              type: 'button',
              role: 'tab',
              class: `tab ${kindOf(file.path)}`,
              'aria-selected': String(selected),
              'aria-controls': 'editor',
              tabindex: selected ? '0' : '-1',
              'data-path': file.path,
              title: file.path,
            },
            element('span', { class: 'tab-kind', 'aria-hidden': 'true' }, kindOf(file.path)),
            file.path,
          );
          tab.addEventListener('click', () => select(file.path));
          tab.addEventListener('auxclick', (event) => {
            if (event.button === 1) close(file.path);
          });
          return tab;
        }),
      );
      // moving along the tabs with the arrow keys redraws them; focus stays on the tab
      if (focused) list.querySelector('[aria-selected="true"]')?.focus();
    },
  };
}

/** Adds or replaces files by name; returns the new list and the path to show. */
export function merge(files, incoming) {
  const next = files.map((f) => ({ ...f }));
  let last = null;
  for (const file of incoming) {
    const same = next.find((f) => f.path === file.path);
    if (same) same.text = file.text;
    else next.push({ path: file.path, text: file.text });
    last = file.path;
  }
  return { files: next, active: last };
}

/** A new empty file: an override after the first file, else a compose file. */
export function newFile(files) {
  const base = files.length === 0 ? 'compose.yaml' : 'compose.override.yaml';
  return { path: freeName(files, base), text: '' };
}

/** Reads dropped or chosen `File`s as { path, text }. */
export async function readFiles(list) {
  const files = [];
  for (const file of list) {
    files.push({ path: file.name, text: await file.text() });
  }
  return files;
}
