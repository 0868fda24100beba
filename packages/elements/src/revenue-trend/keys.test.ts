import { expect } from '@open-wc/testing';
import { keyAction } from './keys.js';

describe('keyAction', () => {
  it('maps keys to moves from the latest point, selection and clearing', () => {
    expect(keyAction('ArrowLeft', -1, 0, 10)).to.deep.equal({ move: 8 });
    expect(keyAction('ArrowRight', 3, 0, 10)).to.deep.equal({ move: 4 });
    expect(keyAction('PageDown', 3, 0, 100)).to.deep.equal({ move: 13 });
    expect(keyAction('Home', 3, 2, 10)).to.deep.equal({ move: 2 });
    expect(keyAction('End', 3, 2, 10)).to.deep.equal({ move: 9 });
    expect(keyAction('Enter', 3, 0, 10)).to.equal('select');
    expect(keyAction(' ', 3, 0, 10)).to.equal('select');
    expect(keyAction('Escape', 3, 0, 10)).to.equal('clear');
    expect(keyAction('a', 3, 0, 10)).to.equal(undefined);
  });
});
