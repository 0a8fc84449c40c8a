import { uniqueId } from "@starter/testing";
import type { CommandStartedEvent } from "mongodb";
import { describe, expect, inject, it } from "vitest";
import { connectMongo } from "./connect.ts";

/** The run's database URI with more options in its query. */
function uriWith(options: string): string {
  const uri = inject("mongoUri");
  return `${uri}${uri.includes("?") ? "&" : "/?"}${options}`;
}

describe("connectMongo", () => {
  it("When the URI names write and read concerns (a production replica set's w=majority), then every write and read is sent with them", async () => {
    const mongo = await connectMongo({
      uri: uriWith("w=majority&journal=true&readConcernLevel=majority&monitorCommands=true"),
      dbName: inject("mongoDbName"),
      serverSelectionTimeoutMS: 5_000,
      appName: "concerns-test",
    });
    try {
      const sent: CommandStartedEvent[] = [];
      mongo.client.on("commandStarted", (event) => sent.push(event));
      const notes = mongo.db.collection<{ _id: string }>(`concerns_${uniqueId("c")}`);
      const id = uniqueId("note");
      await notes.insertOne({ _id: id });
      expect(await notes.findOne({ _id: id })).toEqual({ _id: id });

      expect(sent.find((event) => event.commandName === "insert")?.command.writeConcern).toEqual({
        w: "majority",
        j: true,
      });
      expect(sent.find((event) => event.commandName === "find")?.command.readConcern).toEqual({ level: "majority" });
    } finally {
      await mongo.stop();
    }
  });
});
