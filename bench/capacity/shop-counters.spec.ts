import { mostMembers, sharedGroups } from './shop-counters.ts';

describe('consumer group members', () => {
  it('keeps the most members each group had in either reading', () => {
    expect(mostMembers({ email: 1, history: 2 }, { email: 2, history: 1, order: 1 })).toEqual({ email: 2, history: 2, order: 1 });
  });

  it('names the groups another copy of the apps joined', () => {
    expect(sharedGroups({ shipping: 2, email: 1, history: 3 })).toEqual(['history', 'shipping']);
  });
});
