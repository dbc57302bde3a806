-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "lastId" BIGINT NOT NULL,
    "lastHash" TEXT NOT NULL,
    "rowCount" BIGINT NOT NULL,
    "hmac" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditCheckpoint_at_idx" ON "AuditCheckpoint"("at");

-- One refusal for both append-only tables, naming the table (its message for AuditLog is unchanged).
CREATE OR REPLACE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- TRUNCATE fires no row triggers: refuse it with a statement trigger, so that even the table's owner
-- cannot empty the audit trail without first disabling a trigger (the runtime role may do neither).
CREATE TRIGGER "AuditLog_no_truncate" BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();

-- Checkpoints are append-only too.
CREATE TRIGGER "AuditCheckpoint_append_only" BEFORE UPDATE OR DELETE ON "AuditCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
CREATE TRIGGER "AuditCheckpoint_no_truncate" BEFORE TRUNCATE ON "AuditCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
