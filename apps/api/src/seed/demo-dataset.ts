import { type ActorSnapshot, causedBy, type Event, type EventMetadata, type JsonObject } from '@aether/core';
import { SeededRandom } from './seeded-random.ts';

/** Bump when the dataset changes shape, so an old demo store is not mistaken for the new one. */
export const DEMO_DATASET_VERSION = 1;
export const DEMO_SEED_MARKER_ACTOR = 'aether-demo/seed';
export const DEMO_LEDGER_ACTOR = 'ledger/warehouse-main';

export interface DemoDatasetOptions {
  orders?: number;
  ledgerEvents?: number;
}

export interface DemoDataset {
  /** Write these in order; a batch holds consecutive events of one actor. */
  batches: Event[][][];
  snapshots: ActorSnapshot[];
  eventCount: number;
  actorCount: number;
}

const BASE_TIME = Date.parse('2026-01-05T08:00:00.000Z');
const DAY = 86_400_000;
const MINUTE = 60_000;
const PERIOD_DAYS = 30;

const PRODUCTS = [
  ['SKU-CHAIR-OAK', 'Oak dining chair', 129],
  ['SKU-TABLE-WAL', 'Walnut table', 899],
  ['SKU-LAMP-BRS', 'Brass desk lamp', 74.5],
  ['SKU-RUG-WOOL', 'Wool rug 160×230', 349],
  ['SKU-SOFA-3S', 'Three-seat sofa', 1290],
  ['SKU-SHELF-PIN', 'Pine shelf', 59.9],
  ['SKU-MUG-SET', 'Stoneware mug set', 32],
  ['SKU-PLANT-MON', 'Monstera in pot', 45],
  ['SKU-BED-QN', 'Queen bed frame', 749],
  ['SKU-DESK-STD', 'Standing desk', 540],
  ['SKU-CUSH-LIN', 'Linen cushion', 24.9],
  ['SKU-CLOCK-WL', 'Wall clock', 39],
  ['SKU-VASE-GLS', 'Glass vase', 28],
  ['SKU-STOOL-BAR', 'Bar stool', 89],
  ['SKU-MIRROR-RD', 'Round mirror', 119],
  ['SKU-BENCH-ASH', 'Ash bench', 210],
] as const;

const NAMES = [
  'Zoë Müller',
  'José Álvarez',
  'Siobhán Kelly',
  'Lars Ødegaard',
  '李雷',
  'Amélie Dubois',
  'Ana Souza',
  'Mateusz Wójcik',
  'Hana Suzuki',
  'Ahmed Hassan',
  'Olivia Brown',
  'Noah Smith',
  'Emma Johansson',
  'Liam Murphy',
  'Chloé Martin',
  'Yusuf Demir',
  'Priya Sharma',
  'Sofía García',
  'Jonas Weber',
  'Elif Kaya',
  'Mia Rossi',
  'Lucas Silva',
  'Nora Berg',
  'Tomás Novák',
  'Aiko Tanaka',
  'Daniel Cohen',
  'Ingrid Larsen',
  'Björn Nilsson',
  'Fatima Zahra',
  'Kofi Mensah',
  'Léa Bernard',
  'Ivan Petrov',
];
const CITIES = [
  'Berlin',
  'Lisboa',
  'Dublin',
  'Oslo',
  'Paris',
  'São Paulo',
  'Kraków',
  'Tōkyō',
  'Malmö',
  'Zürich',
];
const CARRIERS = ['DHL', 'UPS', 'PostNord', 'DPD', 'GLS'];

interface Draft {
  event: Event;
  /** Time order first, then the order of creation (a cause is created before its effects). */
  seq: number;
}

