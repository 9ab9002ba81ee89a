-- Positions without a schema-wide lock. A write now publishes a lower bound of the positions it
-- is about to take (a shared advisory lock held to commit) and takes them with a plain nextval;
-- readers stop below every published bound. The transaction id column and the function that
-- handed out positions in transaction-id order under a short exclusive lock are no longer used.
-- The position sequence keeps CACHE 1: readers rely on its current value.
ALTER TABLE "events" DROP COLUMN "tx_id";--> statement-breakpoint
DROP FUNCTION "reserve_positions"(integer, regclass, bigint, bigint);
