/** What <revenue-trend> drew, for the driver's check. */
export function describeTrend(el) {
  const svg = el.shadowRoot.querySelector('[part~="plot"] svg');
  return { width: Number(svg?.getAttribute('width')), height: Number(svg?.getAttribute('height')), points: el.drawnPoints, state: el.state };
}