/** Builds the demo dataset: the same events, ids and timestamps on every call. */
export function buildDemoDataset(options: DemoDatasetOptions = {}): DemoDataset {
  const orderCount = options.orders ?? 300;
  const ledgerCount = options.ledgerEvents ?? 10_000;
  const random = new SeededRandom(0xae7e5);
  const drafts: Draft[] = [];
  let seq = 0;

  const emit = (
    actorId: string,
    eventType: string,
    time: number,
    data: JsonObject,
    meta?: (id: string) => EventMetadata,
  ) => {
    const id = random.uuidV7(time);
    const event: Event = { id, eventType, actorId, version: 0, data, timestamp: new Date(time) };
    if (meta !== undefined) event.metadata = meta(id);
    drafts.push({ event, seq: seq++ });
    return event;
  };
  /** Metadata of the first event of a business process: it starts its own correlation. */
  const origin = (userId: string) => (id: string) => ({
    correlationId: id,
    userId,
    traceId: random.hex(32),
    spanId: random.hex(16),
  });
  /** Metadata of an event another one caused: same correlation, user and trace; a new span. */
  const after = (cause: Event) => () => ({
    ...causedBy(cause),
    ...(cause.metadata?.userId === undefined ? {} : { userId: cause.metadata.userId }),
    ...(cause.metadata?.traceId === undefined ? {} : { traceId: cause.metadata.traceId }),
    spanId: random.hex(16),
  });

  // Customers, registered before the period starts.
  const customers = NAMES.map((name, index) => {
    const userId = `user-${String(index + 1).padStart(4, '0')}`;
    const handle = name.toLowerCase().replace(/\s+/g, '.');
    const actorId = `customer/${handle}@example.com`;
    const city = random.pick(CITIES);
    emit(
      actorId,
      'CustomerRegistered',
      BASE_TIME - random.int(5, 400) * DAY,
      { name, city, userId },
      origin(userId),
    );
    return { userId, actorId, name, city };
  });

  // Stock on hand at the start.
  const stock = new Map<string, number>();
  for (const [sku, name] of PRODUCTS) {
    const quantity = random.int(40, 120);
    stock.set(sku, quantity);
    emit(
      `inventory/${sku}`,
      'StockReceived',
      BASE_TIME - DAY,
      { sku, name, quantity, warehouse: 'main' },
      origin('user-ops'),
    );
  }

  const reserve = (sku: string, quantity: number) => stock.set(sku, (stock.get(sku) ?? 0) - quantity);

  for (let index = 0; index < orderCount; index++) {
    const number = String(index + 1).padStart(5, '0');
    const orderId = `order/2026-${number}`;
    const customer = random.pick(customers);
    const placedAt = BASE_TIME + Math.floor(((index + random.next()) * PERIOD_DAYS * DAY) / orderCount);
    const lines = Array.from({ length: random.int(1, 3) }, () => {
      const [sku, name, price] = random.pick(PRODUCTS);
      return { sku, name, price, quantity: random.int(1, 3) };
    });
    const total = Math.round(lines.reduce((sum, line) => sum + line.price * line.quantity, 0) * 100) / 100;
    const placed = emit(
      orderId,
      'OrderPlaced',
      placedAt,
      { customer: customer.actorId, lines, total, currency: 'EUR', shipTo: { city: customer.city } },
      origin(customer.userId),
    );
    let time = placedAt;
    const step = (minutes: number) => {
      time += Math.floor(minutes * MINUTE + random.next() * MINUTE);
      return time;
    };

    const reservations = lines.map((line) => {
      reserve(line.sku, line.quantity);
      return emit(
        `inventory/${line.sku}`,
        'StockReserved',
        step(0.5),
        { order: orderId, quantity: line.quantity },
        after(placed),
      );
    });
    const paymentId = `payment/pay-${number}`;
    const method = random.pick(['card', 'card', 'card', 'paypal', 'invoice']);
    const declined = random.chance(0.07);
    const payment = emit(
      paymentId,
      declined ? 'PaymentDeclined' : 'PaymentAuthorized',
      step(1),
      declined
        ? { order: orderId, amount: total, reason: 'insufficient_funds' }
        : { order: orderId, amount: total, method },
      after(placed),
    );
    if (declined) {
      const cancelled = emit(
        orderId,
        'OrderCancelled',
        step(2),
        { reason: 'payment_declined' },
        after(payment),
      );
      for (const [i, line] of lines.entries()) {
        reserve(line.sku, -line.quantity);
        emit(
          `inventory/${line.sku}`,
          'StockReleased',
          step(0.2),
          { order: orderId, quantity: line.quantity, reservation: (reservations[i] as Event).id },
          after(cancelled),
        );
      }
      continue;
    }
    const captured = emit(paymentId, 'PaymentCaptured', step(2), { amount: total }, after(payment));
    const paid = emit(
      orderId,
      'OrderPaid',
      step(0.5),
      { amount: total, payment: paymentId },
      after(captured),
    );
    // The most recent orders are still on their way.
    const age = BASE_TIME + PERIOD_DAYS * DAY - placedAt;
    if (age < 0.5 * DAY) continue;
    const shipmentId = `shipment/shp-${number}`;
    const carrier = random.pick(CARRIERS);
    const created = emit(
      shipmentId,
      'ShipmentCreated',
      step(30),
      { order: orderId, carrier, parcels: lines.length },
      after(paid),
    );
    const dispatched = emit(
      shipmentId,
      'ShipmentDispatched',
      step(random.int(120, 900)),
      { trackingNumber: `${carrier}-${random.hex(10).toUpperCase()}` },
      after(created),
    );
    emit(orderId, 'OrderShipped', step(1), { shipment: shipmentId, carrier }, after(dispatched));
    if (age < 3 * DAY) continue;
    const delivered = emit(
      shipmentId,
      'ShipmentDelivered',
      step(random.int(1200, 3600)),
      { signedBy: customer.name },
      after(dispatched),
    );
    const completed = emit(
      orderId,
      'OrderCompleted',
      step(5),
      { deliveredAt: new Date(time).toISOString() },
      after(delivered),
    );
    if (random.chance(0.06)) {
      const refund = emit(
        paymentId,
        'PaymentRefunded',
        step(random.int(600, 4000)),
        { amount: lines[0]?.price ?? 0, reason: 'damaged_item' },
        after(completed),
      );
      emit(orderId, 'OrderPartiallyRefunded', step(1), { amount: lines[0]?.price ?? 0 }, after(refund));
    }
  }

  // One long stream to page through: every stock movement of the main warehouse.
  const balances = new Map<string, number>();
  for (let index = 0; index < ledgerCount; index++) {
    const [sku] = random.pick(PRODUCTS);
    const delta = random.chance(0.35) ? random.int(5, 40) : -random.int(1, 4);
    const balance = (balances.get(sku) ?? 100) + delta;
    balances.set(sku, balance);
    const time = BASE_TIME + Math.floor(((index + random.next()) * PERIOD_DAYS * DAY) / ledgerCount);
    emit(DEMO_LEDGER_ACTOR, 'StockMovementRecorded', time, {
      sku,
      delta,
      balance,
      reason: delta > 0 ? 'receiving' : random.pick(['picking', 'picking', 'damage', 'count_adjustment']),
      bin: `A${random.int(1, 40)}-${random.int(1, 8)}`,
    });
  }

  return assemble(drafts, stock);
}

