/**
 * A device of the convergence test (tests/integration/convergence.test.ts): the real engine of
 * tests/support/engineDevice.ts, plus a way to kill the app at a chosen request and to restart it,
 * and a ledger of every mutation it queued (to prove later that none was lost or applied twice).
 */
import type { MutationName } from '../../shared/sync/mutations';
import type { Random } from '../../server/seed/random';
import { engineDevice, type EngineDevice } from './engineDevice';
import type { Harness } from './harness';

export type FuzzRole = 'agent' | 'supervisor' | 'technician' | 'partner';

export type FuzzDeviceSpec = {
  label: string;
  username: string;
  role: FuzzRole;
  pageSize: number;
  /** 0: the device checks its cache against the scope's counts (SPEC P9) on every sync. */
  verifyEveryMs?: number;
};

/** One run of the app between a start and a crash: the transport it got, and when it dies. */
type Life = {
  isDead: boolean;
  calls: number;
  /** The request (counted from the start of this life) during which the app dies. */
  killAt: number | null;
  /** Whether that request reaches the store before the app dies (its answer is lost). */
  isKillSent: boolean;
  onKill: () => void;
};

/** What the device queued: the outbox entry as the store must log it. */
export type Queued = { id: number; name: MutationName; args: unknown; createdId: string | null };

const killed = (): Error => new Error('app killed');

/** Failures a sync may meet in the test: no network, the app killed, the old window's database closed. */
export function isInterruption(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.message === 'offline' || error.message === 'app killed' || error.name === 'DatabaseClosedError';
}

export class FuzzDevice {
  device!: EngineDevice;
  isOffline = false;
  readonly ledger: Queued[] = [];
  crashes = 0;
  /** Pulled pages that restarted the snapshot (SPEC P6, P8, P9), and case deletes pulled (P3). */
  resets = 0;
  caseDeletes = 0;
  private life!: Life;

  private constructor(
    readonly h: Harness,
    readonly spec: FuzzDeviceSpec,
    /** This device's own stream of choices: how others' timing goes does not shift it. */
    readonly r: Random,
  ) {}

  static async start(h: Harness, spec: FuzzDeviceSpec, r: Random, deviceId: string, dbName: string): Promise<FuzzDevice> {
    const d = new FuzzDevice(h, spec, r);
    d.device = await engineDevice(h, spec.username, {
      deviceId,
      dbName,
      pageSize: spec.pageSize,
      ...(spec.verifyEveryMs !== undefined ? { verifyEveryMs: spec.verifyEveryMs } : {}),
      // Called again on every restart: each run of the app gets its own life.
      wrap: (t) => {
        const life: Life = { isDead: false, calls: 0, killAt: null, isKillSent: false, onKill: () => undefined };
        d.life = life;
        const gate = async <T>(send: () => Promise<T>): Promise<T> => {
          if (life.isDead) throw killed();
          life.calls++;
          if (life.killAt === null || life.calls < life.killAt) return send();
          life.isDead = true;
          life.onKill();
          if (life.isKillSent) await send().catch(() => undefined);
          throw killed();
        };
        return {
          push: (r) => gate(() => t.push(r)),
          pull: async (r) => {
            const page = await gate(() => t.pull(r));
            if (page.reset) d.resets++;
            d.caseDeletes += page.deletes.filter((x) => x.type === 'case').length;
            return page;
          },
        };
      },
    });
    return d;
  }

  get userId(): string {
    return this.device.userId;
  }

  setOffline(isOffline: boolean): void {
    this.isOffline = isOffline;
    this.device.setOffline(isOffline);
  }

  async mutate(name: MutationName, args: unknown, createdId: string | null): Promise<number> {
    const id = await this.device.mutate(name, args);
    this.ledger.push({ id, name, args, createdId });
    return id;
  }

  /** A bulk action (a supervisor's reassignment) queued in one transaction; each mutation is its own ledger entry. */
  async mutateMany(items: readonly { name: MutationName; args: unknown; createdId: string | null }[]): Promise<number[]> {
    const ids = await this.device.mutateMany(items.map(({ name, args }) => ({ name, args })));
    if (ids.length !== items.length) throw new Error(`mutateMany queued ${ids.length} of ${items.length} mutations`);
    items.forEach(({ name, args, createdId }, i) => this.ledger.push({ id: ids[i] ?? 0, name, args, createdId }));
    return ids;
  }

  /** Closes the app and starts it again on the same database and device id. */
  async restart(): Promise<void> {
    this.life.isDead = true;
    this.device = await this.device.restart();
    this.device.setOffline(this.isOffline);
  }

  /**
   * Syncs and kills the app during its `nth` request (sent to the store or not), then restarts it.
   * With `isAwaited` the dying sync is let finish first; without, the app is restarted the moment
   * it dies, while the old engine may still be writing a page (SPEC D4: that page is all or nothing).
   */
  async crashDuringSync(nth: number, isKillSent: boolean, isAwaited: boolean): Promise<void> {
    const life = this.life;
    const died = new Promise<void>((resolve) => {
      life.killAt = life.calls + nth;
      life.isKillSent = isKillSent;
      life.onKill = resolve;
    });
    let failure: unknown = null;
    const sync = this.device.engine.syncNow().then(
      () => undefined,
      (error: unknown) => {
        failure = error;
      },
    );
    await (isAwaited ? sync : Promise.race([died, sync]));
    if (failure !== null && !isInterruption(failure)) throw failure;
    this.crashes++;
    await this.restart();
  }
}
