-- Funnels read only their steps' events in a range, and need of each its user, time and id: with the
-- user and id in the index, PostgreSQL answers them with an index-only scan instead of fetching every
-- page of the month from the heap (lib/analytics/README.md, "Speed"). It replaces the (event, occurredAt)
-- index, whose uses it serves as well. Raw SQL only: "AnalyticsEvent" is not in schema.prisma.
CREATE INDEX "AnalyticsEvent_event_occurredAt_covering_idx" ON "AnalyticsEvent" ("event", "occurredAt") INCLUDE ("userKey", "id");
DROP INDEX "AnalyticsEvent_event_occurredAt_idx";
