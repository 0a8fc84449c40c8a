import type { AnyBulkWriteOperation, Db } from "mongodb";
import { ensureTtlIndex } from "../mongo/index.ts";
import type { UsageCount } from "./usage-batch.ts";

/** Where every instance of a service adds up its callers of non-current majors: one document per client, major and day. */
export const API_USAGE_COLLECTION = "api_usage";

/** How long a day's record is kept: long enough to see a yearly caller before a sunset. */
export const API_USAGE_RETENTION_DAYS = 400;

const DAY_MS = 24 * 60 * 60 * 1000;

type UsageDocument = {
  _id: string;
  client: string;
  major: number;
  day: string;
  requests: number;
  firstSeen: Date;
  lastSeen: Date;
  expireAt: Date;
};

/** One client's calls of one major, over the days kept. */
export type UsageReportLine = Readonly<{
  client: string;
  requests: number;
  days: number;
  firstSeen: string;
  lastSeen: string;
}>;

function usage(db: Db) {
  return db.collection<UsageDocument>(API_USAGE_COLLECTION);
}

/** The report's index, and expiry by TTL where the server has it (says which). */
export async function createApiUsageIndexes(db: Db): Promise<{ expireByTtl: boolean }> {
  await usage(db).createIndexes([{ key: { major: 1, day: 1 }, name: "major_day" }]);
  return { expireByTtl: await ensureTtlIndex(usage(db), "expireAt") };
}

/**
 * Adds a batch to the stored records, one upsert per client, major and day: `$inc`, `$min` and `$max` are
 * atomic on the document, so instances writing the same client's day at once both count.
 */
export async function storeUsage(db: Db, counts: readonly UsageCount[]): Promise<void> {
  if (counts.length === 0) return;
  const writes: AnyBulkWriteOperation<UsageDocument>[] = counts.map((count) => ({
    updateOne: {
      filter: { _id: `${count.major}:${count.day}:${count.client}` },
      update: {
        $inc: { requests: count.requests },
        $min: { firstSeen: count.firstSeen },
        $max: { lastSeen: count.lastSeen },
        $setOnInsert: {
          client: count.client,
          major: count.major,
          day: count.day,
          expireAt: new Date(Date.parse(count.day) + API_USAGE_RETENTION_DAYS * DAY_MS),
        },
      },
      upsert: true,
    },
  }));
  await usage(db).bulkWrite(writes, { ordered: false });
}

/** Who called a major, how much and when last, over the days kept: the most requests first. */
export async function usageReport(db: Db, major: number): Promise<UsageReportLine[]> {
  const byClient = new Map<string, { requests: number; days: number; firstSeen: Date; lastSeen: Date }>();
  for await (const record of usage(db).find({ major })) {
    const line = byClient.get(record.client);
    if (!line) {
      byClient.set(record.client, { ...record, days: 1 });
      continue;
    }
    line.requests += record.requests;
    line.days += 1;
    if (record.firstSeen < line.firstSeen) line.firstSeen = record.firstSeen;
    if (record.lastSeen > line.lastSeen) line.lastSeen = record.lastSeen;
  }
  return [...byClient]
    .map(([client, line]) => ({
      client,
      requests: line.requests,
      days: line.days,
      firstSeen: line.firstSeen.toISOString(),
      lastSeen: line.lastSeen.toISOString(),
    }))
    .toSorted((a, b) => b.requests - a.requests || a.client.localeCompare(b.client));
}

/** How many clients called a major on the days since `since` (a UTC day). */
export async function distinctCallers(db: Db, major: number, since: string): Promise<number> {
  return (await usage(db).distinct("client", { major, day: { $gte: since } })).length;
}

/** Where the server has no TTL indexes: records past their retention are deleted by the recorder. */
export async function deleteExpiredUsage(db: Db, now: Date): Promise<number> {
  return (await usage(db).deleteMany({ expireAt: { $lt: now } })).deletedCount;
}
