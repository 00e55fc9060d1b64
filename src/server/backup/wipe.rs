//! Emptying the database before a restore: Herald's tables, functions and the task queue go,
//! so a backup from an older version loads cleanly and then migrates forward.
use anyhow::Context;
use sqlx::PgPool;

/// Drops what this database user owns in `public` (but extensions' objects, which the dump
/// creates only if missing), and the `apalis` schema. A runtime string:
/// the statements are built from the catalog, which no compile-time check can know.
pub async fn drop_everything(pool: &PgPool) -> anyhow::Result<()> {
    sqlx::raw_sql(
        r#"
        do $$
        declare statement text;
        begin
          drop schema if exists apalis cascade;
          for statement in
            select format('drop view if exists public.%I cascade', viewname)
              from pg_views where schemaname = 'public' and viewowner = current_user
            union all
            select format('drop table if exists public.%I cascade', tablename)
              from pg_tables where schemaname = 'public' and tableowner = current_user
          loop execute statement; end loop;
          for statement in
            select format('drop sequence if exists public.%I cascade', sequencename)
              from pg_sequences where schemaname = 'public' and sequenceowner = current_user
            union all
            select format('drop function if exists %s cascade', p.oid::regprocedure)
              from pg_proc p
             where p.pronamespace = 'public'::regnamespace and p.proowner = current_user::regrole
               and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
            union all
            select format('drop type if exists public.%I cascade', t.typname)
              from pg_type t
             where t.typnamespace = 'public'::regnamespace and t.typowner = current_user::regrole
               and t.typtype in ('e', 'd', 'c', 'r') and t.typrelid = 0
               and not exists (select 1 from pg_depend d where d.objid = t.oid and d.deptype = 'e')
          loop execute statement; end loop;
        end $$;
        "#,
    )
    .execute(pool)
    .await
    .context("could not empty the database before restoring")?;
    Ok(())
}
