// What survives a reload: the open files, the answers to the discovery questions, the
// theme. It is kept in this browser's local storage only, on by default; turning it off
// deletes what was kept and keeps nothing of the user's, only the choice itself.

const STATE = 'compose-architect:state';
const CHOICE = 'compose-architect:storage';

/** Whether keeping is on (it is unless the user turned it off). */
export function keeping() {
  try {
    return localStorage.getItem(CHOICE) !== 'off';
  } catch {
    return false;
  }
}

/** The kept state, or null when there is none (or it cannot be read). */
export function restore() {
  if (!keeping()) return null;
  try {
    const kept = JSON.parse(localStorage.getItem(STATE) ?? 'null');
    return kept && typeof kept === 'object' && Array.isArray(kept.files) ? kept : null;
  } catch {
    return null;
  }
}

/**
 * Keeps `state` when keeping is on. When the storage cannot take it all, the largest
 * files are left out one by one until the rest fits. Returns the paths left out, and the
 * storage's error when not even the state without files could be kept.
 */
export function keep(state) {
  if (!keeping()) return { left: [], error: null };
  return write(state);
}

function write(state) {
  const files = [...state.files];
  const left = [];
  for (;;) {
    try {
      localStorage.setItem(STATE, JSON.stringify({ ...state, files }));
      return { left, error: null };
    } catch (error) {
      if (files.length === 0) return { left, error };
      const largest = files.reduce((a, b) => (b.text.length > a.text.length ? b : a));
      files.splice(files.indexOf(largest), 1);
      left.push(largest.path);
    }
  }
}

/** Turns keeping on or off; off deletes the kept state at once. Returns what `keep` does. */
export function setKeeping(on, state) {
  try {
    if (on) {
      localStorage.removeItem(CHOICE);
      return write(state);
    }
    localStorage.removeItem(STATE);
    localStorage.setItem(CHOICE, 'off');
  } catch {
    // nothing to keep or delete where storage is blocked
  }
  return { left: [], error: null };
}

/** Deletes the kept state (keeping stays as chosen). */
export function forget() {
  try {
    localStorage.removeItem(STATE);
  } catch {
    // nothing kept
  }
}
