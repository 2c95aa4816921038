// The editor: CodeMirror 6 with YAML highlighting, line numbers, search, undo, and the
// findings of the open file as gutter marks and underlines whose message shows on hover.
import { EditorState, Compartment, Prec } from '@codemirror/state';
import {
  EditorView,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  drawSelection,
  highlightSpecialChars,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory } from '@codemirror/commands';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import {
  syntaxHighlighting,
  HighlightStyle,
  indentOnInput,
  bracketMatching,
  foldGutter,
  foldKeymap,
  indentUnit,
} from '@codemirror/language';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, lintKeymap } from '@codemirror/lint';
import { tags } from '@lezer/highlight';

// colours come from the page's theme variables, so one editor theme serves light and dark
const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--syntax-key)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--syntax-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--syntax-literal)' },
  { tag: [tags.comment, tags.lineComment], color: 'var(--syntax-comment)', fontStyle: 'italic' },
  { tag: [tags.labelName, tags.typeName, tags.meta], color: 'var(--syntax-meta)' },
  { tag: [tags.punctuation, tags.separator, tags.squareBracket, tags.brace], color: 'var(--muted)' },
]);

const theme = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--bg)', fontSize: '13px', height: 'var(--editor-height)' },
  '&.cm-focused': { outline: '2px solid var(--focus)' },
  '.cm-scroller': { overflow: 'auto' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--selection) !important',
  },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-panels': { backgroundColor: 'var(--panel)', color: 'var(--text)' },
});

/** Turns a 1-based line and UTF-16 column into an offset in `doc`, clamped to it. */
export function offsetOf(doc, position) {
  const line = doc.line(Math.min(Math.max(position.line, 1), doc.lines));
  return Math.min(line.from + Math.max(position.column - 1, 0), line.to);
}

/** The findings of one file as CodeMirror diagnostics. */
function diagnostics(doc, findings) {
  return findings.map((finding) => {
    const from = offsetOf(doc, finding.start);
    let to = offsetOf(doc, finding.end);
    if (to <= from) to = Math.min(from + 1, doc.length);
    return {
      from,
      to,
      severity: finding.severity,
      source: finding.rule,
      message: finding.help ? `${finding.message}\n${finding.help}` : finding.message,
    };
  });
}

/**
 * Creates the editor in `parent`. `changed(text)` is called on every edit. Returns the
 * operations the page needs: show a file, read it, mark findings, reveal a range.
 */
export function createEditor(parent, { changed, label }) {
  const language = new Compartment();
  const extensions = (path) => [
    lineNumbers(),
    foldGutter(),
    lintGutter(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    indentUnit.of('  '),
    EditorState.tabSize.of(2),
    syntaxHighlighting(highlight),
    theme,
    language.of(path.endsWith('.env') ? [] : yaml()),
    // Escape then Tab leaves the editor, whatever else Escape does (Tab indents)
    Prec.highest(keymap.of([{ key: 'Escape', run: (view) => (view.setTabFocusMode(2000), false) }])),
    keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...foldKeymap, ...lintKeymap, indentWithTab]),
    EditorView.contentAttributes.of({ tabindex: '0', 'aria-label': path ? `${label} ${path}` : label, spellcheck: 'false', autocapitalize: 'off' }),
    // typing over a selection is done here rather than by the browser's own editing,
    // which would try to keep the removed text's colours as style attributes that the
    // page's policy refuses
    EditorView.domEventHandlers({
      beforeinput(event, view) {
        if (event.inputType !== 'insertText' || !event.data || view.state.selection.main.empty) return false;
        event.preventDefault();
        view.dispatch(view.state.replaceSelection(event.data), { userEvent: 'input.type', scrollIntoView: true });
        return true;
      },
    }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) changed(update.state.doc.toString());
    }),
  ];

  // one state per file, so each keeps its own undo history and selection
  const states = new Map();
  let current = '';
  // inside a shadow root the editor's styles are constructed style sheets, which a
  // strict style-src allows; in the document itself they would be <style> elements
  const root = parent.attachShadow({ mode: 'open' });
  const view = new EditorView({ parent: root, root, state: EditorState.create({ doc: '', extensions: extensions('') }) });

  return {
    view,

    /**
     * Shows `path` with `text`, keeping the history of a file shown before; new text for
     * the file already shown (an opened file, an applied fix) is one undoable change.
     */
    show(path, text) {
      if (path === current) {
        if (view.state.doc.toString() !== text) this.replace(text);
        return;
      }
      if (current) states.set(current, view.state);
      const kept = states.get(path);
      const state =
        kept && kept.doc.toString() === text ? kept : EditorState.create({ doc: text, extensions: extensions(path) });
      view.setState(state);
      current = path;
    },

    /** Replaces the shown text (an applied fix, an opened file) as one undoable change. */
    replace(text) {
      // its own step in the history, never joined to the edit before it
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        annotations: isolateHistory.of('full'),
      });
    },

    /** The shown file is now called `to`; it keeps its history. */
    rename(to) {
      current = to;
    },

    /** Forgets a closed or replaced file's state. */
    drop(path) {
      states.delete(path);
    },

    text() {
      return view.state.doc.toString();
    },

    /** Marks the shown file's findings. */
    mark(findings) {
      view.dispatch(setDiagnostics(view.state, diagnostics(view.state.doc, findings)));
    },

    /** Selects a finding's range, scrolls it into view and focuses the editor. */
    reveal(finding) {
      const doc = view.state.doc;
      const from = offsetOf(doc, finding.start);
      const to = Math.max(offsetOf(doc, finding.end), from);
      view.dispatch({ selection: { anchor: from, head: to }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
      view.focus();
    },
  };
}