/** Orders events by time, numbers each actor's versions, cuts write batches and derives snapshots. */
function assemble(drafts: Draft[], stock: Map<string, number>): DemoDataset {
  drafts.sort((a, b) => a.event.timestamp.getTime() - b.event.timestamp.getTime() || a.seq - b.seq);
  const versions = new Map<string, number>();
  for (const { event } of drafts) {
    const version = (versions.get(event.actorId) ?? 0) + 1;
    versions.set(event.actorId, version);
    event.version = version;
  }

  // A slice is written with one concurrent batch per actor; an event whose cause is in the current
  // slice starts the next one, so a cause always gets a lower position than its effects.
  const batches: Event[][][] = [];
  let slice = new Map<string, Event[]>();
  let ids = new Set<string>();
  const flush = () => {
    if (slice.size > 0) batches.push([...slice.values()]);
    slice = new Map();
    ids = new Set();
  };
  for (const { event } of drafts) {
    const cause = event.metadata?.causationId;
    if ((cause !== undefined && ids.has(cause)) || ids.size >= 400) flush();
    const batch = slice.get(event.actorId);
    if (batch === undefined) slice.set(event.actorId, [event]);
    else batch.push(event);
    ids.add(event.id);
  }
  flush();

  return {
    batches,
    snapshots: snapshotsOf(
      drafts.map((draft) => draft.event),
      stock,
    ),
    eventCount: drafts.length,
    actorCount: versions.size,
  };
}

function snapshotsOf(events: Event[], stock: Map<string, number>): ActorSnapshot[] {
  const snapshots: ActorSnapshot[] = [];
  const orders = new Map<string, { state: JsonObject; version: number; at: Date }>();
  const ledger = new Map<string, number>();
  for (const event of events) {
    if (event.actorId.startsWith('order/')) {
      const current = orders.get(event.actorId)?.state ?? {};
      const status = event.eventType.replace(/^Order/, '').toLowerCase();
      orders.set(event.actorId, {
        state: { ...current, ...event.data, status },
        version: event.version,
        at: event.timestamp,
      });
    } else if (event.actorId === DEMO_LEDGER_ACTOR) {
      ledger.set(String(event.data.sku), Number(event.data.balance));
      if (event.version % 1000 === 0) {
        snapshots.push({
          actorId: event.actorId,
          version: event.version,
          state: { balances: Object.fromEntries(ledger) },
          timestamp: event.timestamp,
        });
      }
    }
  }
  for (const [actorId, order] of orders) {
    if (order.state.status === 'completed' || order.state.status === 'cancelled') {
      snapshots.push({ actorId, version: order.version, state: order.state, timestamp: order.at });
    }
  }
  const lastInventory = new Map<string, Event>();
  for (const event of events)
    if (event.actorId.startsWith('inventory/')) lastInventory.set(event.actorId, event);
  for (const [actorId, event] of lastInventory) {
    const sku = actorId.slice('inventory/'.length);
    snapshots.push({
      actorId,
      version: event.version,
      state: { sku, onHand: stock.get(sku) ?? 0 },
      timestamp: event.timestamp,
    });
  }
  return snapshots;
}
