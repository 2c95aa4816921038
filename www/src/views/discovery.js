// The discovery questionnaire and the recommendation it leads to. Each answer fills a
// field of the requirements profile; the profile also judges the compose files.
import { element } from '../dom.js';

const GROUPS = { business: 'Business', technical: 'Technical', compliance: 'Compliance', sla: 'Availability (SLA)' };
const MANY = new Set(['customers', 'compliance', 'queryPatterns', 'teamLanguages', 'dataResidency', 'deployments']);
const NUMBERS = new Set(['users', 'requestsPerSecond', 'dataVolumeGb', 'latencyMs', 'drRegions', 'rtoMinutes', 'rpoMinutes', 'uptime']);
/** The largest whole number each count may be (the profile's field types). */
const WHOLE = { users: Number.MAX_SAFE_INTEGER, dataVolumeGb: Number.MAX_SAFE_INTEGER, requestsPerSecond: 4294967295, latencyMs: 4294967295, drRegions: 4294967295, rtoMinutes: 4294967295, rpoMinutes: 4294967295 };
const YES_NO = { writeHeavy: ['write-heavy', 'read-heavy'], maintenanceWindows: ['yes', 'no'] };
const LIST_TEXT = new Set(['existingStack']);

/** The value of a field as its control holds it, for the profile (undefined when unanswered). */
function answerOf(field, control) {
  if (MANY.has(field)) {
    const chosen = [...control.querySelectorAll('input:checked')].map((box) => box.value);
    return chosen.length ? chosen : undefined;
  }
  const raw = control.value.trim();
  if (raw === '') return undefined;
  if (field in YES_NO) return raw === YES_NO[field][0];
  if (NUMBERS.has(field)) {
    const number = Number(raw);
    if (!Number.isFinite(number) || number < 0) return undefined;
    if (field in WHOLE && (!Number.isInteger(number) || number > WHOLE[field])) return undefined;
    return number;
  }
  if (LIST_TEXT.has(field)) return raw.split(',').map((s) => s.trim()).filter(Boolean);
  return raw;
}

/** The answers as a profile; deployment models go to every chosen customer segment. */
export function profileOf(answers) {
  const profile = {};
  for (const [field, value] of Object.entries(answers)) {
    if (value === undefined || field === 'deployments') continue;
    profile[field] = value;
  }
  if (answers.deployments && profile.customers) {
    profile.deployments = profile.customers.map((segment) => ({ segment, models: answers.deployments }));
  }
  return profile;
}

function control(question, value) {
  const id = `q-${question.id}`;
  const { field } = question;
  if (MANY.has(field)) {
    const chosen = new Set(value ?? []);
    return element(
      'fieldset',
      { class: 'many', id, 'data-field': field },
      element('legend', {}, question.text),
      ...question.options.map((option) =>
        element(
          'label',
          { class: 'check-label' },
          element('input', { type: 'checkbox', value: option, checked: chosen.has(option) }),
          ` ${option}`,
        ),
      ),
    );
  }

  let input;
  if (question.options.length > 0 || field in YES_NO) {
    const options = field in YES_NO ? YES_NO[field] : question.options;
    const current = field in YES_NO && value !== undefined ? YES_NO[field][value ? 0 : 1] : value === undefined ? '' : String(value);
    input = element(
      'select',
      { id, 'data-field': field },
      element('option', { value: '' }, 'not answered'),
      ...options.map((option) => element('option', { value: option, selected: option === current }, option)),
    );
  } else {
    const text = Array.isArray(value) ? value.join(', ') : (value ?? '');
    input = element('input', {
      id,
      'data-field': field,
      type: NUMBERS.has(field) ? 'number' : 'text',
      min: NUMBERS.has(field) ? '0' : undefined,
      step: field in WHOLE ? '1' : undefined,
      value: String(text),
      placeholder: LIST_TEXT.has(field) ? 'comma-separated, e.g. postgresql, redis' : 'not answered',
    });
  }
  return element('div', { class: 'question' }, element('label', { for: id }, question.text), input);
}

