-- Gap-safe global order. Every append first calls reserve_positions(n): under a short advisory lock
-- (per schema) it makes sure the transaction has its id (xid) and takes n consecutive positions.
-- Positions are therefore handed out in transaction-id order, so a reader that only returns events
-- with tx_id < pg_snapshot_xmin(pg_current_snapshot()) can never later find a newly committed event
-- below a position it has passed: every transaction still in flight holds higher positions.
-- The lock is held for microseconds (no I/O), never until commit, so commits still group.
-- SET search_path FROM CURRENT pins the schema the migrator ran in.
CREATE FUNCTION "reserve_positions"("n" integer) RETURNS bigint
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
DECLARE
  lock_key bigint := hashtext('aether.reserve_positions.' || current_schema());
  first_position bigint;
BEGIN
  PERFORM pg_advisory_lock(lock_key);
  BEGIN
    PERFORM pg_current_xact_id();
    first_position := nextval('events_position_seq');
    IF n > 1 THEN
      PERFORM setval('events_position_seq', first_position + n - 1);
    END IF;
  EXCEPTION WHEN OTHERS OR query_canceled THEN
    -- A session lock outlives the statement: release it on any error, then re-raise.
    PERFORM pg_advisory_unlock(lock_key);
    RAISE;
  END;
  PERFORM pg_advisory_unlock(lock_key);
  RETURN first_position;
END
$$;
