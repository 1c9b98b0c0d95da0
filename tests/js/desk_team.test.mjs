// Node tests of how the HTML desk reads the relay's team (RELAY.md §5): `team` is the whole team
// after welcome, `team.changed` only the lines that changed, merged by id; untrusted entries are
// cleaned and the list bounded.
//
// Run: node --test tests/js/desk_team.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cleanTeam, mergeTeam } from '../../demo-site/desk/relay_panels.js';

const line = (id, fields = {}) => ({ id, name: id.toUpperCase(), online: true, chat: false, video: false, open: 0, maxChats: 3, ...fields });

describe('team.changed', () => {
  it('replaces the changed lines in place and keeps the others', () => {
    const team = cleanTeam({ agents: [line('alex'), line('sam', { online: false }), line('kim', { online: false })] });
    const merged = mergeTeam(team, { type: 'team.changed', agents: [line('sam', { chat: true, open: 2 })] });
    assert.deepEqual(merged.map((a) => a.id), ['alex', 'sam', 'kim']);
    assert.equal(merged[1].online, true);
    assert.equal(merged[1].chat, true);
    assert.equal(merged[1].open, 2);
    assert.equal(merged[2].online, false);
    assert.equal(team[1].online, false, 'the previous list is not changed');
  });

  it('adds an agent it did not know at the end', () => {
    const merged = mergeTeam(cleanTeam({ agents: [line('alex')] }), { agents: [line('dee')] });
    assert.deepEqual(merged.map((a) => a.id), ['alex', 'dee']);
  });

  it('skips malformed lines and survives a message without agents', () => {
    const team = cleanTeam({ agents: [line('alex')] });
    assert.deepEqual(mergeTeam(team, { agents: [null, 7, { name: 'no id' }, { id: '' }] }), team);
    assert.deepEqual(mergeTeam(team, {}), team);
    assert.deepEqual(mergeTeam(team, { agents: 'all' }), team);
  });

  it('stays bounded however many new agents a message names', () => {
    const many = Array.from({ length: 500 }, (_, i) => line('a' + i));
    assert.equal(mergeTeam([], { agents: many }).length, 200);
  });
});
