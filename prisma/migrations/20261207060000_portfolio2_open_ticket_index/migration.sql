-- The tickets without a settle instant (open now), keyed by what the portfolio reads of them (ADR 023 addendum,
-- 2026-12-07): the pending groups and at-risk counts become index-only scans, the stale-row parts index probes.
CREATE INDEX "Ticket_open_thresholds_idx" ON "Ticket"("partnershipId", "slaVersion", "responseBreachFromMs", "createdAt", "firstResponseAt", "resolvedAt", "responseBreachMs", "responseAtRiskFromMs", "resolutionBreachFromMs", "resolutionBreachMs", "resolutionAtRiskFromMs") WHERE ("slaSettledMs" IS NULL);
