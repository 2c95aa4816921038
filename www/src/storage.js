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

/** Keeps `state` when keeping is on; a full or blocked storage is not an error. */
export function keep(state) {
  if (!keeping()) return;
  try {
    localStorage.setItem(STATE, JSON.stringify(state));
  } catch {
    // the page works the same without it
  }
}

/** Turns keeping on or off; off deletes the kept state at once. */
export function setKeeping(on, state) {
  try {
    if (on) {
      localStorage.removeItem(CHOICE);
      localStorage.setItem(STATE, JSON.stringify(state));
    } else {
      localStorage.removeItem(STATE);
      localStorage.setItem(CHOICE, 'off');
    }
  } catch {
    // nothing to keep or delete where storage is blocked
  }
}

/** Deletes the kept state (keeping stays as chosen). */
export function forget() {
  try {
    localStorage.removeItem(STATE);
  } catch {
    // nothing kept
  }
}
