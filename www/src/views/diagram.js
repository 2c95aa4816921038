// The architecture diagram. The SVG comes from the package, yet it is shown as an image
// from a data URL: an image cannot run scripts or reach the network, whatever it holds.
import { element } from '../dom.js';

/** A data URL for an SVG document (UTF-8, base64). */
export function svgUrl(svg) {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

export function diagramView() {
  const figure = element('figure', { id: 'diagram', class: 'diagram' });
  return {
    id: 'diagram',
    title: 'Diagram',
    panel: element('div', {}, figure),
    update({ diagram, diagramError, generated, calls }) {
      // the generated architecture stands in only where the package cannot draw the files
      const drawsFiles = calls?.includes('diagram') ?? false;
      const generatedSvg = drawsFiles ? undefined : generated?.files?.find((f) => f.path.endsWith('.svg'));
      const svg = diagram?.svg ?? generatedSvg?.text;
      if (diagramError) {
        figure.replaceChildren(element('p', { class: 'error' }, diagramError));
        return;
      }
      if (drawsFiles && !diagram) {
        // while the files are drawn the last drawing stays, marked as busy
        figure.setAttribute('aria-busy', 'true');
        if (!figure.querySelector('img')) figure.replaceChildren(element('p', {}, 'Drawing the diagram…'));
        return;
      }
      figure.removeAttribute('aria-busy');
      if (!svg) {
        figure.replaceChildren(element('p', {}, 'This version of the package draws no diagram yet.'));
        return;
      }
      const text = diagram?.text ?? 'The generated architecture';
      figure.replaceChildren(
        element('img', { src: svgUrl(svg), alt: text, 'data-source': diagram ? 'files' : 'generated' }),
        element('figcaption', {}, diagram ? 'The services of your files and how they connect.' : 'The generated architecture.'),
        diagram?.text ? element('details', {}, element('summary', {}, 'As text'), element('pre', { tabindex: '0', 'aria-label': 'The diagram as text' }, diagram.text)) : null,
        diagram?.mermaid ? element('details', {}, element('summary', {}, 'As Mermaid'), element('pre', { tabindex: '0', 'aria-label': 'The diagram in Mermaid' }, diagram.mermaid)) : null,
      );
    },
  };
}
