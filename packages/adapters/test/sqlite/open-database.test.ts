import { afterAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { openDatabase } from "../../src/sqlite/open-database.js";
import { tempFolder } from "./temp-folder.js";

const temp = tempFolder("sqlite-open");
afterAll(() => temp.remove());

describe("openDatabase pragmas", () => {
  it("a new file: SQLite's 4 KiB pages and 1000-page checkpoints, WAL, FULL sync by default", () => {
    const db = openDatabase({ path: temp.path("new.db") });
    try {
      expect(db.pragma("page_size", { simple: true })).toBe(4096);
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
      // 2 = FULL
      expect(db.pragma("synchronous", { simple: true })).toBe(2);
    } finally {
      db.close();
    }
  });

  it("an existing file keeps its page size, and NORMAL is honoured", () => {
    const path = temp.path("old.db");
    const raw = new Database(path);
    raw.pragma("page_size = 8192");
    raw.exec("CREATE TABLE t (x INTEGER) STRICT");
    raw.close();
    const db = openDatabase({ path, synchronous: "NORMAL" });
    try {
      expect(db.pragma("page_size", { simple: true })).toBe(8192);
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("synchronous", { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });
});
