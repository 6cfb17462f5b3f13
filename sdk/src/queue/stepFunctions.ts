/**
 * The claim and the completion of a step attempt as functions on the server (queue migration 2): each is one round
 * trip instead of six to ten, which is most of a queued step's overhead, and more so on a loaded machine where every
 * round trip is a switch between the worker's process and the server's. `claimStep.ts` and `completeStep.ts` call
 * them and say what they decide.
 *
 * The run's row is locked in the weakest mode that keeps each right. A claim or a success takes a share of its key:
 * one run's claims and successes go on at once, while a cancel or a failure (which skip steps and lock the row for
 * update) waits for them and they for it. A run that limits its steps at once has its claims take the row for update,
 * to count one at a time. What two completions contend for, the run's count and the count of a dependent they share,
 * `end_steps` takes last (after the worker has recorded the step's events), so it is held only to the commit.
 *
 * A step that finds its run's or its pool's slots all taken waits in `slot_waiters`, without a job; the completion
 * that frees a slot wakes the oldest waiter (adds its job) under the same lock as the claims count by, so no wake-up
 * is lost. `wake_free_slots` is the safety net a worker's heartbeat runs, and what a changed pool limit runs.
 */
import { NOW_MS } from "./queueTx";

export const STEP_FUNCTIONS = `
CREATE TABLE slot_waiters (
  run_id TEXT NOT NULL, step_id TEXT NOT NULL, attempt INTEGER NOT NULL, queue TEXT,
  pool TEXT, since BIGINT NOT NULL,
  PRIMARY KEY (run_id, step_id));
CREATE INDEX slot_waiters_pool ON slot_waiters (pool, since);
COMMENT ON COLUMN slot_waiters.pool IS 'The pool whose slot the step waits for; NULL: a slot of its run';

CREATE FUNCTION add_step_jobs(p_jobs JSON, p_jobs_schema TEXT, p_step_task TEXT)
RETURNS VOID LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF json_array_length(p_jobs) = 0 THEN RETURN; END IF;
  -- Graphile Worker's add_jobs; the task is stepTask(queue) of queueTx.ts, a run_at of NULL is now.
  EXECUTE format($sql$SELECT count(*) FROM %I.add_jobs(ARRAY(
      SELECT ROW($1 || coalesce(':' || j.queue, ''),
        json_build_object('runId', j."runId", 'stepId', j."stepId", 'attempt', j.attempt),
        NULL, CASE WHEN j."delayMs" > 0 THEN now() + j."delayMs" * interval '1 millisecond' END,
        NULL, NULL, NULL, NULL)::%I.job_spec
      FROM json_to_recordset($2) AS j("runId" TEXT, "stepId" TEXT, attempt INTEGER, queue TEXT, "delayMs" INTEGER)))$sql$,
    p_jobs_schema, p_jobs_schema)
    USING p_step_task, p_jobs;
END $$;

CREATE FUNCTION wake_waiters(p_pool TEXT, p_run_id TEXT, p_count INTEGER, p_jobs_schema TEXT, p_step_task TEXT)
RETURNS VOID LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  woken JSON;
BEGIN
  IF p_count <= 0 THEN RETURN; END IF;
  WITH popped AS (
    DELETE FROM slot_waiters w WHERE (w.run_id, w.step_id) IN (
      SELECT o.run_id, o.step_id FROM slot_waiters o
      WHERE CASE WHEN p_pool IS NULL THEN o.pool IS NULL AND o.run_id = p_run_id ELSE o.pool = p_pool END
      ORDER BY o.since LIMIT p_count FOR UPDATE SKIP LOCKED)
    RETURNING w.run_id, w.step_id, w.attempt, w.queue)
  SELECT coalesce(json_agg(json_build_object('runId', run_id, 'stepId', step_id, 'attempt', attempt, 'queue', queue)),
    '[]') INTO woken FROM popped;
  PERFORM add_step_jobs(woken, p_jobs_schema, p_step_task);
END $$;

CREATE FUNCTION wake_free_slots(p_jobs_schema TEXT, p_step_task TEXT)
RETURNS VOID LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  w RECORD;
BEGIN
  FOR w IN
    SELECT o.pool, min(o.run_id) AS run_id, count(*)::integer AS waiting,
      (SELECT p.slots FROM pools p WHERE p.name = o.pool) AS slots,
      (SELECT count(*)::integer FROM run_steps s WHERE s.pool = o.pool AND s.status = 'running') AS busy
    FROM slot_waiters o WHERE o.pool IS NOT NULL GROUP BY o.pool
  LOOP
    -- A pool whose limit was cleared frees all its waiters.
    PERFORM wake_waiters(w.pool, NULL, CASE WHEN w.slots IS NULL THEN w.waiting ELSE w.slots - w.busy END,
      p_jobs_schema, p_step_task);
  END LOOP;
  FOR w IN
    SELECT o.run_id, r.concurrency,
      (SELECT count(*)::integer FROM run_steps s WHERE s.run_id = o.run_id AND s.status = 'running') AS busy
    FROM slot_waiters o JOIN queued_runs r ON r.run_id = o.run_id WHERE o.pool IS NULL GROUP BY o.run_id, r.concurrency
  LOOP
    PERFORM wake_waiters(NULL, w.run_id, w.concurrency - w.busy, p_jobs_schema, p_step_task);
  END LOOP;
END $$;

CREATE FUNCTION claim_step(p_run_id TEXT, p_step_id TEXT, p_attempt INTEGER, p_worker TEXT, p_job_id BIGINT)
RETURNS JSON LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  run_status TEXT;
  run_limit INTEGER;
  s run_steps%ROWTYPE;
  busy INTEGER;
  pool_slots INTEGER;
  full_of TEXT;
BEGIN
  SELECT status, concurrency INTO run_status, run_limit FROM queued_runs WHERE run_id = p_run_id FOR KEY SHARE;
  IF run_limit > 0 THEN
    SELECT status INTO run_status FROM queued_runs WHERE run_id = p_run_id FOR NO KEY UPDATE;
  END IF;
  IF run_status IS DISTINCT FROM 'running' THEN
    RETURN json_build_object('claimed', false, 'why', 'cancelled',
      'message', format('run %s is %s', p_run_id, coalesce(run_status, 'not queued')));
  END IF;
  SELECT * INTO s FROM run_steps WHERE run_id = p_run_id AND step_id = p_step_id FOR UPDATE;
  IF s.status IS DISTINCT FROM 'queued' OR s.attempt <> p_attempt - 1 THEN
    RETURN json_build_object('claimed', false, 'why', 'superseded',
      'message', format('step %s is %s at attempt %s, not waiting for attempt %s',
        p_step_id, coalesce(s.status, 'unknown'), coalesce(s.attempt, 0), p_attempt));
  END IF;
  IF run_limit > 0 THEN
    SELECT count(*) INTO busy FROM run_steps WHERE run_id = p_run_id AND status = 'running';
    IF busy >= run_limit THEN
      INSERT INTO slot_waiters (run_id, step_id, attempt, queue, pool, since)
        VALUES (p_run_id, p_step_id, p_attempt, s.queue, NULL, ${NOW_MS})
        ON CONFLICT (run_id, step_id) DO UPDATE SET attempt = excluded.attempt, pool = NULL;
      RETURN json_build_object('claimed', false, 'why', 'no slot',
        'message', format('run %s runs %s steps already', p_run_id, run_limit));
    END IF;
  END IF;
  IF s.pool IS NOT NULL THEN
    -- The pool's row is the lock: a claim counts its running steps only once the previous claim has committed.
    SELECT slots INTO pool_slots FROM pools WHERE name = s.pool FOR UPDATE;
    IF FOUND THEN
      SELECT count(*) INTO busy FROM run_steps WHERE pool = s.pool AND status = 'running';
      IF busy >= pool_slots THEN
        INSERT INTO slot_waiters (run_id, step_id, attempt, queue, pool, since)
          VALUES (p_run_id, p_step_id, p_attempt, s.queue, s.pool, ${NOW_MS})
          ON CONFLICT (run_id, step_id) DO UPDATE SET attempt = excluded.attempt, pool = excluded.pool;
        RETURN json_build_object('claimed', false, 'why', 'no slot',
          'message', format('pool %s runs %s steps already', s.pool, pool_slots));
      END IF;
    END IF;
  END IF;
  UPDATE run_steps SET status = 'running', attempt = p_attempt, worker_id = p_worker
    WHERE run_id = p_run_id AND step_id = p_step_id;
  INSERT INTO step_attempts (run_id, step_id, attempt, worker_id, job_id, started_at)
    VALUES (p_run_id, p_step_id, p_attempt, p_worker, p_job_id, ${NOW_MS});
  RETURN json_build_object('claimed', true, 'label', s.label, 'maxAttempts', s.max_attempts, 'pool', s.pool);
END $$;
CREATE FUNCTION complete_step(p_run_id TEXT, p_step_id TEXT, p_attempt INTEGER, p_worker TEXT, p_status TEXT,
  p_error TEXT, p_jobs_schema TEXT, p_step_task TEXT)
RETURNS JSON LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  run_status TEXT;
  run_limit INTEGER;
  s run_steps%ROWTYPE;
BEGIN
  IF p_status = 'succeeded' THEN
    SELECT status, concurrency INTO run_status, run_limit FROM queued_runs WHERE run_id = p_run_id FOR KEY SHARE;
    -- A limited run's claims count its running steps under this lock: its waiter is woken under it too.
    IF run_limit > 0 THEN
      PERFORM 1 FROM queued_runs WHERE run_id = p_run_id FOR NO KEY UPDATE;
    END IF;
  ELSE
    SELECT status, concurrency INTO run_status, run_limit FROM queued_runs WHERE run_id = p_run_id FOR UPDATE;
  END IF;
  SELECT * INTO s FROM run_steps WHERE run_id = p_run_id AND step_id = p_step_id FOR UPDATE;
  IF run_status IS NULL OR s.status IS DISTINCT FROM 'running' OR s.attempt <> p_attempt
     OR s.worker_id IS DISTINCT FROM p_worker THEN
    RETURN json_build_object('accepted', false,
      'message', format('attempt %s of step %s (run %s) is no longer current: the step is %s at attempt %s',
        p_attempt, p_step_id, p_run_id, coalesce(s.status, 'unknown'), coalesce(s.attempt, 0)));
  END IF;
  UPDATE step_attempts SET outcome = p_status, error = p_error, ended_at = ${NOW_MS}
    WHERE run_id = p_run_id AND step_id = p_step_id AND attempt = p_attempt;
  -- The step leaves its slot whatever its outcome: the oldest step waiting for it is woken.
  IF run_limit > 0 THEN
    PERFORM wake_waiters(NULL, p_run_id, 1, p_jobs_schema, p_step_task);
  END IF;
  IF s.pool IS NOT NULL THEN
    PERFORM 1 FROM pools WHERE name = s.pool FOR UPDATE;
    PERFORM wake_waiters(s.pool, NULL, 1, p_jobs_schema, p_step_task);
  END IF;
  IF p_status <> 'succeeded' THEN
    RETURN json_build_object('accepted', true, 'runStatus', run_status, 'label', s.label,
      'maxAttempts', s.max_attempts, 'retryDelayMs', s.retry_delay_ms, 'queue', s.queue);
  END IF;
  UPDATE run_steps SET status = 'succeeded', worker_id = NULL WHERE run_id = p_run_id AND step_id = p_step_id;
  RETURN json_build_object('accepted', true);
END $$;

CREATE FUNCTION end_steps(p_run_id TEXT, p_ended INTEGER, p_succeeded TEXT, p_jobs_schema TEXT, p_step_task TEXT)
RETURNS JSON LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  ready JSON := '[]';
  left_steps INTEGER;
  run_status TEXT;
BEGIN
  IF p_succeeded IS NOT NULL THEN
    WITH counted AS (
      UPDATE run_steps d SET waiting_on = d.waiting_on - 1,
        status = CASE WHEN d.waiting_on = 1 THEN 'queued' ELSE d.status END
      FROM run_step_upstream e
      WHERE e.run_id = p_run_id AND e.upstream_id = p_succeeded AND d.run_id = p_run_id AND d.step_id = e.step_id
        AND d.status = 'waiting'
      RETURNING d.step_id, d.status, d.queue)
    SELECT coalesce(json_agg(json_build_object('runId', p_run_id, 'stepId', step_id, 'attempt', 1, 'queue', queue)),
      '[]') INTO ready FROM counted WHERE status = 'queued';
    PERFORM add_step_jobs(ready, p_jobs_schema, p_step_task);
  END IF;
  UPDATE queued_runs SET unfinished = unfinished - p_ended WHERE run_id = p_run_id
    RETURNING unfinished, status INTO left_steps, run_status;
  RETURN json_build_object('ready', ready, 'unfinished', left_steps, 'status', run_status);
END $$;
`;
