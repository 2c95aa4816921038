// The page: the files in tabs, the editor, the analysis live as the user types, and the
// views over its results. `start` gets the package behind the small interface of
// analyzer.js, so the served page and the self-contained file share all of this.
import { element, tablistKeys } from './dom.js';
import { createEditor } from './editor.js';
import { createTabs, kindOf, merge, newFile, readFiles } from './files.js';
import { SAMPLE } from './sample.js';
import * as storage from './storage.js';
import { checklistView } from './views/checklist.js';
import { diagramView } from './views/diagram.js';
import { discoveryView, profileOf } from './views/discovery.js';
import { findingsView } from './views/findings.js';
import { fixesView } from './views/fixes.js';
import { flowView, progress } from './views/flow.js';
import { generatedView } from './views/generated.js';
import { handoffView } from './views/handoff.js';
import { inventoryView } from './views/inventory.js';

const $ = (id) => document.getElementById(id);

export async function start(analyzer) {
  const kept = storage.restore();
  const state = {
    calls: analyzer.calls,
    files: kept?.files?.length ? kept.files : [{ path: 'compose.yaml', text: SAMPLE }],
    active: kept?.active ?? 'compose.yaml',
    answers: kept?.answers ?? {},
    theme: kept?.theme ?? 'system',
    view: kept?.view ?? 'guide',
    iteration: kept?.iteration ?? 1,
    iterations: [1],
    questions: [],
    questionCount: 0,
    answeredCount: 0,
    report: null,
    recommendation: null,
    generated: null,
    diagram: null,
    fixes: null,
    undo: null,
    fixAnswers: {},
    handoffSource: kept?.handoffSource ?? 'files',
    projectHandoff: null,
  };
  if (!state.files.some((f) => f.path === state.active)) state.active = state.files[0].path;

  const status = $('status');
  const say = (text, failed = false) => {
    status.textContent = text;
    status.classList.toggle('failed', failed);
  };
  // kept a moment after the last change, so a burst of typing is written once; a change
  // still waiting is written when the page goes away
  let saving = 0;
  const snapshot = () => ({
    files: state.files,
    active: state.active,
    answers: state.answers,
    theme: state.theme,
    view: state.view,
    iteration: state.iteration,
    handoffSource: state.handoffSource,
  });
  // what could not be kept stays said until a later save keeps it
  const keptNote = $('kept-note');
  const tellKept = ({ left, error }) => {
    let text = '';
    if (error) text = `Nothing could be kept in this browser (${error.message}); your files stay open here until you close the page.`;
    else if (left.length) {
      const names = left.join(', ');
      text = `Not kept in this browser: ${names}, too large for its storage. It stays open here until you close the page; the other files are kept.`;
    }
    keptNote.textContent = text;
    keptNote.hidden = text === '';
  };
  const keepNow = () => {
    clearTimeout(saving);
    saving = 0;
    tellKept(storage.keep(snapshot()));
  };
  const save = () => {
    clearTimeout(saving);
    saving = setTimeout(keepNow, 300);
  };
  addEventListener('pagehide', () => {
    if (saving) keepNow();
  });

  // the editor and the tabs over the files
  const editor = createEditor($('editor'), {
    label: 'Contents of',
    changed(text) {
      const file = state.files.find((f) => f.path === state.active);
      if (file) file.text = text;
      schedule();
      save();
    },
  });
  const tabs = createTabs($('tabs'), { select: show, close });
  const fileName = $('file-name');

  function show(path) {
    state.active = path;
    const file = state.files.find((f) => f.path === path);
    editor.show(path, file?.text ?? '');
    tabs.render(state.files, state.active);
    fileName.value = path;
    markEditor();
    save();
  }

  function close(path) {
    editor.drop(path);
    state.files = state.files.filter((f) => f.path !== path);
    if (state.files.length === 0) state.files = [newFile([])];
    show(state.files.some((f) => f.path === state.active) ? state.active : state.files[0].path);
    schedule(0);
  }

  function add(incoming) {
    const merged = merge(state.files, incoming);
    for (const file of incoming) if (file.path !== state.active) editor.drop(file.path);
    state.files = merged.files;
    show(merged.active ?? state.active);
    schedule(0);
  }

  // the user's own compose file takes the place of the sample while the sample is all
  // there is and untouched; an .env or override alone, or anything once the user has
  // files or edits of their own, joins as a tab
  function addOwn(incoming) {
    const onlySample = state.files.length === 1 && state.files[0].path === 'compose.yaml' && state.files[0].text === SAMPLE;
    if (onlySample && incoming.some((f) => kindOf(f.path) === 'compose')) {
      editor.drop('compose.yaml');
      state.files = [];
    }
    add(incoming);
  }

  fileName.addEventListener('change', () => {
    const name = fileName.value.trim();
    if (!name || name === state.active) return void (fileName.value = state.active);
    if (state.files.some((f) => f.path === name)) {
      say(`A file named ${name} is already open.`, true);
      fileName.value = state.active;
      return;
    }
    const file = state.files.find((f) => f.path === state.active);
    editor.rename(name);
    file.path = name;
    show(name);
    schedule(0);
  });
  $('close-file').addEventListener('click', () => close(state.active));
  $('add-file').addEventListener('click', () => add([newFile(state.files)]));
  $('load-sample').addEventListener('click', () => add([{ path: 'compose.yaml', text: SAMPLE }]));
  $('open-file').addEventListener('change', async (event) => {
    const chosen = await readFiles(event.target.files ?? []);
    event.target.value = '';
    if (chosen.length) addOwn(chosen);
  });

  // dropped files open as tabs; dropped text is the editor's own business
  const zone = $('drop-zone');
  zone.addEventListener('dragover', (event) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener(
    'drop',
    async (event) => {
      zone.classList.remove('dragging');
      if (!event.dataTransfer?.files?.length) return;
      event.preventDefault();
      event.stopPropagation();
      addOwn(await readFiles(event.dataTransfer.files));
    },
    true,
  );

  // the views
  const views = [
    flowView({ open, titleOf: (id) => (id === 'editor' ? 'the editor' : views.find((v) => v.id === id)?.title ?? id) }),
    findingsView({ jump }),
    checklistView(),
    inventoryView(),
    diagramView(),
    discoveryView({ answered }),
    generatedView({ chooseIteration }),
    handoffView({ chooseSource }),
    fixesView({ apply, undo: undoFixes, answer: answerFixes }),
  ];
  const viewTabs = $('view-tabs');
  const panels = $('view-panels');
  for (const view of views) {
    const tab = element(
      'button',
      { type: 'button', role: 'tab', id: `tab-${view.id}`, 'aria-controls': `panel-${view.id}`, 'data-view': view.id },
      view.title,
    );
    tab.addEventListener('click', () => open(view.id));
    viewTabs.append(tab);
    const panel = element(
      'section',
      { role: 'tabpanel', id: `panel-${view.id}`, 'aria-labelledby': `tab-${view.id}`, tabindex: '0', class: 'view' },
      element('h2', {}, view.title),
      view.panel,
    );
    panels.append(panel);
  }
  tablistKeys(viewTabs, (tab) => open(tab.dataset.view));

  function open(id) {
    if (id === 'editor') {
      editor.view.focus();
      return;
    }
    state.view = views.some((v) => v.id === id) ? id : 'guide';
    for (const view of views) {
      const selected = view.id === state.view;
      const tab = $(`tab-${view.id}`);
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      $(`panel-${view.id}`).hidden = !selected;
    }
    refreshView();
    save();
  }

  // every view is kept current (hidden ones too, so what a test or a screen reader
  // finds is never stale); the diagram and the fixes are computed when shown
  function refreshView() {
    if (state.view === 'diagram') drawDiagram();
    if (state.view === 'fixes') previewFixes();
    if (state.view === 'handoff' && state.handoffSource === 'files') writeProjectHandoff();
    for (const view of views) view.update(state);
  }

  function jump(finding) {
    if (finding.file && finding.file !== state.active && state.files.some((f) => f.path === finding.file)) {
      show(finding.file);
    }
    editor.reveal(finding);
  }

  // the analysis, debounced; on large files the wait grows with the time it takes
  let timer = 0;
  let wait = 150;
  let generation = 0;
  function schedule(delay = wait) {
    clearTimeout(timer);
    timer = setTimeout(analyze, delay);
  }

  const input = () => ({ files: state.files.map(({ path, text }) => ({ path, text })), profile: profileOf(state.answers) });

  async function analyze() {
    generation += 1;
    const mine = generation;
    const started = performance.now();
    try {
      let request = input();
      let note = '';
      let report;
      try {
        report = await analyzer.call('analyze', request);
      } catch (error) {
        // an answer the profile refuses must not stop the files being read
        if (!/ at profile\b/.test(error.message ?? '')) throw error;
        request = { ...request, profile: undefined };
        report = await analyzer.call('analyze', request);
        note = ` A discovery answer was not used: ${error.message}`;
      }
      if (mine !== generation) return;
      state.report = report;
      state.analyzeError = null;
      const ms = performance.now() - started;
      wait = Math.min(1000, Math.max(150, ms * 2));
      const names = state.files.map((f) => f.path).join(', ');
      say(`Analyzed ${names} in ${ms.toFixed(0)} ms.${note}`, note !== '');
    } catch (error) {
      if (mine !== generation) return;
      state.report = null;
      const where = error.line ? ` (line ${error.line}, column ${error.column})` : '';
      let after = '';
      if (error.trap) after = analyzer.restarts ? ' The analyzer was restarted; edit a file to try again.' : ' Reload the page to restart the analyzer.';
      say(`Could not analyze: ${error.message}${where}${after}`, true);
    }
    state.fixes = null;
    state.diagram = null;
    state.projectHandoff = null;
    drawSummary();
    markEditor();
    refreshView();
    document.body.dataset.analyzed = String(mine);
  }

  function markEditor() {
    const findings = (state.report?.findings ?? []).filter((f) => f.file === state.active);
    editor.mark(findings);
  }

  function drawSummary() {
    const s = state.report?.summary;
    const summary = $('summary');
    if (!s) {
      summary.replaceChildren(element('strong', { class: 'blocked' }, 'Not analyzed'));
      return;
    }
    const verdict = s.ready
      ? element('strong', { class: 'ready' }, 'Ready for onboarding')
      : element('strong', { class: 'blocked' }, `${s.blocking} finding(s) block onboarding`);
    const { current } = progress(state);
    summary.replaceChildren(
      verdict,
      element('span', {}, ` · ${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info · ${s.services} service(s)`),
      element('span', { class: 'phase-now' }, current ? ` · next: ${current.phase.title}` : ' · every phase done'),
    );
  }

  // a drawing asked for before the latest edit is thrown away when it arrives
  async function drawDiagram() {
    if (!state.calls.includes('diagram') || state.diagram) return;
    const mine = generation;
    let diagram = null;
    let diagramError = null;
    try {
      diagram = await analyzer.call('diagram', input());
    } catch (error) {
      diagramError = `Could not draw the diagram: ${error.message}`;
    }
    if (mine !== generation) return;
    state.diagram = diagram;
    state.diagramError = diagramError;
    views.find((v) => v.id === 'diagram').update(state);
  }

  /** The handoff for the user's own files: generate reads the project, not a profile. */
  async function writeProjectHandoff() {
    if (state.projectHandoff) return;
    const mine = generation;
    let handoff = null;
    let handoffError = null;
    try {
      handoff = await analyzer.call('generate', input());
    } catch (error) {
      handoffError = `Could not write the handoff for these files: ${error.message}`;
    }
    if (mine !== generation) return;
    state.projectHandoff = handoff;
    state.projectHandoffError = handoffError;
    views.find((v) => v.id === 'handoff').update(state);
  }

  function chooseSource(source) {
    state.handoffSource = source;
    save();
    refreshView();
  }

  // a preview asked for before the latest edit or answer is dropped when it arrives, and
  // one is applied only to the very texts it was made from
  let fixRequest = 0;
  let previewing = null;
  function previewFixes() {
    if (!state.calls.includes('fix') || state.fixes) return;
    previewing = makePreview();
  }

  async function makePreview() {
    fixRequest += 1;
    const mine = fixRequest;
    const files = input().files;
    let fixes = null;
    let fixError = null;
    try {
      fixes = await analyzer.call('fix', { files }, { answers: state.fixAnswers });
    } catch (error) {
      fixError = `Could not compute fixes: ${error.message}`;
    }
    if (mine !== fixRequest) return;
    previewing = null;
    if (!sameTexts(files)) return;

    state.fixes = fixes;
    state.fixesFrom = files;
    state.fixError = fixError;
    state.fixesAnswering = false;
    views.find((v) => v.id === 'fixes').update(state);
  }

  /** The preview for the files and answers as they are now, waiting for one being made. */
  async function currentFixes() {
    while (!state.fixes && previewing) await previewing;
    return state.fixes;
  }

  const sameTexts = (files) =>
    files.length === state.files.length && files.every((f, i) => f.path === state.files[i].path && f.text === state.files[i].text);

  function answerFixes(answers) {
    state.fixAnswers = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined));
    state.fixes = null;
    state.fixesAnswering = true;
    refreshView();
  }

  async function apply(shown) {
    // a field left by clicking Apply gives its answer first: the preview made for it is
    // the one applied, not the one on screen when the click came
    let files = shown;
    if (state.fixesAnswering) files = (await currentFixes())?.files;
    if (!files) return void refreshView();

    // an edit since the preview was made is never overwritten: the preview is made again
    if (!state.fixesFrom || !sameTexts(state.fixesFrom)) {
      state.fixes = null;
      say('The files changed since this preview; here are the fixes for them as they are now.', true);
      refreshView();
      return;
    }
    state.undo = state.files.map((f) => ({ ...f }));
    state.undoable = true;
    replaceAll(files);
  }

  function undoFixes() {
    if (!state.undo) return;
    const before = state.undo;
    state.undo = null;
    state.undoable = false;
    replaceAll(before);
  }

  function replaceAll(files) {
    const byPath = new Map(files.map((f) => [f.path, f.text]));
    state.files = state.files.map((f) => (byPath.has(f.path) ? { path: f.path, text: byPath.get(f.path) } : f));
    for (const file of state.files) if (file.path !== state.active) editor.drop(file.path);
    show(state.active);
    save();
    schedule(0);
  }

  // discovery: answers make a profile; the recommendation and generated files follow
  async function answered(answers) {
    state.answers = answers;
    state.projectHandoff = null;
    save();
    await advise();
    schedule(0);
  }

  function chooseIteration(n) {
    state.iteration = n;
    save();
    advise();
  }

  async function advise() {
    const profile = profileOf(state.answers);
    state.answeredCount = Object.values(state.answers).filter((v) => v !== undefined && v !== '').length;
    try {
      state.recommendation = await analyzer.call('recommend', profile);
      state.recommendError = null;
    } catch (error) {
      state.recommendation = null;
      state.recommendError = error.message;
    }

    try {
      state.generated = await analyzer.call('generate', profile, { iteration: state.iteration });
      state.generateError = null;
    } catch (error) {
      state.generated = null;
      state.generateError = error.message;
    }
    drawSummary();
    refreshView();
  }

  /** The iterations the generator writes: from 1 up to the first it refuses. */
  async function ladder() {
    const iterations = [1];
    for (let n = 2; n <= 20; n += 1) {
      try {
        await analyzer.call('generate', {}, { iteration: n });
        iterations.push(n);
      } catch {
        break;
      }
    }
    return iterations;
  }

  // settings: the theme, and whether the files are kept in this browser
  const theme = $('theme');
  const applyTheme = () => {
    theme.value = state.theme;
    if (state.theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = state.theme;
  };
  theme.addEventListener('change', () => {
    state.theme = theme.value;
    applyTheme();
    save();
  });
  applyTheme();

  const remember = $('remember');
  remember.checked = storage.keeping();
  remember.addEventListener('change', () => {
    clearTimeout(saving);
    saving = 0;
    tellKept(storage.setKeeping(remember.checked, snapshot()));
    say(remember.checked ? 'Your files are kept in this browser.' : 'Nothing is kept in this browser any more; what was kept is deleted.');
  });
  $('forget').addEventListener('click', () => {
    clearTimeout(saving);
    saving = 0;
    storage.forget();
    tellKept({ left: [], error: null });
    say('The saved files and answers are deleted from this browser.');
  });

  try {
    $('version').textContent = `v${await analyzer.call('version')}`;
    state.questions = await analyzer.call('questions');
    state.questionCount = state.questions.length;
    state.iterations = await ladder();
    if (!state.iterations.includes(state.iteration)) state.iteration = state.iterations[0];
  } catch (error) {
    say(`The analyzer did not start: ${error.message}`, true);
  }
  show(state.active);
  open(state.view);
  await advise();
  await analyze();
  document.body.dataset.ready = 'true';
}
