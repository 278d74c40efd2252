/**
 * A district's coverage figures after network writes: partnerships and experts counted where they belong.
 */
import { AWAY, coverageOf, HOME, make, mutate, setUpNetworkWrites, succeeded } from './network-support';

setUpNetworkWrites();

describe('coverage after writes', () => {
  it('counts a new partnership, keeps an ended one in partnershipCount but not among the active ones', async () => {
    const before = await coverageOf(HOME);
    const { id } = await make.partnership();
    const created = await coverageOf(HOME);
    expect(created).toMatchObject({
      partnershipCount: before.partnershipCount + 1,
      activePartnershipCount: before.activePartnershipCount + 1,
    });
    succeeded(await mutate('endPartnership', { id }));
    expect(await coverageOf(HOME)).toMatchObject({
      partnershipCount: before.partnershipCount + 1,
      activePartnershipCount: before.activePartnershipCount,
    });
  });

  it("counts a new expert in the district's expertCount, and no other district's", async () => {
    const [home, away] = await Promise.all([coverageOf(HOME), coverageOf(AWAY)]);
    await make.expert();
    const [homeAfter, awayAfter] = await Promise.all([coverageOf(HOME), coverageOf(AWAY)]);
    expect(homeAfter.expertCount).toBe(home.expertCount + 1);
    expect(homeAfter.meetsExpertMinimum).toBe(homeAfter.expertCount >= 2);
    expect(awayAfter).toEqual(away);
  });
});
