import { expect } from '@open-wc/testing';
import { linePaths, tenth } from './line-path.js';

describe('line paths', () => {
  it('writes a coordinate to a tenth, as String(Math.round(v * 10) / 10) would', () => {
    expect(tenth(0)).to.equal('0');
    expect(tenth(-0)).to.equal('0');
    expect(tenth(12.25)).to.equal('12.3');
    expect(tenth(-12.25)).to.equal('-12.2');
    expect(tenth(-0.875)).to.equal('-0.9');
    expect(tenth(-0.04)).to.equal('0');
    expect(tenth(1234.96)).to.equal('1235');
    expect(tenth(7.1)).to.equal('7.1');
    for (let v = -50; v <= 50; v += 0.037) expect(tenth(v), String(v)).to.equal(String(Math.round(v * 10) / 10));
  });

  it('draws the line and the area down to a base, breaking both at a null or an infinity', () => {
    const xs = Float64Array.of(0, 1, 2, 3, 4);
    const ys = Float64Array.of(1, -2, NaN, 3, Infinity);
    const { line, area } = linePaths(xs, ys, (v) => v * 10, (v) => -v, 0);
    expect(line).to.equal('M0,-1L10,2M30,-3');
    expect(area).to.equal('M0,-1L10,2L10,0L0,0ZM30,-3L30,0L30,0Z');
    expect(linePaths(xs, ys, (v) => v, (v) => v, NaN).area).to.equal('');
  });
});
