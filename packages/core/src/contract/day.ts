/** One UTC calendar day in milliseconds: Gold dates are UTC days, so a day is always this long. */
export const DAY = 86_400_000;
