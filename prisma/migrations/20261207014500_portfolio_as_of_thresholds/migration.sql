-- As-of thresholds of each ticket's clocks (ADR 022 addendum): the portfolio's pending clocks resolved by comparison.
-- Backfill: none here. Rows written before this migration keep these columns null, every reader sends such a row to
-- the engine (exact, as slow as before), and the sla.reevaluate job counts it as stale and fills them in: run
-- `accord sla reevaluate --all` once after the upgrade (or let the next policy change of each partnership do it).

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "resolutionAtRiskFromMs" DOUBLE PRECISION,
ADD COLUMN     "resolutionBreachFromMs" DOUBLE PRECISION,
ADD COLUMN     "resolutionBreachMs" DOUBLE PRECISION,
ADD COLUMN     "responseAtRiskFromMs" DOUBLE PRECISION,
ADD COLUMN     "responseBreachFromMs" DOUBLE PRECISION,
ADD COLUMN     "responseBreachMs" DOUBLE PRECISION;
