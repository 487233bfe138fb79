-- Fixes the dashboard's "latest orders" query (src/reports/report.repository.ts, recentOrders):
-- with this index PostgreSQL reads the 50 newest orders backwards from it and stops, instead of
-- sorting every order joined with its customer and items (2.4 M rows, seed 000's incident).
CREATE INDEX orders_created_at_idx ON orders (created_at);
