-- Funnels with order modes and exclusion steps (lib/analytics/funnel-engine.ts; lib/analytics/README.md
-- says what each mode counts). Raw SQL only: no schema.prisma change.
--
-- `analytics_funnel_chains` is an ordered aggregate over one user's funnel events in (time, id) order.
-- Each event's `flags`: bits 0-9 the steps it matches, bits 10-14 the exclusions it matches, bit 15 set
-- when it falls inside the range (only then may it start a chain). `mode`: 0 ordered, 1 strict, 2 any.
-- `excl`: exclusion j (0-4) as afterStep in bits 8j..8j+3 and beforeStep in bits 8j+4..8j+7.
--
-- Every event that may start one starts a chain; a chain takes, within the conversion window of its
-- start, the first event that matches its next step (in `any` mode: the first step in funnel order that
-- the event matches and the chain lacks); one event moves a chain at most one step. In `strict` mode a
-- funnel event that does not move a chain stops it. An exclusion event after a chain's step afterStep and
-- before its step beforeStep (within the window) caps the chain at afterStep and stops it. The user's
-- result is the chain that got furthest; of those, the one that got there first; of those, the one that
-- started last. Chains that can no longer beat a newer one are settled early, so a user holds a handful.
--
-- State (bigint[]): [1] n, [2] the best chain's level, [3] when it reached it, [4..3+n] its step times; then
-- one record of n+3 per open chain: level, covered steps (bit mask), stopped (0/1), step times 1..n.
-- The result: [level, time of step 1..n] (-1 past the level), or NULL when no chain started.

CREATE FUNCTION analytics_funnel_settle(state bigint[], o int, n int) RETURNS bigint[]
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  lvl bigint := state[o + 1];
  reach bigint := state[o + 3 + lvl::int];
  k int;
BEGIN
  IF lvl > state[2] OR (lvl = state[2] AND (reach < state[3] OR (reach = state[3] AND state[o + 4] >= state[4]))) THEN
    state[2] := lvl;
    state[3] := reach;
    FOR k IN 1..n LOOP
      state[3 + k] := state[o + 3 + k];
    END LOOP;
  END IF;
  RETURN state;
END
$$;

CREATE FUNCTION analytics_funnel_chains_step(state bigint[], flags int, at_ms bigint, n int, window_ms bigint, mode int, excl bigint) RETURNS bigint[]
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  r int := n + 3;
  base int := n + 3;
  sm int := flags & 1023;
  xm int := (flags >> 10) & 31;
  nc int;
  i int; j int; k int; o int; lvl int; a int; b int; cand int; bit int;
  keep boolean[];
  seen int[] := '{}';
  dropped boolean := false;
  result bigint[];
BEGIN
  IF state IS NULL THEN
    state := array_fill(-1::bigint, ARRAY[base]);
    state[1] := n;
    state[2] := 0;
  END IF;
  IF sm = 0 AND xm = 0 THEN
    RETURN state;
  END IF;
  nc := (coalesce(array_length(state, 1), 0) - base) / r;
  keep := array_fill(true, ARRAY[nc + 1]);
  FOR i IN 1..nc LOOP
    o := base + (i - 1) * r;
    IF at_ms - state[o + 4] > window_ms THEN
      -- Out of its window: nothing can move or cap it any more.
      state := analytics_funnel_settle(state, o, n);
      keep[i] := false;
      dropped := true;
      CONTINUE;
    END IF;
    lvl := state[o + 1];
    IF xm <> 0 THEN
      FOR j IN 0..4 LOOP
        IF xm & (1 << j) <> 0 THEN
          a := (excl >> (8 * j)) & 15;
          b := (excl >> (8 * j + 4)) & 15;
          IF lvl >= a AND lvl < b THEN
            FOR k IN a + 1..lvl LOOP
              state[o + 3 + k] := -1;
            END LOOP;
            lvl := a;
            state[o + 1] := a;
            state[o + 3] := 1;
          END IF;
        END IF;
      END LOOP;
    END IF;
    IF state[o + 3] = 0 AND lvl < n THEN
      bit := 0;
      IF mode = 2 THEN
        cand := sm & ~(state[o + 2]::int);
        IF cand <> 0 THEN
          bit := cand & -cand;
        END IF;
      ELSIF sm & (1 << lvl) <> 0 THEN
        bit := 1 << lvl;
      END IF;
      IF bit <> 0 THEN
        lvl := lvl + 1;
        state[o + 1] := lvl;
        state[o + 2] := state[o + 2] | bit;
        state[o + 3 + lvl] := at_ms;
      ELSIF mode = 1 THEN
        state[o + 3] := 1;
      END IF;
    END IF;
  END LOOP;
  IF flags & 32768 <> 0 AND ((mode < 2 AND sm & 1 <> 0) OR (mode = 2 AND sm <> 0)) THEN
    state := state || array_fill(-1::bigint, ARRAY[r]);
    nc := nc + 1;
    o := base + (nc - 1) * r;
    state[o + 1] := 1;
    state[o + 2] := CASE WHEN mode = 2 THEN sm & -sm ELSE 1 END;
    state[o + 3] := 0;
    state[o + 4] := at_ms;
  END IF;
  IF excl = 0 THEN
    -- Without exclusions a chain never goes back: a stopped or complete chain is final, and of two open
    -- chains on the same steps the newer moves on the same events with more window left.
    FOR i IN REVERSE nc..1 LOOP
      CONTINUE WHEN NOT keep[i];
      o := base + (i - 1) * r;
      IF state[o + 3] = 1 OR state[o + 1] = n OR (state[o + 1] * 1024 + state[o + 2])::int = ANY (seen) THEN
        state := analytics_funnel_settle(state, o, n);
        keep[i] := false;
        dropped := true;
      ELSE
        seen := seen || (state[o + 1] * 1024 + state[o + 2])::int;
      END IF;
    END LOOP;
  ELSE
    FOR i IN 1..nc LOOP
      o := base + (i - 1) * r;
      IF keep[i] AND state[o + 1] = n THEN
        state := analytics_funnel_settle(state, o, n);
        keep[i] := false;
        dropped := true;
      END IF;
    END LOOP;
  END IF;
  IF NOT dropped THEN
    RETURN state;
  END IF;
  result := state[1:base];
  FOR i IN 1..nc LOOP
    IF keep[i] THEN
      o := base + (i - 1) * r;
      result := result || state[o + 1:o + r];
    END IF;
  END LOOP;
  RETURN result;
END
$$;

CREATE FUNCTION analytics_funnel_chains_final(state bigint[]) RETURNS bigint[]
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  n int;
  r int;
  base int;
  i int;
BEGIN
  IF state IS NULL THEN
    RETURN NULL;
  END IF;
  n := state[1];
  r := n + 3;
  base := n + 3;
  FOR i IN 1..(coalesce(array_length(state, 1), 0) - base) / r LOOP
    state := analytics_funnel_settle(state, base + (i - 1) * r, n);
  END LOOP;
  IF state[2] = 0 THEN
    RETURN NULL;
  END IF;
  RETURN state[2:2] || state[4:base];
END
$$;

CREATE AGGREGATE analytics_funnel_chains(int, bigint, int, bigint, int, bigint) (
  SFUNC = analytics_funnel_chains_step, STYPE = bigint[], FINALFUNC = analytics_funnel_chains_final
);
