// The image inventory: each service's image, its registry, and whether the team must
// build and push it before onboarding.
import { element } from '../dom.js';

function kind(image) {
  if (image.needsPush) return 'custom: build and push';
  return image.custom ? 'custom' : 'public';
}

export function inventoryView() {
  const body = element('tbody');
  const table = element(
    'table',
    { id: 'inventory', class: 'inventory' },
    element('caption', { class: 'visually-hidden' }, 'Images by service'),
    element(
      'thead',
      {},
      element('tr', {}, ...['service', 'image', 'registry', 'kind'].map((h) => element('th', { scope: 'col' }, h))),
    ),
    body,
  );
  return {
    id: 'inventory',
    title: 'Images',
    panel: element('div', { class: 'scroll-x', tabindex: '0', role: 'region', 'aria-label': 'Image inventory' }, table),
    update({ report }) {
      body.replaceChildren(
        ...(report?.inventory ?? []).map((image) =>
          element(
            'tr',
            { 'data-service': image.service },
            element('td', {}, image.service),
            element('td', {}, element('code', {}, image.image), image.suggested ? ' (suggested name)' : ''),
            element('td', {}, image.registry),
            element('td', {}, kind(image)),
          ),
        ),
      );
    },
  };
}
