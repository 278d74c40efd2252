// The rollout timeline: when each dong first had its dong center.

/** dong code -> the earliest opening day of its dong center ("0000" when the day is unknown: open all along). */
export function firstOpenings(districts) {
  const openedOn = new Map();
  for (const dong of districts.flatMap((district) => district.dongs)) {
    const days = dong.learningCenters.filter((c) => c.kind === 'DONG_CENTER').map((c) => c.openedOn ?? '0000');
    if (days.length) openedOn.set(dong.code, days.sort()[0]);
  }
  return openedOn;
}
