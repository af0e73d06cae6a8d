-- The QBR pack's cohort counts and stored resolution minutes (ADR 008 addendum of 2026-12-07, "index-only") read,
-- of every ticket a partnership created in two quarters, ten columns up to the 41st of a wide row: taking the rows
-- apart was most of each scan. The (partnershipId, createdAt) index now carries those columns, so that on
-- all-visible pages (vacuumed, as settled tickets are) both are index-only scans. It replaces the narrow index of the
-- same leading columns rather than adding a second one to every ticket write. queue and assignee are at most 120
-- characters (ZTicketInput), far below a B-tree entry's limit.
DROP INDEX "Ticket_partnershipId_createdAt_idx";

CREATE INDEX "Ticket_partnershipId_createdAt_idx" ON "Ticket"("partnershipId", "createdAt", "priority", "queue", "assignee", "escalated", "csat", "resolvedAt", "slaVersion", "slaSettledMs", "resolutionElapsedMinutes");
