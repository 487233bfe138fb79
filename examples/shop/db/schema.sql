-- The shop's schema (seed 000's incident): users place orders, orders hold items.
-- orders.created_at has no index: the dashboard's "latest orders" query sorts every order to show 50.
-- migrations/002_orders_created_at_index.sql is the fix.
CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL,
  country text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  status text NOT NULL,
  total_cents integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_user_id_idx ON orders (user_id);

CREATE TABLE order_items (
  id bigserial PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id),
  product_id integer NOT NULL,
  quantity integer NOT NULL,
  unit_price_cents integer NOT NULL
);
CREATE INDEX order_items_order_id_idx ON order_items (order_id);
