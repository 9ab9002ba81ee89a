/** A stable hue per actor id, so one actor keeps its colour across the rows of a trace. */
export function actorHue(actorId: string): number {
  let hash = 2166136261;
  for (let i = 0; i < actorId.length; i++) {
    hash ^= actorId.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % 360;
}

/** Hue by actor kind (`order-17` and `order-42` share `order`), falling back to the whole id. */
export function actorKindHue(actorId: string): number {
  const kind = /^[^-/:_.]+/.exec(actorId)?.[0] ?? actorId;
  return actorHue(kind);
}
