-- Fixes the "latest orders" dashboard query: ORDER BY o.created_at DESC LIMIT 50 reads the newest
-- orders from this index and stops, instead of sorting every order joined with its users and items.
CREATE INDEX orders_created_at_idx ON orders (created_at);
