import { describe, expect, it } from 'vitest';
import { translator } from '../../viz/src/i18n.js';
import { changeSummary } from '../../viz/src/legend.js';

describe('the year control in "changes" mode', () => {
  it('says how many relations started and how many ended', () => {
    expect(changeSummary({ started: 12, ended: 1, both: 0 }, translator('en'))).toEqual([
      { change: 'started', text: '12 relations started' },
      { change: 'ended', text: '1 relation ended' },
    ]);
    expect(changeSummary({ started: 0, ended: 3, both: 0 }, translator('fr'))).toEqual([
      { change: 'started', text: '0 relation commencée' },
      { change: 'ended', text: '3 relations terminées' },
    ]);
  });

  it('adds a line for relations that did both, counted in each of the two', () => {
    expect(changeSummary({ started: 3, ended: 2, both: 2 }, translator('en'))).toEqual([
      { change: 'started', text: '3 relations started' },
      { change: 'ended', text: '2 relations ended' },
      { change: 'both', text: 'of which 2 started and ended' },
    ]);
    expect(changeSummary({ started: 1, ended: 1, both: 1 }, translator('fr'))[2]).toEqual({
      change: 'both',
      text: 'dont 1 commencée et terminée',
    });
  });
});
