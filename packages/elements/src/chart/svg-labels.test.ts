import { expect } from '@open-wc/testing';
import { render, svg } from 'lit';
import { svgLabels } from './svg-labels.js';

describe('svgLabels', () => {
  it('fills a text with positioned tspans, as text, and replaces them on the next render', () => {
    const host = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    document.body.append(host);
    try {
      const draw = (labels: Parameters<typeof svgLabels>[0]) => render(svg`<text ${svgLabels(labels)}></text>`, host);
      draw([
        { x: 10, y: 20.04, text: '$1K', anchor: 'end', dy: '0.32em' },
        { x: 30.26, y: 40, text: '<b>Oct</b>' },
      ]);
      const spans = [...host.querySelectorAll('text > tspan')];
      expect(spans.map((s) => [s.getAttribute('x'), s.getAttribute('y'), s.getAttribute('text-anchor'), s.getAttribute('dy'), s.textContent])).to.deep.equal([
        ['10.0', '20.0', 'end', '0.32em', '$1K'],
        ['30.3', '40.0', null, null, '<b>Oct</b>'],
      ]);
      expect(host.querySelector('b')).to.equal(null);
      draw([{ x: 1, y: 2, text: 'Nov' }]);
      expect([...host.querySelectorAll('tspan')].map((s) => s.textContent)).to.deep.equal(['Nov']);
      // Equal labels again: the same tspan, not a new one.
      const kept = host.querySelector('tspan');
      draw([{ x: 1, y: 2, text: 'Nov' }]);
      expect(host.querySelector('tspan')).to.equal(kept);
      draw([{ x: 1, y: 2, text: 'Dec' }]);
      expect(host.querySelector('tspan')).not.to.equal(kept);
      expect(host.querySelector('tspan')!.textContent).to.equal('Dec');
    } finally {
      host.remove();
    }
  });

  it('refuses to go anywhere but on an element', () => {
    const host = document.createElement('div');
    expect(() => render(svg`<text>${svgLabels([])}</text>`, host)).to.throw(/svgLabels\(\) goes on an SVG <text> element/);
  });
});
