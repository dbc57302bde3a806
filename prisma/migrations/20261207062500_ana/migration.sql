-- CreateTable
CREATE TABLE "AnalyticsEventType" (
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'quarantined',
    "properties" JSONB NOT NULL DEFAULT '{}',
    "owner" TEXT,
    "description" TEXT,
    "droppedProperties" BIGINT NOT NULL DEFAULT 0,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnalyticsEventType_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "AnalyticsSession" (
    "id" BIGSERIAL NOT NULL,
    "userKey" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3) NOT NULL,
    "eventCount" INTEGER NOT NULL,

    CONSTRAINT "AnalyticsSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnalyticsCursor" (
    "name" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AnalyticsCursor_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "AnalyticsWorkflow" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "steps" JSONB NOT NULL,
    "conversionWindowMs" INTEGER NOT NULL DEFAULT 3600000,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnalyticsWorkflow_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "AnalyticsEventType_status_idx" ON "AnalyticsEventType"("status");

-- CreateIndex
CREATE INDEX "AnalyticsSession_startedAt_idx" ON "AnalyticsSession"("startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AnalyticsSession_userKey_startedAt_key" ON "AnalyticsSession"("userKey", "startedAt");


-- ─── Raw SQL below: not generated from schema.prisma ─────────────────────────────────────────────────
-- "AnalyticsEvent" is partitioned by month of event time, which Prisma cannot model; the schema diff
-- leaves it out by name (scripts/lib/schema-diff.ts, ANALYTICS_RAW_TABLES). lib/analytics/README.md
-- explains the keys and the Citus distribution. Partitions ("AnalyticsEvent_YYYY_MM") are created ahead
-- by the analytics-partitions job and dropped whole by analytics-retention, both through the two
-- SECURITY DEFINER functions below: the runtime role has no DDL rights of its own.

-- The key starts with "userKey" (the pseudonymous user, the Citus distribution column) and holds
-- "occurredAt" (the partition key): PostgreSQL requires the partition key and Citus the distribution
-- column in every unique index. A retry of a Segment message has the same user, time and messageId.
CREATE TABLE "AnalyticsEvent" (
    "id" BIGSERIAL NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userKey" TEXT NOT NULL,
    "anonymousKey" TEXT,
    "clientSessionKey" TEXT,
    "type" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "properties" JSONB NOT NULL DEFAULT '{}',
    "messageId" TEXT,
    "site" TEXT,
    "department" TEXT,
    "role" TEXT,
    "appVersion" TEXT,
    "uaFamily" TEXT,
    "uaMajor" TEXT,
    "apiKeyId" TEXT,

    CONSTRAINT "AnalyticsEvent_pkey" PRIMARY KEY ("userKey", "occurredAt", "id")
) PARTITION BY RANGE ("occurredAt");

CREATE UNIQUE INDEX "AnalyticsEvent_messageId_key" ON "AnalyticsEvent"("userKey", "messageId", "occurredAt");
-- Funnels pick a workflow's step events in a time range; the sessions job reads what arrived since its mark.
CREATE INDEX "AnalyticsEvent_event_occurredAt_idx" ON "AnalyticsEvent"("event", "occurredAt");
CREATE INDEX "AnalyticsEvent_receivedAt_idx" ON "AnalyticsEvent"("receivedAt");

-- Creates the partition of the month holding month_start (UTC) unless it exists; returns its name, or
-- NULL when it already existed.
CREATE FUNCTION analytics_create_partition(month_start date) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  m date := date_trunc('month', month_start)::date;
  part text := 'AnalyticsEvent_' || to_char(m, 'YYYY_MM');
BEGIN
  -- Two instances creating the same month at once: the second waits and then finds it.
  PERFORM pg_advisory_xact_lock(hashtext('analytics_create_partition'));
  IF to_regclass(quote_ident(part)) IS NOT NULL THEN
    RETURN NULL;
  END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF "AnalyticsEvent" FOR VALUES FROM (%L) TO (%L)',
                 part, to_char(m, 'YYYY-MM-DD') || ' 00:00:00+00', to_char((m + interval '1 month')::date, 'YYYY-MM-DD') || ' 00:00:00+00');
  RETURN part;
END
$$;

-- Drops one partition of "AnalyticsEvent" (nothing else: the name must be one of its partitions) and
-- returns how many rows it held, for the retention job's deletion receipt.
CREATE FUNCTION analytics_drop_partition(part text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  rel regclass := to_regclass(quote_ident(part));
  n bigint;
BEGIN
  IF rel IS NULL OR NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = rel AND inhparent = '"AnalyticsEvent"'::regclass) THEN
    RAISE EXCEPTION 'not a partition of "AnalyticsEvent": %', part;
  END IF;
  EXECUTE format('SELECT count(*) FROM %I', part) INTO n;
  EXECUTE format('DROP TABLE %I', part);
  RETURN n;
END
$$;

-- Funnels in one pass (lib/analytics/funnel.ts): an ordered aggregate over one user's step events, the
-- algorithm of ClickHouse's windowFunnel. `mask` has bit k-1 set when the event matches step k. State:
-- for each step k the start (ms) of the latest chain that reached it (-1: never), then the duration of the
-- first complete chain (-1: none). Steps are tried from the last down, so one event never advances two.
CREATE FUNCTION analytics_funnel_step(state bigint[], mask int, at_ms bigint, nsteps int, window_ms bigint) RETURNS bigint[]
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  k int;
BEGIN
  IF state IS NULL THEN
    state := array_fill(-1::bigint, ARRAY[nsteps + 1]);
  END IF;
  IF mask = 0 THEN
    RETURN state;
  END IF;
  FOR k IN REVERSE nsteps..1 LOOP
    IF mask & (1 << (k - 1)) <> 0 THEN
      IF k = 1 THEN
        state[1] := at_ms;
      ELSIF state[k - 1] >= 0 AND at_ms - state[k - 1] <= window_ms THEN
        state[k] := state[k - 1];
        IF k = nsteps AND state[nsteps + 1] < 0 THEN
          state[nsteps + 1] := at_ms - state[k - 1];
        END IF;
      END IF;
    END IF;
  END LOOP;
  RETURN state;
END
$$;

CREATE AGGREGATE analytics_funnel(int, bigint, int, bigint) (SFUNC = analytics_funnel_step, STYPE = bigint[]);
