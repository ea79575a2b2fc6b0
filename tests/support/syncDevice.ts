/**
 * A minimal device for protocol tests: it pushes mutations and pulls into an in-memory copy of
 * the server state, applying pages exactly as SPEC says (puts, deletes with case cascade, reset).
 * The real device engine (Dexie, outbox, overlay) has its own tests; this one checks the server.
 */
import { randomUUID } from 'node:crypto';
import { recordPolicies } from '../../shared/access/policy';
import { isRecordType } from '../../shared/domain/records';
import { protocolVersion, type MutationResult, type PullResponse, type PushResponse } from '../../shared/sync/protocol';
import type { MutationName } from '../../shared/sync/mutations';
import { demoPassword } from '../../server/seed/catalog';
import { call, type Harness } from './harness';

/** Records that belong to a case and leave the device with it (SPEC P3). */
const caseOwned = new Set(['caseChild', 'task']);

export class TestDevice {
  token = '';
  cursor: string | null = null;
  nextId = 1;
  readonly deviceId = randomUUID();
  readonly records = new Map<string, Map<string, Record<string, unknown>>>();
  resets = 0;

  constructor(
    readonly h: Harness,
    readonly username: string,
  ) {}

  async signIn(): Promise<this> {
    const r = await call(this.h, 'POST', '/api/auth/login', { body: { username: this.username, password: demoPassword, deviceName: `device of ${this.username}`, deviceId: this.deviceId } });
    if (r.status !== 200) throw new Error(JSON.stringify(r.body));
    this.token = r.body.token;
    return this;
  }

  mutation(name: MutationName, args: unknown, deviceTime = new Date().toISOString()) {
    return { id: this.nextId++, name, args, deviceTime };
  }

  async push(mutations: { id: number; name: MutationName; args: unknown; deviceTime: string }[]): Promise<PushResponse> {
    const r = await call(this.h, 'POST', '/api/sync/push', { token: this.token, body: { protocolVersion, mutations } });
    if (r.status !== 200) throw new Error(`push: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async pushOne(name: MutationName, args: unknown): Promise<MutationResult> {
    const response = await this.push([this.mutation(name, args)]);
    const result = response.results[0];
    if (!result) throw new Error('no result');
    return result;
  }

  table(type: string): Map<string, Record<string, unknown>> {
    let t = this.records.get(type);
    if (!t) this.records.set(type, (t = new Map()));
    return t;
  }

  apply(page: PullResponse): void {
    for (const p of page.puts) this.table(p.type).set(String(p.record.id), p.record);
    for (const d of page.deletes) {
      this.table(d.type).delete(d.id);
      if (d.type === 'case') {
        for (const [type, table] of this.records) {
          if (!isRecordType(type) || !caseOwned.has(recordPolicies[type].scope)) continue;
          for (const [id, r] of table) if (r.caseId === d.id) table.delete(id);
        }
      }
    }
    for (const { type, ids } of page.retain ?? []) {
      const kept = new Set(ids);
      for (const id of [...this.table(type).keys()]) if (!kept.has(id)) this.table(type).delete(id);
    }
    this.cursor = page.cursor;
  }

  async pullOnce(limit = 2000): Promise<PullResponse> {
    const r = await call(this.h, 'POST', '/api/sync/pull', { token: this.token, body: { protocolVersion, cursor: this.cursor, limit } });
    if (r.status !== 200) throw new Error(`pull: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** Pulls until the server has nothing more. */
  async sync(limit = 2000): Promise<number> {
    let pages = 0;
    for (;;) {
      const page = await this.pullOnce(limit);
      // A reset's first page starts a snapshot that replaces everything the device held.
      if (page.reset && pages === 0 && this.records.size > 0) {
        this.resets++;
        this.records.clear();
      }
      this.apply(page);
      pages++;
      if (!page.hasMore) return pages;
    }
  }

  ids(type: string): string[] {
    return [...this.table(type).keys()].sort();
  }
}
