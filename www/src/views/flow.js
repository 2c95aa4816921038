// The guided flow through the phases of onboarding a compose project: where the
// project stands in each, judged from the files and the answers, and the next step.
import { button, element } from '../dom.js';

/** The phases in order; `state` is what the page knows, `done` and `note` read it. */
export const PHASES = [
  {
    id: 'discovery',
    title: 'Discovery',
    view: 'discovery',
    next: 'Answer the discovery questions about your product, customers, compliance and uptime.',
    note: (s) => `${s.answeredCount} of ${s.questionCount} questions answered`,
    done: (s) => s.recommendation !== null && s.recommendation.openQuestions.length === 0,
  },
  {
    id: 'stack',
    title: 'Choose the stack',
    view: 'discovery',
    next: 'Read the recommended architecture and settle any requirements that clash.',
    note: (s) => (s.recommendation ? `${s.recommendation.pattern.name}; ${s.recommendation.conflicts.length} clash(es)` : 'no recommendation yet'),
    done: (s) => s.answeredCount > 0 && s.recommendation !== null && s.recommendation.conflicts.length === 0,
  },
  {
    id: 'first-compose',
    title: 'First compose file',
    view: 'editor',
    next: 'Write, paste, open or drop a compose file with at least one service; the Generated view has one to start from.',
    note: (s) => `${s.report?.summary.services ?? 0} service(s)`,
    done: (s) => (s.report?.summary.services ?? 0) > 0,
  },
  {
    id: 'validate',
    title: 'Validate',
    view: 'findings',
    next: 'Fix the errors in the findings list; each one jumps to its line.',
    note: (s) => (s.report ? `${s.report.summary.errors} error(s), ${s.report.summary.warnings} warning(s)` : 'not analyzed'),
    done: (s) => s.report !== null && s.report.summary.services > 0 && s.report.summary.errors === 0,
  },
  {
    id: 'add-complexity',
    title: 'Add complexity',
    view: 'generated',
    next: 'Add the services the architecture needs (cache, queue, storage), one at a time, validating after each.',
    note: (s) => `${s.report?.summary.services ?? 0} service(s)`,
    done: (s) => (s.report?.summary.services ?? 0) > 1,
  },
  {
    id: 'registry',
    title: 'Registry',
    view: 'inventory',
    next: 'Build and push every custom image, and reference each service by a pinned image in a registry.',
    note: (s) => {
      const images = s.report?.inventory ?? [];
      return `${images.filter((i) => i.needsPush).length} of ${images.length} image(s) still to push`;
    },
    done: (s) => {
      const images = s.report?.inventory ?? [];
      return images.length > 0 && images.every((i) => !i.needsPush) && check(s, 'image-references') === 'pass';
    },
  },
  {
    id: 'platform',
    title: 'Platform-aware adjustments',
    view: 'checklist',
    next: 'Work through the failing checklist items: health checks, secrets, volumes, ports.',
    note: (s) => `${failing(s)} checklist item(s) failing`,
    done: (s) => s.report !== null && s.report.checklist.length > 0 && failing(s) === 0,
  },
  {
    id: 'document',
    title: 'Document',
    view: 'handoff',
    next: 'Review the handoff document and answer its open questions.',
    note: (s) => (handoff(s) ? 'handoff document written' : 'no handoff document yet'),
    done: (s) => handoff(s) && s.answeredCount > 0,
  },
  {
    id: 'handoff',
    title: 'Handoff',
    view: 'handoff',
    next: 'Download the compose file and handoff document and hand them to the platform.',
    note: (s) => (s.report?.summary.ready ? 'ready for onboarding' : 'not ready yet'),
    done: (s) => Boolean(s.report?.summary.ready) && failing(s) === 0 && handoff(s),
  },
];

function check(s, id) {
  return s.report?.checklist.find((item) => item.id === id)?.status;
}
function failing(s) {
  return (s.report?.checklist ?? []).filter((item) => item.status === 'fail').length;
}
function handoff(s) {
  return Boolean(s.generated?.files?.some((f) => f.path.endsWith('handoff.md')));
}

/** Each phase with whether it is done, and the first that is not: the current one. */
export function progress(state) {
  const phases = PHASES.map((phase) => ({ phase, done: phase.done(state), note: phase.note(state) }));
  const current = phases.find((p) => !p.done) ?? null;
  return { phases, current };
}

export function flowView({ open, titleOf }) {
  const list = element('ol', { id: 'flow', class: 'flow' });
  const next = element('div', { id: 'next-step', class: 'next-step' });
  return {
    id: 'guide',
    title: 'Guide',
    panel: element('div', {}, next, list),
    update(state) {
      const { phases, current } = progress(state);
      list.replaceChildren(
        ...phases.map(({ phase, done, note }) => {
          const status = done ? 'done' : phase === current?.phase ? 'current' : 'todo';
          return element(
            'li',
            { class: `phase ${status}`, 'data-phase': phase.id, 'data-status': status, 'aria-current': status === 'current' ? 'step' : undefined },
            element('span', { class: 'phase-status' }, { done: 'done', current: 'now', todo: 'to do' }[status]),
            element('span', { class: 'phase-title' }, phase.title),
            element('span', { class: 'phase-note' }, note),
          );
        }),
      );
      if (!current) {
        next.replaceChildren(element('p', {}, element('strong', {}, 'Every phase is done: the project is ready to hand off.')));
        return;
      }
      next.replaceChildren(
        element('p', {}, element('strong', {}, `Next: ${current.phase.title}. `), current.phase.next),
        button(`Go to ${titleOf(current.phase.view)}`, () => open(current.phase.view), { id: 'go-next' }),
      );
    },
  };
}
