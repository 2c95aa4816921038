// The page: one editor, the analysis live as the user types, the findings and the
// image inventory. All of it runs here; the only requests are for this page's files.
import { SAMPLE } from './sample.js';

/**
 * Loads a fresh instance of the analyzer. A WebAssembly trap leaves an instance unusable,
 * so after one the page loads another (a new module URL gives a new instance).
 */
let instances = 0;
async function loadAnalyzer() {
  instances += 1;
  const module = await import(`./pkg/compose_architect.js?instance=${instances}`);
  await module.default();
  return module;
}
let analyzer = await loadAnalyzer();

const source = document.getElementById('source');
const status = document.getElementById('status');
const findingsList = document.getElementById('findings');
const summary = document.getElementById('summary');
const inventoryBody = document.querySelector('#inventory tbody');
const checklistList = document.getElementById('checklist');
const STATUS = { pass: 'pass', fail: 'fail', 'needs-answer': 'to confirm' };
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
  const body = element(
    'div',
    { class: 'body' },
    element('span', { class: 'message' }, finding.message),
    element('code', { class: 'rule' }, finding.rule),
  );
  if (finding.help) body.append(element('p', { class: 'help' }, finding.help));
  return element(
    'li',
    {
      class: `finding ${finding.severity}`,
      'data-rule': finding.rule,
      'data-line': String(finding.start.line),
      'data-column': String(finding.start.column),
    },
    button,
    element('span', { class: `severity ${finding.severity}` }, finding.severity),
    body,
  );
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

  checklistList.replaceChildren(
    ...report.checklist.map((item) => {
      const evidence = element('ul', { class: 'evidence' }, ...item.evidence.map((e) => element('li', {}, e)));
      return element(
        'li',
        { class: `check ${item.status}`, 'data-id': item.id, 'data-status': item.status },
        element('span', { class: `status ${item.status}` }, STATUS[item.status] ?? item.status),
        element('span', { class: 'check-text' }, item.text),
        evidence,
      );
    }),
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

async function run() {
  try {
    const started = performance.now();
    const report = analyzer.analyze({ files: [{ path, text: source.value }] });
    render(report);
    const ms = (performance.now() - started).toFixed(1);
    status.textContent = `Analyzed ${path} in ${ms} ms.`;
    status.classList.remove('failed');
  } catch (error) {
    // the text stays as typed; only the analysis failed, and its old results go
    findingsList.replaceChildren();
    inventoryBody.replaceChildren();
    checklistList.replaceChildren();
    summary.replaceChildren(element('strong', { class: 'blocked' }, 'Not analyzed'));
    status.textContent = `Could not analyze: ${error.message}`;
    status.classList.add('failed');
    if (error instanceof WebAssembly.RuntimeError) {
      analyzer = await loadAnalyzer();
      status.textContent += ' The analyzer was restarted; edit the file to try again.';
    }
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

document.getElementById('version').textContent = `v${analyzer.version()}`;
source.addEventListener('input', schedule);
document.getElementById('load-sample').addEventListener('click', () => load('compose.yaml', SAMPLE));
document.getElementById('open-file').addEventListener('change', async (event) => {
  const file = event.target.files?.[0];
  if (file) load(file.name, await file.text());
});
document.body.dataset.ready = 'true';
load('compose.yaml', SAMPLE);
