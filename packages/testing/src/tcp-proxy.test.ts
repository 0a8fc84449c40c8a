import { MongoClient } from "mongodb";
import { describe, expect, inject, it } from "vitest";
import { startTcpProxy } from "./tcp-proxy.ts";

const ping = async (uri: string) => {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 1_000 });
  try {
    return (await client.db("admin").command({ ping: 1 })).ok === 1;
  } catch {
    return false;
  } finally {
    await client.close();
  }
};

describe("startTcpProxy", () => {
  it("When the proxy is cut, then the database is unreachable through it; when restored, reachable on the same URI", async () => {
    await using proxy = await startTcpProxy(inject("mongoUri"));

    expect(await ping(proxy.uri)).toBe(true);
    await proxy.cut();
    expect(await ping(proxy.uri)).toBe(false);
    await proxy.restore();
    expect(await ping(proxy.uri)).toBe(true);
  });

  it("When connections are reset, then the database is unreachable through it, on the same port; when stopped, reachable again", async () => {
    await using proxy = await startTcpProxy(inject("mongoUri"));

    proxy.resetConnections(true);
    expect(await ping(proxy.uri)).toBe(false);
    proxy.resetConnections(false);
    expect(await ping(proxy.uri)).toBe(true);
  });
});
