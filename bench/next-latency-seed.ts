/**
 * The next-latency bench's data, written by a few INSERT … SELECT statements inside the database
 * (no row crosses the wire, so 1M verdicts seed in seconds on PostgreSQL): `models` models with
 * Zipf popularity and normal true ratings (SD 250 Elo, as in the arena), 2,000 prompts in four
 * categories, a stored answer for about 60% of (prompt, model), three judges, and `verdicts`
 * Bradley–Terry verdicts that link the stored answers where they exist. The counts table and the
 * data version are brought up to date as a write transaction would. `setseed` makes it repeatable.
 */
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../src/db/client';
import { adjustCounts, bumpDataVersion } from '../src/services/verdict-count-maintenance';

export const LATENCY_PROMPTS = 2000;
/** Share of (prompt, model) with a stored answer: most, not all, as in an imported catalogue. */
const ANSWERED_SHARE = 0.6;

export async function seedLatencyData(
  handle: DatabaseHandle,
  models: number,
  verdicts: number,
): Promise<void> {
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT setseed(0.22)`);
    await tx.execute(sql`
      INSERT INTO models (name) SELECT 'lat-' || lpad(i::text, 3, '0') FROM generate_series(0, ${models - 1}) i`);
    await tx.execute(sql`
      INSERT INTO prompts (dedup_key, external_id, text, category)
      SELECT 'lat-q' || i, 'lat-q' || i, 'Latency question ' || i || '?',
             (ARRAY['coding', 'math', 'writing', 'reasoning'])[1 + i % 4]
      FROM generate_series(0, ${LATENCY_PROMPTS - 1}) i`);
    await tx.execute(sql`
      INSERT INTO judges (name, kind) VALUES ('lat-gpt', 'LLM'), ('lat-claude', 'LLM'), ('lat-crowd', 'HUMAN')`);
    await tx.execute(sql`
      INSERT INTO responses (prompt_id, model_id, text, text_hash, token_length, token_length_estimated,
                             char_length, header_count, list_item_count, bold_count)
      SELECT p.id, m.id, m.name || ' on ' || p.external_id, md5(m.name || p.external_id), 12, true, 24, 0, 0, 0
      FROM prompts p CROSS JOIN models m WHERE random() < ${ANSWERED_SHARE}`);
    // Popularity ∝ 1/(rank+1) (Zipf, as in Chatbot Arena): a model is drawn by the bucket of a
    // uniform number among the cumulative weights; true ratings are Box–Muller normal draws.
    await tx.execute(sql`
      CREATE TEMP TABLE lat_models ON COMMIT DROP AS
      SELECT id, rank, elo, sum(weight) OVER (ORDER BY rank) - weight AS lower
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS rank, 1.0 / row_number() OVER (ORDER BY id) AS weight,
                   250 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS elo
            FROM models) ranked`);
    // Draws of the same model twice are dropped, so draw a sixth more than needed and keep the first.
    await tx.execute(sql`
      INSERT INTO verdicts (judge_id, prompt_id, model_a_id, model_b_id, response_a_id, response_b_id,
                            outcome, shown_first, provenance, created_at)
      WITH bounds AS (SELECT array_agg(lower ORDER BY rank) AS lowers, sum(1.0 / rank) AS total FROM lat_models),
      draws AS (
        SELECT i, width_bucket(random() * total, lowers) AS a, width_bucket(random() * total, lowers) AS b,
               1 + floor(random() * ${LATENCY_PROMPTS})::int AS prompt, random() AS u, floor(random() * 3)::int AS judge
        FROM generate_series(1, ${Math.ceil(verdicts * 1.2)}) i, bounds),
      kept AS (SELECT * FROM draws WHERE a <> b ORDER BY i LIMIT ${verdicts})
      SELECT j.id, p.id, ma.id, mb.id, ra.id, rb.id,
             CASE WHEN d.u < 1 / (1 + power(10, (mb.elo - ma.elo) / 400)) THEN 'A>B' ELSE 'B>A' END::outcome_label,
             CASE WHEN d.i % 2 = 0 THEN 'A' ELSE 'B' END::answer_position,
             'bench:next-latency', now() - (${verdicts} - d.i) * interval '1 second'
      FROM kept d
      JOIN lat_models ma ON ma.rank = d.a
      JOIN lat_models mb ON mb.rank = d.b
      JOIN prompts p ON p.external_id = 'lat-q' || (d.prompt - 1)
      JOIN judges j ON j.id = (SELECT min(id) FROM judges) + d.judge
      LEFT JOIN responses ra ON ra.prompt_id = p.id AND ra.model_id = ma.id
      LEFT JOIN responses rb ON rb.prompt_id = p.id AND rb.model_id = mb.id
      ORDER BY d.i`);
    await adjustCounts(tx, sql`TRUE`, 1);
    await bumpDataVersion(tx);
  });
  await handle.db.execute(sql`ANALYZE`);
}
