-- Nexmark q4 (average closing price per category), the Flink anchor's queries/q4.sql with
-- INSERT INTO a blackhole that takes its update stream (debezium_json).
CREATE TABLE sink_updates WITH (connector = 'blackhole', format = 'debezium_json');
INSERT INTO sink_updates
SELECT winning.category, AVG(winning.final_price) AS avg_price
FROM (
    SELECT a.id, a.category, MAX(b.price) AS final_price
    FROM auction AS a
    JOIN bid AS b ON a.id = b.auction
    WHERE b.date_time BETWEEN a.date_time AND a.expires
    GROUP BY a.id, a.category
) AS winning
GROUP BY winning.category;
