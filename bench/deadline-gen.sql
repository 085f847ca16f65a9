-- bench/deadline-gen.sql -- fills an empty klachtd database (schema made
-- by `deadline-bench -i`) with @n cases received over the ten years
-- before @now, the way a municipality's register looks after a decade:
--
--   * received evenly over ten years (1,000,000 cases: ~1,900 a week);
--   * closed, except cases received in the last ten weeks (nine in ten
--     of those are open) and one in 997 older cases, left open and long
--     overdue;
--   * open cases: status acknowledged / in_progress / waiting, armed for
--     the deadline scan (deadline_next = 0, as after an upgrade or a
--     change of the escalation settings); one in ten extended by four
--     weeks; one in twenty unassigned;
--   * categories afval, parkeren, gedrag (confidential), zorg, none.
--
-- Run with the sqlite3 shell:
--   sqlite3 DB ".parameter init" ".parameter set @n 1000000" \
--       ".parameter set @now 1796115600" ".read bench/deadline-gen.sql"
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE
  n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @n),
  c(i, recv, open) AS (
    SELECT i, @now - (@n - i) * (3650 * 86400) / @n,
      ((@n - i) * (3650 * 86400) / @n < 70 * 86400 AND i % 10 <> 0)
        OR i % 997 = 0
    FROM n)
INSERT INTO cases (id, ref, year, seq, status, category, assignee,
    confidential, complainant_email, complainant_name, subject, language,
    received_at, due_at, extended, judgement, decided_at, closed_at,
    created_at, updated_at, deadline_next)
SELECT i,
  printf('KL-%s-%07d', strftime('%Y', recv, 'unixepoch'), i),
  CAST(strftime('%Y', recv, 'unixepoch') AS INTEGER), i,
  CASE WHEN NOT open THEN 'closed'
       WHEN i % 4 = 0 THEN 'acknowledged'
       WHEN i % 4 = 3 THEN 'waiting' ELSE 'in_progress' END,
  CASE i % 5 WHEN 0 THEN 'afval' WHEN 1 THEN 'parkeren'
       WHEN 2 THEN 'gedrag' WHEN 3 THEN 'zorg' ELSE NULL END,
  CASE WHEN i % 20 = 0 THEN NULL WHEN i % 2 = 0 THEN 'anna' ELSE 'bob' END,
  i % 5 = 2,
  printf('klager%d@example.net', i), printf('Klager %d', i),
  printf('Klacht %d over de dienstverlening', i), 'nl',
  recv,
  recv + 42 * 86400 + CASE WHEN open AND i % 10 = 3 THEN 28 * 86400
    ELSE 0 END,
  open AND i % 10 = 3,
  CASE WHEN open THEN NULL ELSE 'ongegrond' END,
  CASE WHEN open THEN NULL ELSE recv + 30 * 86400 END,
  CASE WHEN open THEN NULL ELSE recv + 30 * 86400 END,
  recv, recv,
  CASE WHEN open THEN 0 ELSE NULL END
FROM c;
COMMIT;
