import type { Contender, ResultRow, Sample, Scenario, TargetOutcome } from './bench-types.ts';
import { judgeTarget } from './judge-target.ts';
import type { Progress } from './progress.ts';
import { median, perSecond, pooledPercentiles } from './stats.ts';

export interface RunSettings {
  /** Length of one timed sample. */
  sampleMs: number;
  /** Length of the untimed warm-up sample of each contender. */
  warmupMs: number;
  /** Interleaved rounds; every contender is sampled once per round. */
  rounds: number;
  /** How often a pair whose ratio misses its target within noise is measured again. */
  maxRepeats: number;
}

interface Measured {
  rates: number[];
  /** Every operation's latency, sample by sample. */
  latencies: number[][];
  /** Percentiles a load tool reported per sample (the API), when it keeps no latencies. */
  p50s: number[];
  p99s: number[];
}

export interface ScenarioResult {
  /** One row per contender, with the rates of the common rounds. */
  rows: (ResultRow & { rates: number[] })[];
  outcomes: TargetOutcome[];
}

const formatRate = (rate: number) => Math.round(rate).toLocaleString('en-US');

/**
 * Sets every contender up, warms each up, then samples them in interleaved rounds (the order
 * rotates each round, so none always runs first or right after another), and reports the median of
 * the rounds. A target missed by less than the noise of its pair is measured again, pair only.
 */
export async function runScenario(
  scenario: Scenario,
  settings: RunSettings,
  progress: Progress,
): Promise<ScenarioResult> {
  const name = `${scenario.backend} · ${scenario.title}`;
  const measured = new Map<Contender, Measured>(
    scenario.contenders.map((contender) => [contender, { rates: [], latencies: [], p50s: [], p99s: [] }]),
  );
  const set: Contender[] = [];
  try {
    for (const contender of scenario.contenders) {
      progress.update(`${name} · ${contender.subject} · setting up`);
      set.push(contender);
      await contender.setup();
    }
    for (const contender of scenario.contenders) {
      progress.update(`${name} · ${contender.subject} · warming up`);
      await contender.sample(settings.warmupMs);
    }

    /** Samples `contenders` for `rounds` interleaved rounds; returns each one's rates, in contender order. */
    const sampleRounds = async (contenders: Contender[], rounds: number, label: string) => {
      const rates = contenders.map((): number[] => []);
      for (let round = 0; round < rounds; round++) {
        const shift = round % contenders.length;
        const order = [...contenders.slice(shift), ...contenders.slice(0, shift)];
        for (const contender of order) {
          const sample: Sample = await contender.sample(settings.sampleMs);
          const rate = perSecond(sample.events, sample.elapsedMs);
          rates[contenders.indexOf(contender)]?.push(rate);
          const into = measured.get(contender) as Measured;
          if (label === 'round') {
            into.rates.push(rate);
            into.latencies.push(sample.latenciesMs);
            if (sample.percentilesMs !== undefined) {
              into.p50s.push(sample.percentilesMs.p50);
              into.p99s.push(sample.percentilesMs.p99);
            }
          }
          progress.update(
            `${name} · ${label} ${round + 1}/${rounds} · ${contender.subject}: ${formatRate(rate)}/s`,
          );
        }
      }
      return rates;
    };
    await sampleRounds(scenario.contenders, settings.rounds, 'round');

    const bySubject = (subject: string) => {
      const contender = scenario.contenders.find((c) => c.subject === subject);
      if (contender === undefined) throw new Error(`${name}: no contender ${subject}`);
      return contender;
    };
    const outcomes: TargetOutcome[] = [];
    for (const target of scenario.targets) {
      const ours = bySubject(target.ours);
      const reference = bySubject(target.reference);
      // A repeat adds rounds of this pair only; the table keeps the rates of the common rounds.
      const oursRates = [...(measured.get(ours) as Measured).rates];
      const referenceRates = [...(measured.get(reference) as Measured).rates];
      let judgement = judgeTarget(oursRates, referenceRates, target.min);
      let repeats = 0;
      while (!judgement.passed && judgement.withinNoise && repeats < settings.maxRepeats) {
        repeats++;
        progress.note(
          `${name}: ${target.label} measured ${judgement.ratio.toFixed(2)}x, within noise ` +
            `(±${Math.round(judgement.noise * 100)}%) of the target: repeating the pair (${repeats}/${settings.maxRepeats})`,
        );
        const [more, moreReference] = await sampleRounds(
          [ours, reference],
          settings.rounds,
          `repeat ${repeats}, round`,
        );
        oursRates.push(...(more as number[]));
        referenceRates.push(...(moreReference as number[]));
        judgement = judgeTarget(oursRates, referenceRates, target.min);
      }
      outcomes.push({
        scenario: scenario.title,
        backend: scenario.backend,
        target,
        ratio: judgement.ratio,
        passed: judgement.passed,
        repeats,
      });
    }

    const rows = scenario.contenders.map((contender): ScenarioResult['rows'][number] => {
      const { rates, latencies, p50s, p99s } = measured.get(contender) as Measured;
      const [p50, p99] =
        p50s.length > 0 ? [median(p50s), median(p99s)] : pooledPercentiles(latencies, [50, 99]);
      return {
        scenario: scenario.title,
        backend: scenario.backend,
        subject: contender.subject,
        eventsPerSecond: Math.round(median(rates)),
        p50Ms: round3(p50 as number),
        p99Ms: round3(p99 as number),
        rates,
      };
    });
    return { rows, outcomes };
  } finally {
    await tearDownAll(set.reverse(), (subject) => progress.update(`${name} · ${subject} · cleaning up`));
  }
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** Tears every contender down even when one fails; the first failure is rethrown afterwards. */
async function tearDownAll(contenders: Contender[], announce: (subject: string) => void): Promise<void> {
  const failures: unknown[] = [];
  for (const contender of contenders) {
    announce(contender.subject);
    await contender.teardown().catch((error: unknown) => failures.push(error));
  }
  if (failures.length > 0) throw failures[0];
}
