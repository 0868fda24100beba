import type { compareFigure, loadTrend } from './compare.js';

/** What a card needs of its trend and comparison chunk (`compare.ts`). */
export interface CompareCode {
  readonly loadTrend: typeof loadTrend;
  readonly compareFigure: typeof compareFigure;
}

let code: CompareCode | undefined;

/**
 * The KPI cards' trend and comparison code, once its module has been evaluated (it provides
 * itself): a card drawn after that, on a page that imported the module up front
 * (`@goldboard/elements/all.js`), reaches it without waiting a task for `import()`.
 */
export const compareCode = (): CompareCode | undefined => code;

export function provideCompareCode(provided: CompareCode): void {
  code = provided;
}
