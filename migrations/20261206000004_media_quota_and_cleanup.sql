-- The clean-up of unattached images finds them by age and by the posts that use them, and
-- keeps a file while any workspace's image still has its content.
create index media_created_idx on media (created_at);
create index media_sha256_idx on media (sha256);
create index post_media_media_idx on post_media (media_id);
