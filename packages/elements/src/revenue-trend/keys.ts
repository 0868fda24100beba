/** What a key does on the plot: move the crosshair to a row, select the row, clear, or nothing. */
export type KeyAction = { move: number } | 'select' | 'clear' | undefined;

/**
 * The keyboard of the trend, a pure function: arrows move one point, Page Up/Down a tenth of the
 * range, Home/End to the ends, Enter/Space select, Escape clears. `current` is -1 when no point
 * is active (then the latest point is the starting place).
 */
export function keyAction(key: string, current: number, start: number, end: number): KeyAction {
  const i = current < 0 ? end - 1 : current;
  const page = Math.max(1, Math.round((end - start) / 10));
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return { move: i - 1 };
    case 'ArrowRight':
    case 'ArrowUp':
      return { move: i + 1 };
    case 'PageUp':
      return { move: i - page };
    case 'PageDown':
      return { move: i + page };
    case 'Home':
      return { move: start };
    case 'End':
      return { move: end - 1 };
    case 'Enter':
    case ' ':
      return 'select';
    case 'Escape':
      return 'clear';
    default:
      return undefined;
  }
}
