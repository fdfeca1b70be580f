import { describe, expect, it } from "vitest";
import {
  admitRun,
  classifyRun,
  creditsDecider,
  formatCredits,
  millicreditsOf,
  parsePurchaseAmount,
  runCharge,
  type ChargeRun,
  type CreditsEvent,
  type CreditsState,
} from "@cloud-ledger/domain";
import { deciderSpec } from "@cloud-ledger/domain/testing";
import { EXECUTION, ORG, PK } from "../support/fixtures.js";

const spec = deciderSpec(creditsDecider);
const purchased = (credits: string): CreditsEvent => ({ type: "CreditsPurchased", data: { organization: ORG, credits } });
const START = "2023-08-24T12:00:00.000Z";
const after = (ms: number): string => new Date(Date.parse(START) + ms).toISOString();
const MINUTE = 60_000;

const adhocRun: ChargeRun = {
  type: "ChargeRun",
  organization: ORG,
  projectKey: PK,
  executionId: EXECUTION,
  deployment: "prod",
  schedule: "daily-transforms",
  trigger: "adhoc",
  interval: "@daily",
  startedAt: START,
  endedAt: after(3 * MINUTE),
};
const consumed = (run: ChargeRun, runClass: "frequent" | "infrequent", credits: string): CreditsEvent => ({
  type: "CreditsConsumed",
  data: {
    organization: run.organization,
    projectKey: run.projectKey,
    executionId: run.executionId,
    deployment: run.deployment,
    schedule: run.schedule,
    trigger: run.trigger,
    runClass,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    credits,
    ...(run.interval === undefined ? {} : { interval: run.interval }),
  },
});
const fold = (events: readonly CreditsEvent[]): CreditsState => events.reduce(creditsDecider.evolve, creditsDecider.initialState());

describe("credits: amounts are exact", () => {
  it("parses typed amounts into thousandths and formats them back canonically", () => {
    expect(parsePurchaseAmount("100")).toEqual({ _tag: "Right", right: 100_000 });
    expect(parsePurchaseAmount("12.5")).toEqual({ _tag: "Right", right: 12_500 });
    expect(parsePurchaseAmount(" 0.125 ")).toEqual({ _tag: "Right", right: 125 });
    expect(formatCredits(12_500)).toBe("12.5");
    expect(formatCredits(-500)).toBe("-0.5");
    expect(formatCredits(100_000)).toBe("100");
    expect(millicreditsOf("0.1")).toBe(100);
    expect(millicreditsOf("1.50")).toBeUndefined();
  });

  it("never sums floats: ten charges of 0.1 credit are exactly one credit", () => {
    const tenths = Array.from({ length: 10 }, () => millicreditsOf("0.1") ?? 0);
    expect(formatCredits(tenths.reduce((a, b) => a + b, 0))).toBe("1");
  });
});

describe("credits: purchases", () => {
  it("a purchase meters the organization and adds to the balance", () => {
    spec
      .given([])
      .when({ type: "PurchaseCredits", organization: ORG, amount: "100" })
      .then([purchased("100")]);
    spec
      .given([purchased("100")])
      .when({ type: "PurchaseCredits", organization: ORG, amount: "2.50" })
      .thenState((state) => {
        expect(state.status === "metered" && formatCredits(state.balance)).toBe("102.5");
      });
  });

  it.each([
    ["0", "more than zero"],
    ["-5", "a number of credits"],
    ["1e3", "a number of credits"],
    ["0.0001", "at most three decimals"],
    ["NaN", "a number of credits"],
    ["1000001", "at most 1000000 credits"],
  ])("refuses the amount %s, naming it and why", (amount, why) => {
    const error = spec.given([]).when({ type: "PurchaseCredits", organization: ORG, amount }).thenFails();
    expect(error.code).toBe("invalid-credit-amount");
    expect(error.message).toContain(`'${amount}'`);
    expect(error.message).toContain(why);
  });

  it("refuses a purchase that would take the balance past a billion credits (integers stay exact)", () => {
    const full = Array.from({ length: 1000 }, () => purchased("1000000"));
    spec
      .given(full)
      .when({ type: "PurchaseCredits", organization: ORG, amount: "1" })
      .thenFails((e) => e.code === "invalid-credit-amount");
  });
});

