// The page: one editor, the analysis live as the user types, the findings and the
// image inventory. All of it runs here; the only requests are for this page's files.
import init, { analyze, version } from './pkg/compose_architect.js';
import { SAMPLE } from './sample.js';

const source = document.getElementById('source');
const status = document.getElementById('status');
const findingsList = document.getElementById('findings');
const summary = document.getElementById('summary');
const inventoryBody = document.querySelector('#inventory tbody');
const title = document.getElementById('editor-title');

let path = 'compose.yaml';
let timer = 0;

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

/** Selects a finding's range in the editor and scrolls it into view. */
function reveal(finding) {
  const lines = source.value.split('\n');
  const offset = (line, column) =>
    lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0) + column - 1;
  const start = offset(finding.start.line, finding.start.column);
  const end = Math.max(start + 1, offset(finding.end.line, finding.end.column));
  source.focus();
  source.setSelectionRange(start, end);
  const lineHeight = parseFloat(getComputedStyle(source).lineHeight) || 18;
  source.scrollTop = Math.max(0, (finding.start.line - 3) * lineHeight);
}

function renderFinding(finding) {
  const where = `${finding.start.line}:${finding.start.column}`;
  const button = element(
    'button',
    { type: 'button', class: 'finding-jump', 'aria-label': `Go to line ${finding.start.line}` },
    where,
  );
  button.addEventListener('click', () => reveal(finding));
  const item = element(
    'li',
    {
      class: `finding ${finding.severity}`,
      'data-rule': finding.rule,
      'data-line': String(finding.start.line),
      'data-column': String(finding.start.column),
    },
    button,
    element('span', { class: `severity ${finding.severity}` }, finding.severity),
    element('code', { class: 'rule' }, finding.rule),
    element('span', { class: 'message' }, finding.message),
  );
  if (finding.help) item.append(element('p', { class: 'help' }, finding.help));
  return item;
}

function render(report) {
  findingsList.replaceChildren(...report.findings.map(renderFinding));
  if (report.findings.length === 0) {
    findingsList.append(element('li', { class: 'finding none' }, 'No findings.'));
  }

  const s = report.summary;
  const verdict = s.ready
    ? element('strong', { class: 'ready' }, 'Ready for onboarding')
    : element('strong', { class: 'blocked' }, `${s.blocking} finding(s) block onboarding`);
  summary.replaceChildren(
    verdict,
    element(
      'span',
      {},
      ` · ${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info · ${s.services} service(s)`,
    ),
  );

  inventoryBody.replaceChildren(
    ...report.inventory.map((image) =>
      element(
        'tr',
        {},
        element('td', {}, image.service),
        element('td', {}, element('code', {}, image.image)),
        element('td', {}, image.registry),
        element('td', {}, image.needsPush ? 'custom: build and push' : image.custom ? 'custom' : 'public'),
      ),
    ),
  );
}

function run() {
  try {
    const started = performance.now();
    const report = analyze({ files: [{ path, text: source.value }] });
    render(report);
    const ms = (performance.now() - started).toFixed(1);
    status.textContent = `Analyzed ${path} in ${ms} ms.`;
    status.classList.remove('failed');
  } catch (error) {
    // the text stays as typed; only the analysis failed
    status.textContent = `Could not analyze: ${error.message}`;
    status.classList.add('failed');
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(run, 150);
}

function load(name, text) {
  path = name;
  title.textContent = name;
  source.value = text;
  run();
}

await init();
document.getElementById('version').textContent = `v${version()}`;
source.addEventListener('input', schedule);
document.getElementById('load-sample').addEventListener('click', () => load('compose.yaml', SAMPLE));
document.getElementById('open-file').addEventListener('change', async (event) => {
  const file = event.target.files?.[0];
  if (file) load(file.name, await file.text());
});
document.body.dataset.ready = 'true';
load('compose.yaml', SAMPLE);
