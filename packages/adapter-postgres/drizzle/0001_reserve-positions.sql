-- Gap-safe global order. Every write calls reserve_positions(n, sequence, lock key, writer key)
-- before it writes anything: under a short advisory lock (one per schema) it makes sure the
-- transaction has its id (xid) and takes n consecutive positions. Positions are therefore handed out
-- in transaction-id order, so a reader that only returns events with tx_id below every transaction
-- still in flight can never later find a newly committed event below a position it has passed:
-- every writer still in flight holds higher positions. The lock is held for microseconds (no I/O),
-- never until commit, so commits still group.
-- Before it takes its xid, a writer also holds the schema's writer key (shared, until commit): a
-- reader held back by old transactions can then tell this schema's writers (found in pg_locks) from
-- unrelated ones, and need not wait for the latter.
-- Sequence and keys are arguments (constants in the calling statement), which keeps this function
-- free of search_path lookups and GUC changes.
CREATE FUNCTION "reserve_positions"("n" integer, "positions" regclass, "lock_key" bigint, "writer_key" bigint)
RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
  first_position bigint;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(writer_key);
  PERFORM pg_advisory_lock(lock_key);
  BEGIN
    PERFORM pg_current_xact_id();
    first_position := nextval(positions);
    IF n > 1 THEN
      PERFORM setval(positions, first_position + n - 1);
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
