import { afterAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { NEW_FILE_PAGE_SIZE, openDatabase, WAL_CHECKPOINT_BYTES } from "../../src/sqlite/open-database.js";
import { tempFolder } from "./temp-folder.js";

const temp = tempFolder("sqlite-open");
afterAll(() => temp.remove());

describe("openDatabase pragmas", () => {
  it("a new file: big pages, WAL, checkpoints after as many WAL bytes as SQLite does at 4 KiB pages, FULL sync by default", () => {
    const db = openDatabase({ path: temp.path("new.db") });
    try {
      expect(db.pragma("page_size", { simple: true })).toBe(NEW_FILE_PAGE_SIZE);
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(WAL_CHECKPOINT_BYTES / NEW_FILE_PAGE_SIZE);
      expect(WAL_CHECKPOINT_BYTES / NEW_FILE_PAGE_SIZE).toBe(250);
      // 2 = FULL
      expect(db.pragma("synchronous", { simple: true })).toBe(2);
    } finally {
      db.close();
    }
  });

  it("an existing 4 KiB-page file keeps its pages and SQLite's usual 1000-page checkpoint", () => {
    const path = temp.path("old.db");
    const raw = new Database(path);
    raw.pragma("page_size = 4096");
    raw.exec("CREATE TABLE t (x INTEGER) STRICT");
    raw.close();
    const db = openDatabase({ path, synchronous: "NORMAL" });
    try {
      expect(db.pragma("page_size", { simple: true })).toBe(4096);
      expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
      expect(db.pragma("synchronous", { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });
});