describe("credits: rule 42, what a run consumes", () => {
  it("an ad-hoc run is infrequent: 1 credit with 10 minutes included, whatever its schedule", () => {
    spec
      .given([purchased("10")])
      .when(adhocRun)
      .then([consumed(adhocRun, "infrequent", "1")]);
    const hourly = { ...adhocRun, interval: "*/30 * * * *" };
    spec
      .given([purchased("10")])
      .when(hourly)
      .then([consumed(hourly, "infrequent", "1")]);
  });

  it("a scheduled run of a schedule running 24 or more times a day is frequent: 0.5 credit, 5 minutes included", () => {
    const hourly: ChargeRun = { ...adhocRun, trigger: "scheduled", interval: "@hourly" };
    spec
      .given([purchased("10")])
      .when(hourly)
      .then([consumed(hourly, "frequent", "0.5")]);
    const daily: ChargeRun = { ...adhocRun, trigger: "scheduled", interval: "@daily" };
    spec
      .given([purchased("10")])
      .when(daily)
      .then([consumed(daily, "infrequent", "1")]);
    // Every two hours is 12 runs a day: infrequent.
    expect(classifyRun("scheduled", "0 */2 * * *", START)).toBe("infrequent");
    expect(classifyRun("scheduled", "*/15 * * * *", START)).toBe("frequent");
    expect(classifyRun("scheduled", undefined, START)).toBe("infrequent");
  });

  it("extra runtime costs 0.1 credit per started minute beyond the included minutes", () => {
    expect(runCharge("infrequent", 10 * MINUTE)).toBe(1000);
    expect(runCharge("infrequent", 10 * MINUTE + 1)).toBe(1100);
    expect(runCharge("infrequent", 25 * MINUTE)).toBe(2500);
    expect(runCharge("frequent", 5 * MINUTE)).toBe(500);
    expect(runCharge("frequent", 7 * MINUTE + 30_000)).toBe(800);
    const long = { ...adhocRun, endedAt: after(12 * MINUTE + 5_000) };
    spec
      .given([purchased("10")])
      .when(long)
      .then([consumed(long, "infrequent", "1.3")]);
  });

  it("charges an execution once: the same execution again consumes nothing", () => {
    spec
      .given([purchased("10"), consumed(adhocRun, "infrequent", "1")])
      .when(adhocRun)
      .thenNothing();
    spec
      .given([purchased("10"), consumed(adhocRun, "infrequent", "1")])
      .when({ ...adhocRun, endedAt: after(60 * MINUTE) })
      .thenNothing();
  });

  it("an unmetered organization (no purchase yet) is not charged", () => {
    spec.given([]).when(adhocRun).thenNothing();
  });

  it("a run is charged in full even when it costs more than what is left: the balance goes below zero", () => {
    const long = { ...adhocRun, endedAt: after(20 * MINUTE) };
    spec
      .given([purchased("1.5")])
      .when(long)
      .thenState((state) => {
        expect(state.status === "metered" && [formatCredits(state.balance), state.runs.infrequent]).toEqual(["-0.5", 1]);
      });
  });
});

describe("credits: rule 44, exhausted credits refuse new runs", () => {
  it("refuses at a balance of zero or below, naming the organization and the balance", () => {
    const exhausted = fold([purchased("1"), consumed(adhocRun, "infrequent", "1")]);
    const refused = admitRun(ORG, exhausted);
    expect(refused._tag).toBe("Left");
    if (refused._tag === "Left") {
      expect(refused.left).toMatchObject({ code: "credits-exhausted", organization: ORG, balance: "0" });
      expect(refused.left.message).toContain(ORG);
    }
  });

  it("admits runs while credits remain, and always for an unmetered organization", () => {
    expect(admitRun(ORG, fold([purchased("0.001")]))._tag).toBe("Right");
    expect(admitRun(ORG, fold([]))._tag).toBe("Right");
  });
});
