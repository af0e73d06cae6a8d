-- The QBR pack's reads of a few tickets among a partnership's many (ADR 008 addendum of 2026-12-07, "the scans"):
-- the disputed tickets by external id (agreed attainment: the unique index leads with the source, which the read
-- does not know), and the settled rows a report lists (breached, or contradicted by the vendor), a few percent of
-- the rows, instead of every settled row of the version.
CREATE INDEX "Ticket_partnershipId_externalId_idx" ON "Ticket"("partnershipId", "externalId");

CREATE INDEX "Ticket_partnershipId_slaVersion_listed_idx" ON "Ticket"("partnershipId", "slaVersion") WHERE (("responseVerdict" = 2) OR ("resolutionVerdict" = 2) OR (("responseVerdict" <> 0) AND ("vendorResponseMet" IS NOT NULL) AND (("responseVerdict" = 1) <> "vendorResponseMet")) OR (("resolutionVerdict" <> 0) AND ("vendorResolutionMet" IS NOT NULL) AND (("resolutionVerdict" = 1) <> "vendorResolutionMet")));
