// A small Markdown reader for the handoff document: headings, paragraphs, lists, code
// blocks, tables, inline code and bold. It builds elements with text nodes only, so no
// text in the document can become markup.
import { element } from './dom.js';

// the document writes `<`, `>` and `&` outside code as entities; shown as text, they are
// read back into the characters
const ENTITIES = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };
const plain = (text) => text.replace(/&(lt|gt|amp);/g, (entity) => ENTITIES[entity]);

/** Inline code and bold, as nodes. */
function inline(text) {
  const nodes = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) nodes.push(plain(text.slice(last, match.index)));
    nodes.push(match[1] !== undefined ? element('code', {}, match[1]) : element('strong', {}, plain(match[2])));
    last = match.index + match[0].length;
  }
  if (last < text.length) nodes.push(plain(text.slice(last)));
  return nodes;
}

const BULLET = /^(\s*)([-*]|\d+\.)\s+/;
const indentOf = (line) => BULLET.exec(line)?.[1].length ?? 0;

/** A list item's text; a task item (`[ ]`, `[x]`) starts with its state, in words too. */
function itemContent(text) {
  const task = /^\[([ xX])\]\s+/.exec(text);
  if (!task) return inline(text);
  const done = task[1] !== ' ';
  return [
    element('span', { class: `task ${done ? 'done' : 'open'}`, 'aria-hidden': 'true' }, done ? '☑ ' : '☐ '),
    element('span', { class: 'visually-hidden' }, done ? 'done: ' : 'open: '),
    ...inline(text.slice(task[0].length)),
  ];
}

/** A list from line `i` at `indent`, with deeper items nested; returns it and the next line. */
function readList(lines, i, indent) {
  const ordered = /^\s*\d+\./.test(lines[i]);
  const items = [];
  while (i < lines.length && BULLET.test(lines[i])) {
    const at = indentOf(lines[i]);
    if (at < indent) break;
    if (at > indent && items.length > 0) {
      const [nested, next] = readList(lines, i, at);
      items[items.length - 1].append(nested);
      i = next;
      continue;
    }
    items.push(element('li', {}, ...itemContent(lines[i].replace(BULLET, ''))));
    i += 1;
  }
  return [element(ordered ? 'ol' : 'ul', {}, ...items), i];
}

const cells = (row) => row.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());

/** The document as a list of block elements. */
export function renderMarkdown(source) {
  const lines = source.split('\n');
  const blocks = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];

    if (line.startsWith('```')) {
      const code = [];
      i += 1;
      while (i < lines.length && !lines[i].startsWith('```')) code.push(lines[i++]);
      i += 1;
      blocks.push(element('pre', { tabindex: '0' }, element('code', {}, code.join('\n'))));
      continue;
    }

    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      // the document's own levels sit under the view's heading
      const level = Math.min(heading[1].length + 2, 6);
      blocks.push(element(`h${level}`, {}, ...inline(heading[2])));
      i += 1;
      continue;
    }

    if (line.trim().startsWith('|') && lines[i + 1]?.trim().match(/^\|[\s:|-]+\|?$/)) {
      const head = cells(line);
      const rows = [];
      i += 2;
      while (i < lines.length && lines[i].trim().startsWith('|')) rows.push(cells(lines[i++]));
      blocks.push(
        element(
          'div',
          { class: 'scroll-x', tabindex: '0' },
          element(
            'table',
            {},
            element('thead', {}, element('tr', {}, ...head.map((h) => element('th', { scope: 'col' }, ...inline(h))))),
            element('tbody', {}, ...rows.map((r) => element('tr', {}, ...r.map((c) => element('td', {}, ...inline(c)))))),
          ),
        ),
      );
      continue;
    }

    if (BULLET.test(line)) {
      const [list, next] = readList(lines, i, indentOf(line));
      blocks.push(list);
      i = next;
      continue;
    }

    if (line.trim() === '') {
      i += 1;
      continue;
    }

    const paragraph = [];
    while (i < lines.length && lines[i].trim() !== '' && !/^(#|```|\s*[-*]\s|\s*\d+\.\s|\s*\|)/.test(lines[i])) {
      paragraph.push(lines[i++]);
    }
    if (paragraph.length === 0) paragraph.push(lines[i++]);
    blocks.push(element('p', {}, ...inline(paragraph.join(' '))));
  }
  return blocks;
}
