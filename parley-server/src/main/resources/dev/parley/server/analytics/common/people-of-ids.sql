-- A fragment that ends a query (both stores' summary-users.sql): how many people the distinct
-- (user_id, anonymous_id) pairs of the CTE `ids` are, an id that `link` (identity-links.sql)
-- links to a userId counting as that user.
SELECT count(DISTINCT CASE
         WHEN i.user_id IS NOT NULL THEN coalesce(lu.user_id, i.user_id)
         ELSE coalesce(la.user_id, 'anonymous:' || i.anonymous_id) END) AS users
FROM ids i
LEFT JOIN link lu ON lu.linked_id = i.user_id
LEFT JOIN link la ON la.linked_id = i.anonymous_id
