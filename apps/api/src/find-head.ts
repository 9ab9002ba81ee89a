/**
 * The position of the newest stored event (0 for an empty log), found with `hasAfter(p)` probes
 * ("is any event stored after position p?"): gallop up, then bisect. About 2·log2(head) probes, each
 * a one-event read, so a live tail can start at the end of a large log without streaming all of it.
 * The contract has no "newest position" read and no backward `readAll`, so this is the cheapest way
 * that works on every store.
 */
export async function findHead(hasAfter: (position: number) => Promise<boolean>): Promise<number> {
  if (!(await hasAfter(0))) return 0;
  let low = 0; // an event exists after `low`
  let high = 1024;
  while (await hasAfter(high)) {
    low = high;
    high *= 4;
    if (high > Number.MAX_SAFE_INTEGER) high = Number.MAX_SAFE_INTEGER;
  }
  // Invariant: something after `low`, nothing after `high`; so the head is in (low, high].
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (await hasAfter(middle)) low = middle;
    else high = middle;
  }
  return high;
}
