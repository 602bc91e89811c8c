//! The SQLite schema, as an ordered list of migrations.
//!
//! `PRAGMA user_version` holds how many migrations a store has had; `open`
//! applies the missing ones in one transaction. Never edit a released
//! migration: append a new one.

/// `PRAGMA application_id` of a newsdesk store ("NSDS"), so we don't
/// scribble over some other program's database.
pub const APPLICATION_ID: i64 = 0x4e53_4453;

/// Migrations, oldest first. Index `i` takes a store from version `i` to
/// `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: the initial schema.
    r#"
    -- Raw inputs, deduplicated by the hash of their bytes, kept compressed
    -- (zlib) so articles can be re-analysed from them later.
    CREATE TABLE raw_blobs (
        hash        TEXT PRIMARY KEY,
        size        INTEGER NOT NULL,
        compression TEXT NOT NULL,
        data        BLOB NOT NULL
    );

    -- Articles, keyed by content hash. `seq` is the stable integer key the
    -- full-text index refers to.
    CREATE TABLE articles (
        seq                INTEGER PRIMARY KEY,
        id                 TEXT NOT NULL UNIQUE,
        content_hash       TEXT NOT NULL UNIQUE,
        title              TEXT,
        outlet             TEXT,
        outlet_folded      TEXT,
        published_earliest TEXT,
        published_latest   TEXT,
        text               TEXT NOT NULL,
        analysis           TEXT NOT NULL,
        minhash            BLOB
    );
    CREATE INDEX articles_outlet ON articles(outlet_folded);
    CREATE INDEX articles_published ON articles(published_earliest, published_latest);

    -- Every input record ever seen, once per (locator, raw bytes): the
    -- ledger that makes "counts in equal counts out" checkable.
    CREATE TABLE inputs (
        seq        INTEGER PRIMARY KEY,
        locator    TEXT NOT NULL,
        raw_hash   TEXT NOT NULL REFERENCES raw_blobs(hash),
        status     TEXT NOT NULL CHECK (status IN ('inserted', 'duplicate', 'rejected')),
        article    TEXT REFERENCES articles(id),
        reason     TEXT,
        format     TEXT,
        encoding   TEXT,
        UNIQUE (locator, raw_hash),
        CHECK ((status = 'rejected') = (article IS NULL)),
        CHECK ((status = 'rejected') = (reason IS NOT NULL))
    );
    CREATE INDEX inputs_raw ON inputs(raw_hash);
    CREATE INDEX inputs_article ON inputs(article);
    CREATE INDEX inputs_status ON inputs(status, seq);

    -- Folded entity names per article, for the entity filter.
    CREATE TABLE article_entities (
        entity  TEXT NOT NULL,
        article TEXT NOT NULL REFERENCES articles(id),
        PRIMARY KEY (entity, article)
    ) WITHOUT ROWID;

    -- Full-text index over title and text, kept in step by triggers.
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text,
        content = 'articles', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    -- Rank by BM25 with title matches weighted ten times text matches;
    -- stored in the index so `ORDER BY rank` stays the fast path.
    INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END;

    -- Corpus-level results computed by later stages.
    CREATE TABLE links (
        src      TEXT NOT NULL REFERENCES articles(id),
        dst      TEXT NOT NULL REFERENCES articles(id),
        relation TEXT NOT NULL,
        score    REAL NOT NULL,
        evidence TEXT NOT NULL,
        PRIMARY KEY (src, dst, relation)
    ) WITHOUT ROWID;
    CREATE INDEX links_dst ON links(dst);

    CREATE TABLE story_assignments (
        article TEXT PRIMARY KEY REFERENCES articles(id),
        story   TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX story_assignments_story ON story_assignments(story, article);
    "#,
    // 2: an article's entities were found by scanning the whole
    // entity table (its key is (entity, article)): quadratic over a
    // corpus. The date filter `since` compares `published_latest` alone,
    // which the (earliest, latest) index can't serve.
    r#"
    CREATE INDEX IF NOT EXISTS article_entities_article ON article_entities(article, entity);
    CREATE INDEX IF NOT EXISTS articles_published_latest ON articles(published_latest);
    "#,
    // 3: the full-text index is built in bulk, not by a trigger per row.
    // Indexing article by article (one small segment per batch, then
    // merges) was a quarter of ingest CPU, all on the writing thread;
    // indexing thousands at once costs a fraction of that. `fts_state`
    // says how far the index goes: articles with a larger `seq` are
    // indexed before any search (see `SqliteStore::sync_fts`).
    r#"
    DROP TRIGGER IF EXISTS articles_ai;
    CREATE TABLE fts_state (
        id              INTEGER PRIMARY KEY CHECK (id = 1),
        indexed_through INTEGER NOT NULL
    );
    INSERT INTO fts_state(id, indexed_through) VALUES (1, (SELECT coalesce(max(seq), 0) FROM articles));
    "#,
    // 4: raw inputs are stored zstd-compressed (`raw_blobs.compression`
    // = 'zstd') and analyses as zstd BLOBs (see `pack.rs`): a quarter of
    // the bytes and a third of the CPU of zlib-6 and plain JSON. Rows
    // written before stay as they are and are still read. No table
    // changes: the version bump keeps out older binaries, which can't
    // read the new rows.
    r#"
    -- nothing to change
    "#,
    // 5: entities move into the article row, and entity and outlet
    // filters into the full-text index. `article_entities`, keyed by
    // entity, took ~15 random B-tree inserts per article: at a million
    // articles (15 million rows) every batch dirtied tens of thousands
    // of pages, written to the WAL and again at checkpoint — most of the
    // ingest's I/O (147 KB written per article). The article's names are
    // now one column of its row (`entities`, folded, one per line), and
    // the inverse direction is a column of filter tokens (`filter_keys`:
    // `e` + hex of each folded entity, `o` + hex of the folded outlet)
    // in the FTS5 index, which is built in bulk, and which lets a
    // filtered search intersect posting lists instead of checking every
    // match. The full-text index is rebuilt (in bulk, on next use).
    // Delete and update triggers now fire only for rows already indexed:
    // deleting a row FTS5 never saw corrupts its index.
    r#"
    -- First the triggers: the update below must not touch the old index.
    DROP TRIGGER IF EXISTS articles_ai;
    DROP TRIGGER IF EXISTS articles_ad;
    DROP TRIGGER IF EXISTS articles_au;
    ALTER TABLE articles ADD COLUMN entities TEXT NOT NULL DEFAULT '';
    ALTER TABLE articles ADD COLUMN filter_keys TEXT NOT NULL DEFAULT '';
    UPDATE articles SET
        entities = coalesce((SELECT group_concat(e.entity, char(10) ORDER BY e.entity)
                             FROM article_entities e WHERE e.article = articles.id), ''),
        filter_keys = trim(coalesce('o' || lower(hex(outlet_folded)), '') || ' ' ||
                           coalesce((SELECT group_concat('e' || lower(hex(e.entity)), ' ' ORDER BY e.entity)
                                     FROM article_entities e WHERE e.article = articles.id), ''));
    DROP TABLE article_entities;
    DROP TABLE articles_fts;
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, filter_keys,
        content = 'articles', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    -- Title ×10, text ×1; filter tokens don't rank.
    INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 0.0)');
    CREATE TRIGGER articles_ad AFTER DELETE ON articles
    WHEN old.seq <= (SELECT indexed_through FROM fts_state WHERE id = 1) BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text, filter_keys)
        VALUES ('delete', old.seq, old.title, old.text, old.filter_keys);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, text, filter_keys ON articles
    WHEN old.seq <= (SELECT indexed_through FROM fts_state WHERE id = 1) BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text, filter_keys)
        VALUES ('delete', old.seq, old.title, old.text, old.filter_keys);
        INSERT INTO articles_fts(rowid, title, text, filter_keys)
        VALUES (new.seq, new.title, new.text, new.filter_keys);
    END;
    UPDATE fts_state SET indexed_through = 0;
    "#,
    // 6: fewer randomly keyed indexes. Every index keyed by a hash takes
    // one random B-tree insert per article; at a million articles each
    // write transaction dirtied thousands of pages of each such index,
    // written to the WAL and again at checkpoint: two thirds of the
    // ingest's 54 GB of writes came from five of them. Three go:
    // - `articles.content_hash` loses its UNIQUE index: the id is a
    //   prefix of the content hash, so the id index finds an article by
    //   content (see `SqliteStore::put_one`);
    // - `inputs(raw_hash)`: the first input of a raw blob is now a column
    //   of the blob's row (`raw_blobs.first_input`);
    // - `inputs(article)` keeps only the duplicates (a tenth of the
    //   inputs); the input that inserted an article is a column of its row
    //   (`articles.input`).
    // Both tables are rebuilt (SQLite can't drop a UNIQUE constraint),
    // which also puts the small columns before the large ones, so reading
    // a signature or an entity list no longer walks a row's overflow
    // pages. Row numbers (`seq`) are kept: the full-text index and
    // `corpus_keys` refer to them. `raw_blobs` gains an INTEGER PRIMARY
    // KEY so its row numbers survive a VACUUM. Run with foreign keys off
    // (see `SqliteStore::init`), checked before commit.
    r#"
    DROP TRIGGER IF EXISTS articles_ad;
    DROP TRIGGER IF EXISTS articles_au;

    CREATE TABLE raw_blobs_v6 (
        seq         INTEGER PRIMARY KEY,
        hash        TEXT NOT NULL UNIQUE,
        first_input INTEGER,
        size        INTEGER NOT NULL,
        compression TEXT NOT NULL,
        data        BLOB NOT NULL
    );
    INSERT INTO raw_blobs_v6(seq, hash, first_input, size, compression, data)
    SELECT r.rowid, r.hash, (SELECT min(i.seq) FROM inputs i WHERE i.raw_hash = r.hash),
           r.size, r.compression, r.data
    FROM raw_blobs r ORDER BY r.rowid;

    CREATE TABLE articles_v6 (
        seq                INTEGER PRIMARY KEY,
        id                 TEXT NOT NULL UNIQUE,
        input              INTEGER,
        content_hash       TEXT NOT NULL,
        title              TEXT,
        outlet             TEXT,
        outlet_folded      TEXT,
        published_earliest TEXT,
        published_latest   TEXT,
        entities           TEXT NOT NULL DEFAULT '',
        filter_keys        TEXT NOT NULL DEFAULT '',
        minhash            BLOB,
        text               TEXT NOT NULL,
        analysis           TEXT NOT NULL
    );
    INSERT INTO articles_v6(seq, id, input, content_hash, title, outlet, outlet_folded,
                            published_earliest, published_latest, entities, filter_keys,
                            minhash, text, analysis)
    SELECT a.seq, a.id,
           (SELECT min(i.seq) FROM inputs i WHERE i.article = a.id AND i.status = 'inserted'),
           a.content_hash, a.title, a.outlet, a.outlet_folded, a.published_earliest,
           a.published_latest, a.entities, a.filter_keys, a.minhash, a.text, a.analysis
    FROM articles a ORDER BY a.seq;

    DROP INDEX IF EXISTS inputs_raw;
    DROP INDEX IF EXISTS inputs_article;
    DROP TABLE articles;
    DROP TABLE raw_blobs;
    ALTER TABLE articles_v6 RENAME TO articles;
    ALTER TABLE raw_blobs_v6 RENAME TO raw_blobs;

    CREATE INDEX articles_outlet ON articles(outlet_folded);
    CREATE INDEX articles_published ON articles(published_earliest, published_latest);
    CREATE INDEX articles_published_latest ON articles(published_latest);
    CREATE INDEX inputs_duplicates ON inputs(article) WHERE status = 'duplicate';

    -- Full-text segments are merged eight at a time, not four: each
    -- posting is rewritten about half as often while the index grows
    -- (bulk indexing of 500k articles: 44 s → 35 s), for a few more
    -- segments per search.
    INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 8);

    CREATE TRIGGER articles_ad AFTER DELETE ON articles
    WHEN old.seq <= (SELECT indexed_through FROM fts_state WHERE id = 1) BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text, filter_keys)
        VALUES ('delete', old.seq, old.title, old.text, old.filter_keys);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, text, filter_keys ON articles
    WHEN old.seq <= (SELECT indexed_through FROM fts_state WHERE id = 1) BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text, filter_keys)
        VALUES ('delete', old.seq, old.title, old.text, old.filter_keys);
        INSERT INTO articles_fts(rowid, title, text, filter_keys)
        VALUES (new.seq, new.title, new.text, new.filter_keys);
    END;
    "#,
];