function decision(label, d) {
  if (!d) return null;
  return element(
    'section',
    { class: 'decision', 'data-decision': label },
    element('h4', {}, `${label}: ${d.name}`, element('span', { class: 'score' }, ` score ${d.score}`)),
    element('ul', {}, ...d.reasons.map((r) => element('li', {}, r))),
    d.alternatives.length
      ? element(
          'details',
          {},
          element('summary', {}, 'Alternatives'),
          element('ul', {}, ...d.alternatives.map((a) => element('li', {}, `${a.name} (score ${a.score}): ${a.tradeoff}`))),
        )
      : null,
  );
}

/** The recommendation, decision by decision, then clashes and open questions. */
function recommendation(r, questionText) {
  const unanswered = r.openQuestions.length;
  return [
    element('h3', {}, 'Recommended architecture'),
    unanswered
      ? element(
          'p',
          { class: 'provisional' },
          `A first draft: ${unanswered} question${unanswered === 1 ? '' : 's'} that could change it ${unanswered === 1 ? 'is' : 'are'} not answered yet, and defaults stand in for them (see "Still to answer" below).`,
        )
      : null,
    decision('Pattern', r.pattern),
    decision('Framework', r.framework),
    decision('Database', r.database),
    decision('Cache', r.cache),
    decision('Queue', r.queue),
    decision('Object storage', r.objectStorage),
    ...r.stores.map((s) => decision('Further store', s)),
    decision('Tenancy', r.tenancy?.model),
    ...r.deployments.map((d) => decision(`Deployment (${d.segment})`, d.decision)),
    decision('Availability', r.sla?.topology),
    r.conflicts.length
      ? element(
          'section',
          { class: 'conflicts' },
          element('h4', {}, 'Requirements that clash'),
          element('ul', {}, ...r.conflicts.map((c) => element('li', {}, `${c.problem} Way out: ${c.resolution}`))),
        )
      : null,
    r.openQuestions.length
      ? element(
          'section',
          { class: 'open-questions' },
          element('h4', {}, 'Still to answer'),
          element('ul', {}, ...r.openQuestions.map((id) => element('li', { 'data-question': id }, questionText(id)))),
        )
      : null,
  ];
}

export function discoveryView({ answered }) {
  const form = element('form', { class: 'discovery', id: 'discovery' });
  const result = element('div', { id: 'recommendation', 'aria-live': 'polite' });
  let questions = [];
  let drawnFor = null;

  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('change', () => {
    const answers = {};
    for (const node of form.querySelectorAll('[data-field]')) {
      answers[node.dataset.field] = answerOf(node.dataset.field, node);
    }
    answered(answers);
  });

  function drawForm(answers) {
    const name = element('div', { class: 'question' },
      element('label', { for: 'q-name' }, 'Product name'),
      element('input', { id: 'q-name', 'data-field': 'name', type: 'text', value: answers.name ?? '', placeholder: 'not answered' }),
    );
    const groups = Object.entries(GROUPS).map(([group, title]) =>
      element(
        'fieldset',
        { class: 'group', 'data-group': group },
        element('legend', {}, title),
        ...questions.filter((q) => q.group === group).map((q) => control(q, answers[q.field])),
      ),
    );
    form.replaceChildren(name, ...groups);
  }

  return {
    id: 'discovery',
    title: 'Discovery',
    panel: element('div', {}, element('p', { class: 'intro' }, 'Answer what you know; every answer refines the recommendation, the generated files and the checks.'), form, result),
    update({ questions: all, answers, recommendation: r, recommendError }) {
      questions = all ?? [];
      // the form is drawn once per set of questions, so typing never loses focus
      if (drawnFor !== questions) {
        drawForm(answers);
        drawnFor = questions;
      }
      const text = (id) => questions.find((q) => q.id === id)?.text ?? id;
      if (recommendError) result.replaceChildren(element('p', { class: 'error' }, recommendError));
      else if (r) result.replaceChildren(...recommendation(r, text).filter(Boolean));
    },
  };
}
